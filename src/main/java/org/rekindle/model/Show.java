package org.rekindle.model;

import java.util.Objects;

/**
 * A rule's decision to show one content item as a card. The card id must name an item in
 * {@code content/guidance}; the validator rejects a rule that names one that does not exist.
 * Several rules may show the same card: the card then lists each of them under {@code because}.
 */
public final class Show {

    private final String card;

    public Show(String card) {
        this.card = Objects.requireNonNull(card, "card");
    }

    public String getCard() {
        return card;
    }

    @Override
    public String toString() {
        return "Show(" + card + ")";
    }
}
