package org.rekindle.content;

import java.util.Collection;
import java.util.List;

/**
 * What the plan's summary reports, as the coach describes it under {@code summary:} in the plan file
 * ({@code content/plan.yaml}), so that no section, finding, question or note of the article is written
 * in Java. The verdict is read from findings the rules draw: the threshold lives in the rules alone.
 *
 * @param section            the questionnaire section whose yes and answered questions the summary counts
 *                           (the article's self-assessment); null when the summary has no self-assessment
 * @param verdicts           finding names in precedence order: the first one a rule drew is the verdict
 * @param otherwise          the verdict when no finding of {@code verdicts} was drawn (nothing answered)
 * @param note               said with every verdict: that the threshold is a heuristic, not a diagnosis
 * @param attachmentQuestion the question whose chosen option the summary repeats as the attachment
 *                           style; null for none
 */
public record SummaryContent(String section, List<String> verdicts, String otherwise, String note,
        String attachmentQuestion) {

    /** No {@code summary:} in the plan file (or no plan file): the summary counts answers and findings only. */
    public static final SummaryContent NONE = new SummaryContent(null, List.of(), null, null, null);

    public SummaryContent {
        verdicts = List.copyOf(verdicts);
    }

    /** The verdict for the findings drawn: the first of {@code verdicts} among them, else {@code otherwise}. */
    public String verdict(Collection<String> findings) {
        for (String verdict : verdicts) {
            if (findings.contains(verdict)) {
                return verdict;
            }
        }
        return otherwise;
    }
}
