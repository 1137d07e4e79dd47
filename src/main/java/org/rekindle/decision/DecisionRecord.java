package org.rekindle.decision;

import java.time.Instant;

/**
 * One decision as the decision log keeps it, a row: what was asked, with which ruleset, what came back
 * and why. The JSON fields are written by {@link DecisionCodec#write}, each fact once, in the wire
 * format of {@link org.rekindle.json.Json}; the log stores them as given and never re-interprets them.
 * {@link DecisionCodec#read} is the one reader: it turns a row into a {@link StoredDecision}.
 *
 * @param id             the assessment id apps and auditors use
 * @param subject        the app's pseudonymous id of the person, or null; used for erasure
 * @param couple         the app's id linking two partners' assessments, or null
 * @param partner        which partner answered ("a" or "b"), or null
 * @param owner          hash of the app token that created it, or null when the server runs open
 * @param answersJson    the normalised answers, as a JSON object
 * @param planJson       {@code {id, rulesetVersion, createdAt, summary, cards}}, each card's reasons
 *                       as the seqs of the firings that showed it
 * @param traceJson      {@code {format, trace, withheld, order, path, previous}}: the firing trace, each
 *                       firing with its rule's id, its reason and the firings it built on (what its rule says
 *                       of itself, and the questions it read, are in its version's files; the answers in
 *                       {@code answersJson}), and the withheld cards grouped by why
 */
public record DecisionRecord(
        String id,
        Instant createdAt,
        String rulesetVersion,
        String subject,
        String couple,
        String partner,
        String owner,
        String answersJson,
        String planJson,
        String traceJson) {

    /**
     * Names the decision without its content: the answers, plan and trace appear only as their
     * lengths, so that logging a record by accident cannot leak them.
     */
    @Override
    public String toString() {
        return "DecisionRecord[id=" + id + ", createdAt=" + createdAt + ", rulesetVersion=" + rulesetVersion
                + ", answersJson=" + length(answersJson) + ", planJson=" + length(planJson)
                + ", traceJson=" + length(traceJson) + "]";
    }

    private static String length(String json) {
        return json == null ? "null" : json.length() + " chars";
    }
}
