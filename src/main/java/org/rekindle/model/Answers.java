package org.rekindle.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One person's validated answers, the single fact every rule reads.
 *
 * <p>Rules call the query methods below with a question id (or, for the counting methods, a
 * section id) as the first argument. The rule compiler reads those literal ids out of each rule's
 * conditions to check them against the questionnaire and to report, for every firing, the answers
 * the rule looked at. Unanswered questions never satisfy a condition: {@code yes(q)} and
 * {@code no(q)} are both false, and {@code number(q)} and {@code frequency(q)} are null, which
 * Drools compares false to any number (a NaN would not do: compiled constraints compare it
 * inconsistently once Drools JIT-compiles them).
 *
 * <p>Values are already normalised by the questionnaire: {@code yes_no}, {@code choice} and
 * {@code frequency} answers are option values (Strings), {@code multi_choice} answers are lists of
 * option values, {@code number} answers are Integers (Longs when larger) when posted as whole numbers
 * and Doubles otherwise, so that they come back as they were posted; {@link #number(String)} reads
 * each as a Double.
 * Instances are immutable and safe to share.
 */
public final class Answers {

    /** The frequency scale, in rank order; {@link #frequency(String)} returns an index into it. */
    public static final List<String> FREQUENCY_SCALE =
            List.of("never", "rarely", "sometimes", "often", "always");

    private final Map<String, Object> values;
    private final Map<String, List<String>> sections;
    private final Map<String, Map<String, String>> reused;

    /**
     * @param values   question id to normalised value, only for answered questions
     * @param sections section id to the ids of its questions, in questionnaire order
     */
    public Answers(Map<String, Object> values, Map<String, List<String>> sections) {
        this(values, sections, Map.of());
    }

    /**
     * @param values   question id to normalised value, only for answered questions
     * @param sections section id to the ids of its questions, in questionnaire order
     * @param reused   section id to the yes/no questions of other sections it reuses instead of asking
     *                 again, each with the frequency level a yes counts as in {@link #countAtLeast}
     */
    public Answers(Map<String, Object> values, Map<String, List<String>> sections,
            Map<String, Map<String, String>> reused) {
        this.values = Collections.unmodifiableMap(values);
        this.sections = sections;
        this.reused = reused;
    }

    /** An answer set with nothing answered. */
    public static Answers none() {
        return new Answers(Map.of(), Map.of());
    }

    // --- single questions -------------------------------------------------------------------

    /** True when the question has an answer. */
    public boolean answered(String question) {
        return values.containsKey(question);
    }

    /** True when a yes/no question was answered yes. */
    public boolean yes(String question) {
        return "yes".equals(values.get(question));
    }

    /** True when a yes/no question was answered no. */
    public boolean no(String question) {
        return "no".equals(values.get(question));
    }

    /** True when a choice, yes/no or frequency question was answered with exactly this option. */
    public boolean is(String question, String option) {
        return option.equals(values.get(question));
    }

    /** The chosen option of a single-answer question, or null when unanswered. */
    public String choice(String question) {
        Object value = values.get(question);
        return value instanceof String s ? s : null;
    }

    /** True when a multi-choice question includes this option. */
    public boolean has(String question, String option) {
        return values.get(question) instanceof List<?> list && list.contains(option);
    }

    /** How many options of a multi-choice question were picked (0 when unanswered). */
    public int count(String question) {
        return values.get(question) instanceof List<?> list ? list.size() : 0;
    }

    /** Rank of a frequency answer on {@link #FREQUENCY_SCALE} (0 = never), or null when unanswered. */
    public Integer frequency(String question) {
        Object value = values.get(question);
        return value == null ? null : FREQUENCY_SCALE.indexOf(value);
    }

    /** True when a frequency question was answered with {@code level} or more often. */
    public boolean atLeast(String question, String level) {
        Object value = values.get(question);
        return value != null && FREQUENCY_SCALE.indexOf(value) >= FREQUENCY_SCALE.indexOf(level);
    }

    /** The value of a number question, or null when unanswered (null compares false to every number). */
    public Double number(String question) {
        return values.get(question) instanceof Number n ? n.doubleValue() : null;
    }

    // --- whole sections ---------------------------------------------------------------------

    /** How many yes/no questions of a section were answered yes. */
    public int yesCount(String section) {
        int yes = 0;
        for (String question : questionsOf(section)) {
            if (yes(question)) {
                yes++;
            }
        }
        return yes;
    }

    /** How many questions of a section were answered at all. */
    public int answeredCount(String section) {
        int answered = 0;
        for (String question : questionsOf(section)) {
            if (answered(question)) {
                answered++;
            }
        }
        return answered;
    }

    /**
     * How many frequency questions of a section were answered with {@code level} or more often. A yes/no
     * question of another section that this section reuses (rather than asking it again) counts too: a
     * yes as the level the section says it stands for, a no as {@code never}.
     */
    public int countAtLeast(String section, String level) {
        int count = 0;
        for (String question : questionsOf(section)) {
            if (atLeast(question, level)) {
                count++;
            }
        }
        for (Map.Entry<String, String> reuse : reused.getOrDefault(section, Map.of()).entrySet()) {
            String standsFor = yes(reuse.getKey()) ? reuse.getValue() : no(reuse.getKey()) ? "never" : null;
            if (standsFor != null && FREQUENCY_SCALE.indexOf(standsFor) >= FREQUENCY_SCALE.indexOf(level)) {
                count++;
            }
        }
        return count;
    }

    // --- for the engine, not for rules ------------------------------------------------------

    /** The raw normalised value, or null. */
    public Object value(String question) {
        return values.get(question);
    }

    /** Ids of the answered questions. */
    public Set<String> questions() {
        return values.keySet();
    }

    /** True when nothing was answered. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    private List<String> questionsOf(String section) {
        return sections.getOrDefault(section, List.of());
    }

    @Override
    public String toString() {
        // Answers are personal data: never print them, not even by accident in a log line.
        return "Answers[" + values.size() + " answered]";
    }
}
