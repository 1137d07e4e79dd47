package org.rekindle.api.assessments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.rekindle.decision.StoredDecision;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.Summary;

/**
 * Cards as {@code ?view=compact} gives them: every card with its texts and the reason for it, but not
 * where each rule is written nor the answers behind it. Those are for auditors, in the explanation
 * (each reason's {@code seq} names its firing there), and the app sent the answers itself. Leaving them
 * out makes the cards of a full questionnaire 23–29% smaller; the cards' own texts are the bulk of what
 * remains. {@link #of} is the compact view of a decision stored before plans had paths.
 */
record CompactPlan(String id, String rulesetVersion, Instant createdAt, Summary summary, List<CompactCard> cards) {

    record CompactCard(String id, String kind, String indicator, String summary, String detail, String caveat,
            Card.HelpLines helpLines, Card.CardSource source, List<Reason> because) {
    }

    /**
     * Why the card is there: the rule's id and its reason in words, and its firing in the explanation
     * ({@code seq}; left out for decisions stored before seqs were kept).
     */
    record Reason(@JsonInclude(JsonInclude.Include.NON_DEFAULT) int seq, String ruleId, String reason) {
    }

    /** The compact view of a decision stored before plans had paths: its cards, in order. */
    static CompactPlan of(StoredDecision.CardList plan) {
        List<CompactCard> cards = new ArrayList<>(plan.cards().size());
        for (Card card : plan.cards()) {
            cards.add(card(card));
        }
        return new CompactPlan(plan.id(), plan.rulesetVersion(), plan.createdAt(), plan.summary(), cards);
    }

    static CompactCard card(Card card) {
        return new CompactCard(card.id(), card.kind(), card.indicator(), card.summary(), card.detail(), card.caveat(),
                card.helpLines(), card.source(), reasons(card.because()));
    }

    static List<Reason> reasons(List<Because> because) {
        List<Reason> reasons = new ArrayList<>(because.size());
        for (Because b : because) {
            reasons.add(new Reason(b.seq(), b.ruleId(), b.reason()));
        }
        return reasons;
    }
}
