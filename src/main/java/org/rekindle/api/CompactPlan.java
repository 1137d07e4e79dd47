package org.rekindle.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.Summary;

/**
 * A plan as {@code ?view=compact} returns it: every card with its texts and the reason for it, but
 * not where each rule is written nor the answers behind it. Those are for auditors, in the
 * explanation (each reason's {@code seq} names its firing there), and the app sent the answers
 * itself. Leaving them out makes the plan of a full questionnaire 23–29% smaller (114 KB to 81 KB
 * for the heaviest in bench/answers); the cards' own texts are the bulk of what remains.
 */
record CompactPlan(String id, String rulesetVersion, Instant createdAt, Summary summary, List<CompactCard> cards) {

    /** The query parameter that asks for this view, and its values. */
    static final String PARAMETER = "view";
    static final String FULL = "full";
    static final String COMPACT = "compact";

    record CompactCard(String id, String kind, String indicator, String summary, String detail,
            Card.CardSource source, List<Reason> because) {
    }

    /**
     * Why the card is there: the rule's id and its reason in words, and its firing in the explanation
     * ({@code seq}; left out for decisions stored before seqs were kept).
     */
    record Reason(@JsonInclude(JsonInclude.Include.NON_DEFAULT) int seq, String ruleId, String reason) {
    }

    static CompactPlan of(LoggedDecision.View plan) {
        List<CompactCard> cards = new ArrayList<>(plan.cards().size());
        for (Card card : plan.cards()) {
            List<Reason> because = new ArrayList<>(card.because().size());
            for (Because b : card.because()) {
                because.add(new Reason(b.seq(), b.ruleId(), b.reason()));
            }
            cards.add(new CompactCard(card.id(), card.kind(), card.indicator(), card.summary(), card.detail(),
                    card.source(), because));
        }
        return new CompactPlan(plan.id(), plan.rulesetVersion(), plan.createdAt(), plan.summary(), cards);
    }

    /**
     * Whether the request asks for the compact view: {@code ?view=compact}; {@code ?view=full} or no
     * parameter is the full plan.
     *
     * @throws ApiError 400 {@code invalid_query} for any other value
     */
    static boolean requested(String view) {
        if (view == null || view.equals(FULL)) {
            return false;
        }
        if (view.equals(COMPACT)) {
            return true;
        }
        String shown = view.length() > 40 ? view.substring(0, 40) + "..." : view;
        throw ApiError.badRequest("invalid_query", PARAMETER, "view must be " + FULL + " (the default) or "
                + COMPACT + ", not '" + shown + "'");
    }
}
