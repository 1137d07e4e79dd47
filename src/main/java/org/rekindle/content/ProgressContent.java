package org.rekindle.content;

/**
 * What the progress chart ({@code GET /v1/subjects/{subject}/progress}) reads of each assessment, as the
 * coach names it under {@code progress:} in the plan file, so that renaming a section or a question
 * moves the chart with it (or is refused by {@code validate}) instead of leaving a silent gap. The
 * self-assessment's yes-count is charted from the section {@code summary:} already names.
 *
 * @param signsSection the questionnaire section whose answers are charted as warning-sign frequencies
 *                     ({@code warningSigns}); null charts none
 * @param talkQuestion the number question charted as the daily minutes of meaningful talk
 *                     ({@code talkMinutes}); null charts none
 */
public record ProgressContent(String signsSection, String talkQuestion) {

    /** No {@code progress:} in the plan file: the chart has the yes-count, the path and the focus done only. */
    public static final ProgressContent NONE = new ProgressContent(null, null);
}
