package org.rekindle.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The headline of a plan.
 *
 * @param answered        how many questions were answered
 * @param selfAssessment  the article's ten-question self-assessment
 * @param attachmentStyle the style the person chose, or null
 * @param findings        names of every finding the rules drew, sorted
 * @param unanswered      the questions still worth asking; null on a discreet path (and in decisions stored
 *                        before it existed), and then left out of the JSON
 */
public record Summary(int answered, SelfAssessment selfAssessment, String attachmentStyle, List<String> findings,
        @JsonInclude(JsonInclude.Include.NON_NULL) Unanswered unanswered) {

    /**
     * What the questionnaire still asks, by id and text, in questionnaire order. Only questions that are
     * asked with the answers given (their {@code enableWhen} holds) are listed.
     *
     * @param required           questions every form must ask
     * @param sharpening         questions whose answers would sharpen the plan (its path or its focus)
     * @param sharpeningSections sections asked with these answers of which nothing was answered (what a
     *                           short form leaves out): answering them adds the cards they lead to; null
     *                           only in decisions stored before it existed, and then left out of the JSON
     */
    public record Unanswered(List<Question> required, List<Question> sharpening,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Section> sharpeningSections) {

        public Unanswered {
            required = List.copyOf(required);
            sharpening = List.copyOf(sharpening);
            sharpeningSections = sharpeningSections == null ? null : List.copyOf(sharpeningSections);
        }
    }

    /**
     * A section of the questionnaire still unanswered: enough for an app to offer it.
     *
     * @param questions how many of its questions are asked with the answers given
     */
    public record Section(String id, String title, int questions) {
    }

    /** One question still unanswered: enough for an app to ask it or to link to it. */
    public record Question(String id, String text) {
    }

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
