package org.rekindle.model;

import java.util.Objects;

/**
 * A rule's decision to keep every card whose content carries {@code tag} out of the plan, whatever
 * other rules showed. The safety rules use it to withhold exercises that would expose a person at
 * risk to their partner ({@code tag = "exposing"}). Withheld cards are listed in the explanation
 * with the rule that withheld them, never in the plan.
 */
public final class Withhold {

    private final String tag;

    public Withhold(String tag) {
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    public String getTag() {
        return tag;
    }

    @Override
    public String toString() {
        return "Withhold(" + tag + ")";
    }
}
