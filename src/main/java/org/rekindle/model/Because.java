package org.rekindle.model;

import java.util.List;

/**
 * Why a card is in the plan: one rule that showed it, where that rule is written, the answers
 * that led to it (through any findings it built on) and its reason filled with those answers.
 *
 * @param seq the rule's firing in the decision's trace (its {@code seq} in the explanation)
 */
public record Because(int seq, String rule, String ruleId, String file, int line, List<MatchedAnswer> answers,
        String reason) {
}
