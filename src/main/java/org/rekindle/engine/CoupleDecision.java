package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.Card;

/**
 * What one evaluation of both partners' answers produced: the couple-level cards, in content order,
 * each with the firings that showed it (their answers cite both partners), and the trace.
 *
 * @param focus the ids of the first cards to talk about together, at most {@link Engine#COUPLE_FOCUS}
 */
public record CoupleDecision(String rulesetVersion, List<Card> cards, List<String> focus, List<Firing> trace) {
}
