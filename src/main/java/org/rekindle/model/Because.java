package org.rekindle.model;

import java.util.List;

/**
 * Why a card is in the plan: one rule that showed it, where that rule is written, the answers
 * that led to it (through any findings it built on) and its reason filled with those answers.
 */
public record Because(String rule, String ruleId, String file, int line, List<MatchedAnswer> answers,
        String reason) {
}
