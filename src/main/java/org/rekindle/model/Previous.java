package org.rekindle.model;

import java.util.Objects;

/**
 * The answers of the person's previous assessment (the newest one stored before this one for the same
 * {@code subject} by the same app), the fact progress rules read beside {@link Answers}:
 * {@code Previous( $before : number("talk_minutes_per_day") )}. It answers the same queries as
 * {@code Answers}, over those answers, and is in the session only when there is a previous assessment,
 * so a rule that matches it never fires on a first one.
 *
 * <p>It holds only the previous answers that some rule's {@code Previous( ... )} conditions can read
 * (the engine narrows them), and those are what the decision log keeps with the decision, so replay,
 * explanation and why-not see exactly what the rules saw. A private previous answer is as private as a
 * current one: the same masking applies. Instances are immutable and safe to share.
 */
public final class Previous {

    private final String id;
    private final Answers answers;

    /**
     * @param id      the previous assessment's id
     * @param answers its answers, narrowed to those the rules can read of it
     */
    public Previous(String id, Answers answers) {
        this.id = Objects.requireNonNull(id, "id");
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** True when the question had an answer last time. */
    public boolean answered(String question) {
        return answers.answered(question);
    }

    /** True when a yes/no question was answered yes last time. */
    public boolean yes(String question) {
        return answers.yes(question);
    }

    /** True when a yes/no question was answered no last time. */
    public boolean no(String question) {
        return answers.no(question);
    }

    /** True when a single-answer question was answered with exactly this option last time. */
    public boolean is(String question, String option) {
        return answers.is(question, option);
    }

    /** Last time's option of a single-answer question, or null. */
    public String choice(String question) {
        return answers.choice(question);
    }

    /** True when a multi-choice question included this option last time. */
    public boolean has(String question, String option) {
        return answers.has(question, option);
    }

    /** How many options of a multi-choice question were picked last time. */
    public int count(String question) {
        return answers.count(question);
    }

    /** Last time's rank of a frequency answer, or null. */
    public Integer frequency(String question) {
        return answers.frequency(question);
    }

    /** True when a frequency question was answered with {@code level} or more often last time. */
    public boolean atLeast(String question, String level) {
        return answers.atLeast(question, level);
    }

    /** Last time's value of a number question, or null (which compares false to every number). */
    public Double number(String question) {
        return answers.number(question);
    }

    /** How many yes/no questions of a section were answered yes last time. */
    public int yesCount(String section) {
        return answers.yesCount(section);
    }

    /** How many questions of a section were answered last time. */
    public int answeredCount(String section) {
        return answers.answeredCount(section);
    }

    /** How many frequency questions of a section were answered with {@code level} or more often last time. */
    public int countAtLeast(String section, String level) {
        return answers.countAtLeast(section, level);
    }

    // --- for the engine, not for rules ------------------------------------------------------

    /** The previous assessment's id. */
    public String id() {
        return id;
    }

    /** The previous answers the rules can read. */
    public Answers answers() {
        return answers;
    }

    @Override
    public String toString() {
        // Answers are personal data: never print them.
        return "Previous[" + id + ", " + answers + "]";
    }
}
