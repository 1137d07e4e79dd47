package org.rekindle.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;

/**
 * The mistakes coaches make, each with the exact message they get back: {@code file:line:column}
 * pointing at what to fix, what is wrong, and what to write instead. Every message here is what
 * {@code validate}, {@code test}, a reload and a preview print, since they share {@link Acceptance}.
 */
import org.rekindle.testing.Checkout;

class CoachMessagesTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    /** A coach's mistake: the file it is made in, its text, and the one message expected first for that file. */
    record Mistake(String name, String file, String text, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HEADER = """
            package mistake;
            import org.rekindle.model.Answers;
            import org.rekindle.model.Show;
            rule "Show above zero again"
                @id("mistake.rule")
                @source("Rekindle tests")
                @reason("r")
            """;

    /** A rule file whose single rule has these conditions (on line 9) and this consequence (on line 11). */
    private static String rule(String when, String then) {
        return HEADER + "when\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private static final String GOOD_WHEN = "Answers( number(\"relationship_months\") > 100 )";
    private static final String GOOD_THEN = "insert(new Show(\"above_zero\"));";

    static Stream<Mistake> mistakes() {
        String drl = "rules/mistake.drl";
        String cases = "rules/numbers.cases.yaml";
        return Stream.of(
                new Mistake("a missing closing bracket", drl, rule("Answers( number(\"relationship_months\") > 100",
                        GOOD_THEN), drl + ":9:12: this '(' is never closed; add ')' where what it opens ends"),
                new Mistake("a missing semicolon", drl, rule(GOOD_WHEN, "insert(new Show(\"above_zero\"))"),
                        drl + ":11:35: rule policy: a ';' is missing at the end of this statement; write "
                                + "insert(new Show(\"above_zero\"));"),
                new Mistake("an unclosed text", drl, rule("Answers( yes(\"children) )", GOOD_THEN),
                        drl + ":9:18: this text has no closing \" on its line; add \" where the text ends (a text "
                                + "cannot span lines)"),
                new Mistake("a misspelt keyword", drl, HEADER + "whn\n    " + GOOD_WHEN + "\nthen\n    " + GOOD_THEN
                        + "\nend\n", drl + ":8:1: 'whn' is not a keyword; did you mean 'when'? A rule reads: rule "
                                + "\"name\" ... when <conditions> then <inserts> end"),
                new Mistake("a missing end", drl, HEADER + "when\n    " + GOOD_WHEN + "\nthen\n    " + GOOD_THEN + "\n",
                        drl + ":12:1: the file ends in rule \"Show above zero again\" before the rule is complete; "
                                + "is its 'end' missing? A rule reads: rule \"name\" ... when ... then ... end"),
                new Mistake("a missing comma between conditions", drl,
                        rule("Answers( yes(\"children\") yes(\"children\") )", GOOD_THEN),
                        drl + ":9:30: unexpected 'yes' in rule \"Show above zero again\"; inside a pattern, separate "
                                + "conditions with a comma or join them with && or ||, as in Answers( yes(\"a\"), "
                                + "yes(\"b\") )"),
                new Mistake("an unknown fact type", drl, rule("Answer( yes(\"children\") )", GOOD_THEN),
                        drl + ":9:5: rule policy: a rule may match Answers( ... ), Previous( ... ), Couple( ... ) or "
                                + "Finding( name == \"...\" ), not 'Answer'; did you mean 'Answers'?"),
                new Mistake("a misspelt query", drl, rule("Answers( yse(\"children\") )", GOOD_THEN),
                        drl + ":9:14: rule policy: Answers has no query 'yse'; did you mean 'yes'?"),
                new Mistake("a misspelt binding", drl,
                        rule("Answers( $months : number(\"relationship_months\"), $month > 100 )", GOOD_THEN),
                        drl + ":9:55: rule policy: '$month' is not bound before this point; did you mean '$months'?"),
                new Mistake("a yes/no query on a number question", drl,
                        rule("Answers( yes(\"relationship_months\") )", GOOD_THEN),
                        drl + ":9:18: yes(\"relationship_months\") cannot ask 'relationship_months', a number "
                                + "question, so the rule would never match; ask it with number(\"relationship_months\") "
                                + "< 30"),
                new Mistake("a number compared with a text", drl,
                        rule("Answers( number(\"relationship_months\") < \"5\" )", GOOD_THEN),
                        drl + ":9:44: rule policy: this compares a number with a text, which is never true; compare "
                                + "like with like, for example number(\"talk_minutes_per_day\") < 30"),
                new Mistake("a card id that does not exist", drl, rule(GOOD_WHEN, "insert(new Show(\"above_zer\"));"),
                        drl + ":11:21: rule \"Show above zero again\" shows 'above_zer', which is not a content id in "
                                + "content/guidance/"),
                new Mistake("a case answering an unknown question", cases, """
                        cases:
                          - name: A typo in an answer
                            answers: {relationship_month: 12}
                            expect:
                              fired: [numbers.above_zero]
                        """, cases + ":2:0: scenario \"A typo in an answer\" failed: answer 'relationship_month' is "
                                + "refused: unknown question: the questionnaire has no question 'relationship_month' "
                                + "(GET /v1/questionnaire lists the ids)"),
                new Mistake("a case naming a rule that does not exist", cases, """
                        cases:
                          - name: A typo in a rule id
                            answers: {relationship_months: 12}
                            expect:
                              fired: [numbers.above_zer]
                        """, cases + ":2:0: scenario \"A typo in a rule id\" names rule 'numbers.above_zer', and no rule "
                                + "has that id; `rekindle rules` lists them"),
                new Mistake("a misspelt key in a case", cases, """
                        cases:
                          - name: A typo in a key
                            answers: {relationship_months: 12}
                            expct:
                              fired: [numbers.above_zero]
                        """, cases + ":2:0: case \"A typo in a key\" has 'expct', which a case does not have; did you "
                                + "mean 'expect'?; a case has name, answers (or partners: a: and b: for a couple), "
                                + "previous, locale and expect"),
                new Mistake("a cases file indented wrongly", cases, """
                        cases:
                          - name: Indented wrongly
                            answers: {relationship_months: 12}
                           expect:
                              fired: [numbers.above_zero]
                        """, cases + ":4:4: this cases file cannot be read, so none of its cases ran (...); check "
                                + "the indentation here: each case starts with '- name:', and its answers: and expect: "
                                + "are indented under it"));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isReportedWithWhereAndWhatToDo(Mistake mistake) throws IOException {
        Checkout.copy(FIXTURE, dir);
        Files.writeString(dir.resolve(mistake.file()), mistake.text());
        Acceptance.Verdict verdict = Acceptance.of(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(verdict.accepted()).isFalse();
        List<String> forFile = verdict.problems().stream().filter(p -> p.file().equals(mistake.file()))
                .map(Problem::toString).toList();
        assertThat(forFile).as(mistake.name()).isNotEmpty();
        String first = forFile.get(0);
        if (mistake.message().contains("(...)")) {
            // SnakeYAML's own words vary by version: only the frame around them is ours.
            String[] parts = mistake.message().split("\\(\\.\\.\\.\\)", 2);
            assertThat(first).startsWith(parts[0]).endsWith(parts[1]);
        } else {
            assertThat(first).isEqualTo(mistake.message());
        }
        assertThat(first).doesNotContain("[ERR", "FieldProblem[", "mismatched input", "Exception");
    }
}
