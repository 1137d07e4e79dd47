package org.rekindle.model;

import java.util.List;

/** What a person is shown: a summary and the cards in the order they should be read. */
public record Plan(Summary summary, List<Card> cards) {
}
