package org.rekindle.api.assessments;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.rekindle.bundle.Sha256;
import org.rekindle.content.Content;
import org.rekindle.decision.StoredDecision;
import org.rekindle.json.Json;

/**
 * The plan a stored decision gave, as the app got it (or would have, in another view), and whether
 * today's rebuild of it still hashes to the bytes the app was sent.
 */
final class SentPlan {

    /**
     * Whether the plan rebuilt from the row today is, byte for byte, what the app was sent.
     *
     * @param matches true when the rebuilt bytes of the sent view hash to {@code sha256}
     */
    record Check(String view, String sha256, boolean matches) {
    }

    private SentPlan() {
    }

    /**
     * The plan in {@code view}, exactly as the app got it (or would have) when the decision was made.
     * Decisions stored before plans had paths read back as the cards they returned: their plan and full
     * views are the same.
     *
     * @param content the content of the decision's ruleset version (its cards' texts, plan file, help lines)
     */
    static byte[] json(StoredDecision stored, Supplier<Content> content, PlanViews.Kind view)
            throws JsonProcessingException {
        if (stored.expanded() && view != PlanViews.Kind.COMPACT) {
            return stored.record().planJson().getBytes(StandardCharsets.UTF_8);
        }
        StoredDecision.Rebuilt rebuilt = stored.rebuild(content);
        if (rebuilt.plan() == null) {
            return Json.MAPPER.writeValueAsBytes(view == PlanViews.Kind.COMPACT ? CompactPlan.of(rebuilt.cards())
                    : rebuilt.cards());
        }
        return Json.MAPPER.writeValueAsBytes(PlanViews.of(view, rebuilt.id(), rebuilt.rulesetVersion(),
                rebuilt.createdAt(), rebuilt.plan(), content.get().library()));
    }

    /**
     * Rebuilds the view the app was sent and compares its SHA-256 with the one stored when it was sent;
     * null for a decision of the first form, which keeps the sent bytes themselves, and for one stored
     * before the digest was kept.
     *
     * @param content the content of the decision's ruleset version
     */
    static Check check(StoredDecision stored, Supplier<Content> content) throws JsonProcessingException {
        StoredDecision.Sent sent = stored.sent();
        if (sent == null) {
            return null;
        }
        byte[] rebuilt = json(stored, content, PlanViews.Kind.of(sent.view()));
        return new Check(sent.view(), sent.sha256(), Sha256.hex(rebuilt).equals(sent.sha256()));
    }
}
