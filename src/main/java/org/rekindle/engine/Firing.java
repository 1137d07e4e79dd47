package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.MatchedAnswer;

/**
 * One rule firing in an evaluation, in firing order.
 *
 * @param seq       1-based position in the trace
 * @param answers   the answers the rule read, plus those behind the findings it matched
 * @param inserted  the facts its consequence inserted, e.g. {@code Show(sign_daily_details)}
 * @param dependsOn the {@code seq} of each earlier firing whose inserted fact this one matched
 */
public record Firing(int seq, String ruleId, String rule, String file, int line, List<MatchedAnswer> answers,
        String reason, List<String> inserted, List<Integer> dependsOn) {
}
