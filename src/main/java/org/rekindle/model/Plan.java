package org.rekindle.model;

import java.util.List;

/**
 * What a person is shown: a summary, the path the answers chose, the week's focus and every card the
 * path allows, in the order they should be read.
 *
 * @param path  the path, or null when the ruleset has no plan file
 * @param focus the ids of the focus cards, in the order they are read (each is also in {@code cards})
 * @param cards every card the path allows, in display order
 */
public record Plan(Summary summary, ChosenPath path, List<String> focus, List<Card> cards) {
}
