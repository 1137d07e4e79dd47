package org.rekindle.content;

import java.util.List;

/**
 * A set of cards a coach names in the plan file by kind, by tag or by id: a card belongs to the set
 * when any of the three names it. An empty filter matches nothing.
 */
public record CardFilter(List<String> kinds, List<String> tags, List<String> cards) {

    /** The filter that matches no card. */
    public static final CardFilter NONE = new CardFilter(List.of(), List.of(), List.of());

    public CardFilter {
        kinds = List.copyOf(kinds);
        tags = List.copyOf(tags);
        cards = List.copyOf(cards);
    }

    /** True when the item's kind, one of its tags or its id is named here. */
    public boolean matches(GuidanceItem item) {
        if (cards.contains(item.id()) || kinds.contains(item.kind())) {
            return true;
        }
        for (String tag : item.tags()) {
            if (tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return kinds.isEmpty() && tags.isEmpty() && cards.isEmpty();
    }
}
