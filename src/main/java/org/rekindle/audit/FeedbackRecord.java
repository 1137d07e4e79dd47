package org.rekindle.audit;

import java.util.List;

/**
 * One feedback item on a card of a stored decision, in the CDS Hooks feedback shape.
 *
 * @param decisionId  the assessment the card was shown in
 * @param card        the card's content id
 * @param rules       the ids of the rules that showed the card in that decision
 * @param outcome     {@code accepted} or {@code overridden}
 * @param done        true when the person carried out this focus step
 * @param reason      the override's reason, or null
 * @param userComment the person's own words on the override, or null (personal data: never logged)
 * @param outcomeAt   when the person acted, as ISO-8601 text
 * @param receivedAt  when the server stored it, as ISO-8601 text
 */
public record FeedbackRecord(String decisionId, String card, List<String> rules, String outcome, boolean done,
        String reason, String userComment, String outcomeAt, String receivedAt) {

    /** Names the item without the person's comment. */
    @Override
    public String toString() {
        return "FeedbackRecord[decisionId=" + decisionId + ", card=" + card + ", outcome=" + outcome + ", done=" + done
                + "]";
    }
}
