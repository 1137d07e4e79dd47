package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;

/**
 * What one evaluation of both partners' answers produced: the couple-level cards, in content order,
 * each with the firings that showed it (their answers cite both partners), and the trace.
 *
 * @param path  the couple's path, chosen as the plan file's {@code couple:} block says, with the firing that
 *              drew its finding; null when the plan file has no such block
 * @param focus the ids of the cards to talk about together first
 */
public record CoupleDecision(String rulesetVersion, ChosenPath path, List<Card> cards, List<String> focus,
        List<Firing> trace) {
}
