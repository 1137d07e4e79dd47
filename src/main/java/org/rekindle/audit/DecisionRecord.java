package org.rekindle.audit;

import java.time.Instant;

/**
 * One stored decision: what was asked, with which ruleset, and what came back, exactly as the
 * app and the auditor see it. The JSON fields are stored as given (the wire format of
 * {@link org.rekindle.api.Json}); the log never re-interprets them.
 *
 * @param id             the assessment id apps and auditors use
 * @param subject        the app's pseudonymous id of the person, or null; used for erasure
 * @param couple         the app's id linking two partners' assessments, or null
 * @param partner        which partner answered ("a" or "b"), or null
 * @param owner          hash of the app token that created it, or null when the server runs open
 * @param answersJson    the normalised answers, as a JSON object
 * @param planJson       {@code {summary, cards}} as returned to the app
 * @param traceJson      {@code {trace, withheld}}: the firing trace and withheld cards
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
