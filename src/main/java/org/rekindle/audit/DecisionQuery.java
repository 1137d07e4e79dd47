package org.rekindle.audit;

import java.time.Instant;

/**
 * Which decisions an auditor asks for: every filter is optional (null), and they all apply together.
 *
 * @param from    created at or after
 * @param to      created before
 * @param version made with this ruleset version
 * @param rule    a rule with this id fired
 * @param card    the plan shows this card
 * @param path    the plan is on this path
 * @param after   the cursor: only decisions after this one in the order (newest first)
 * @param limit   at most this many
 */
public record DecisionQuery(Instant from, Instant to, String version, String rule, String card, String path,
        Cursor after, int limit) {

    /** A place in the order of decisions, newest first: the last decision of the previous page. */
    public record Cursor(Instant createdAt, String id) {
    }
}
