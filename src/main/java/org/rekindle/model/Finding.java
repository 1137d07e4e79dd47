package org.rekindle.model;

import java.util.Objects;

/**
 * A conclusion a rule drew from the answers ("disconnection_suspected", "pursuer_withdrawer",
 * "safety_concern"), inserted as a fact so other rules can build on it. Findings are how a
 * multi-step derivation is written, and the explanation links each one back to the firing that
 * inserted it. The plan summary lists every finding by name.
 */
public final class Finding {

    private final String name;

    public Finding(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "Finding(" + name + ")";
    }
}
