package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.MatchedAnswer;

/**
 * One rule firing in an evaluation, in firing order.
 *
 * @param seq       1-based position in the trace
 * @param reads     the answered questions the rule's own conditions read, in the order it names them
 * @param answers   the answers the rule read, then those behind the firings it built on (each question
 *                  once): its {@code reads} with their values, followed by its {@code dependsOn}'s answers
 * @param inserted  the facts its consequence inserted, e.g. {@code Show(sign_daily_details)}
 * @param dependsOn the {@code seq} of each earlier firing whose inserted fact this one matched
 */
public record Firing(int seq, String ruleId, String rule, String file, int line, List<String> reads,
        List<MatchedAnswer> answers, String reason, List<String> inserted, List<Integer> dependsOn) {

    private static final String FINDING = "Finding(";

    /** The names of the findings this firing inserted: the {@code Finding(name)} among {@link #inserted}. */
    public List<String> findings() {
        return inserted.stream().filter(fact -> fact.startsWith(FINDING) && fact.endsWith(")"))
                .map(fact -> fact.substring(FINDING.length(), fact.length() - 1)).toList();
    }
}
