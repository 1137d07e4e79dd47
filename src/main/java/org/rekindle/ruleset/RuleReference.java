package org.rekindle.ruleset;

/**
 * An id a rule mentions, found in its text: a question or section its conditions read, a finding it
 * matches or inserts, a card it shows, a tag it withholds. {@code option} is the second literal of
 * a call such as {@code is("q", "option")}, or null; {@code query} is the {@code Answers} query that
 * named it ({@code yes}, {@code yesCount} ...), or null.
 */
record RuleReference(Kind kind, String value, String option, int line, int column, String query) {

    /** A reference that no query made: a finding matched or inserted, a card shown, a tag withheld. */
    RuleReference(Kind kind, String value, String option, int line, int column) {
        this(kind, value, option, line, column, null);
    }

    enum Kind { QUESTION, SECTION, FINDING_USED, CARD, FINDING, WITHHOLD }
}
