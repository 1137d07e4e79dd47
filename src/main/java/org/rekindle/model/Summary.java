package org.rekindle.model;

import java.util.List;

/**
 * The headline of a plan.
 *
 * @param answered        how many questions were answered
 * @param selfAssessment  the article's ten-question self-assessment
 * @param attachmentStyle the style the person chose, or null
 * @param findings        names of every finding the rules drew, sorted
 */
public record Summary(int answered, SelfAssessment selfAssessment, String attachmentStyle, List<String> findings) {

    /**
     * @param yes       "yes" answers
     * @param answered  questions of the section answered
     * @param questions questions in the section
     * @param verdict   {@code disconnection_suspected}, {@code below_threshold} or {@code not_taken}
     * @param note      that the threshold is a heuristic, not a diagnosis
     */
    public record SelfAssessment(int yes, int answered, int questions, String verdict, String note) {
    }
}
