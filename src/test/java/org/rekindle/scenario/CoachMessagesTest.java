package org.rekindle.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.testing.Checkout;

/**
 * The mistakes coaches make, each with the exact message they get back: {@code file:line:column}
 * pointing at what to fix, what is wrong, and what to write instead. Every message here is what
 * {@code validate}, {@code test}, a reload and a preview print, since they share {@link Acceptance}.
 */
class CoachMessagesTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    /**
     * A coach's mistake: the file it is made in, its text (saved in {@code charset}), and the one message
     * expected first for that file.
     */
    record Mistake(String name, String file, String text, Charset charset, String message) {

        Mistake(String name, String file, String text, String message) {
            this(name, file, text, StandardCharsets.UTF_8, message);
        }

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
        String guidance = "content/guidance/numbers.yaml";
        String questions = "content/questionnaire/context.yaml";
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
                                + "content/guidance/; did you mean 'above_zero'?"),
                new Mistake("a case answering an unknown question", cases, """
                        cases:
                          - name: A typo in an answer
                            answers: {relationship_month: 12}
                            expect:
                              fired: [numbers.above_zero]
                        """, cases + ":3:15: scenario \"A typo in an answer\" failed: answer 'relationship_month' is "
                                + "refused: unknown question: the questionnaire has no question 'relationship_month' "
                                + "(GET /v1/questionnaire lists the ids)"),
                new Mistake("a case naming a rule that does not exist", cases, """
                        cases:
                          - name: A typo in a rule id
                            answers: {relationship_months: 12}
                            expect:
                              fired: [numbers.above_zer]
                        """, cases + ":5:15: scenario \"A typo in a rule id\" names rule 'numbers.above_zer', and no "
                                + "rule has that id (`rekindle rules` lists them); did you mean 'numbers.above_zero'?"),
                new Mistake("a misspelt key in a case", cases, """
                        cases:
                          - name: A typo in a key
                            answers: {relationship_months: 12}
                            expct:
                              fired: [numbers.above_zero]
                        """, cases + ":4:5: case \"A typo in a key\" has 'expct', which a case does not have; did you "
                                + "mean 'expect'?; a case has name, answers (or partners: a: and b: for a couple), "
                                + "previous, locale and expect"),
                new Mistake("a cases file indented wrongly", cases, """
                        cases:
                          - name: Indented wrongly
                            answers: {relationship_months: 12}
                           expect:
                              fired: [numbers.above_zero]
                        """, cases + ":4:4: this line is not lined up with the lines around it; indent each key like "
                                + "the keys beside it, and each list item ('- ') like the items beside it; until then "
                                + "none of its cases run"),
                new Mistake("a guidance file indented wrongly", guidance, """
                        topic: numbers
                        order: 1
                        items:
                          - {id: above_zero, kind: test, title: t, text: t, source: {label: s}}
                         - {id: at_most_24, kind: test, title: t, text: t, source: {label: s}}
                        """, guidance + ":5:2: this line is not lined up with the lines around it; indent each key "
                                + "like the keys beside it, and each list item ('- ') like the items beside it; until "
                                + "then nothing in it is used"),
                new Mistake("a tab used to indent", questions, """
                        section: context
                        title: About the two of you
                        order: 1
                        questions:
                        	- id: relationship_months
                            type: number
                            text: How many months have you been together?
                        """, questions + ":5:1: a tab is used to indent here, and YAML indents with spaces only; "
                                + "replace the tab with spaces; until then nothing in it is used"),
                new Mistake("a quote never closed in a guidance file", guidance, """
                        topic: numbers
                        order: 1
                        items:
                          - {id: above_zero, kind: test, title: "t, text: t, source: {label: s}}
                        """, guidance + ":5:1: a text opened with a quote is never closed; add the closing quote where "
                                + "the text ends; until then nothing in it is used"),
                new Mistake("a rule file saved as Latin-1", drl, HEADER.replace("@reason(\"r\")", "@reason(\"caf\u00e9\")")
                        + "when\n    " + GOOD_WHEN + "\nthen\n    " + GOOD_THEN + "\nend\n", StandardCharsets.ISO_8859_1,
                        drl + ":7:17: the file is not saved as UTF-8 (this character is in another encoding, such as "
                                + "Windows-1252 or Latin-1); save it as UTF-8, in most editors with Save As and the "
                                + "encoding UTF-8"),
                new Mistake("a guidance file saved as Latin-1", guidance, """
                        topic: numbers
                        order: 1
                        items:
                          - {id: above_zero, kind: test, title: Caf\u00e9, text: t, source: {label: s}}
                        """, StandardCharsets.ISO_8859_1, guidance + ":4:44: the file is not saved as UTF-8 (this "
                                + "character is in another encoding, such as Windows-1252 or Latin-1); save it as "
                                + "UTF-8, in most editors with Save As and the encoding UTF-8"),
                new Mistake("an empty rule file", drl, "", drl + ":1:1: the file is empty; a rule file starts with "
                        + "'package mistake;' and holds the topic's rules (docs/AUTHORING.md), so write them or delete "
                        + "the file"),
                new Mistake("an empty guidance file", guidance, "\n", guidance + ":1:1: the file is empty, so nothing "
                        + "in it is used; write it as docs/AUTHORING.md shows, or delete the file"),
                new Mistake("a package that is not the file name", drl, rule(GOOD_WHEN, GOOD_THEN)
                        .replace("package mistake;", "package mistakes;"), drl + ":1:1: the file declares package "
                                + "'mistakes'; a rule file's package is its file name: write 'package mistake;'"),
                new Mistake("a question id that does not exist", drl,
                        rule("Answers( number(\"relationship_month\") > 100 )", GOOD_THEN),
                        drl + ":9:21: rule \"Show above zero again\" reads question 'relationship_month', which is "
                                + "not in content/questionnaire/; did you mean 'relationship_months'?"),
                new Mistake("an answer written twice in a case", cases, """
                        cases:
                          - name: Twice
                            answers: {relationship_months: 12, relationship_months: 30}
                            expect:
                              fired: [numbers.above_zero]
                        """, cases + ":3:40: 'relationship_months' is written twice in the same place (the first is "
                                + "on line 3); YAML would keep only this one and silently drop the other: keep one of "
                                + "them; until then none of its cases run"),
                new Mistake("a card under absent that does not exist", cases, """
                        cases:
                          - name: A typo under absent
                            answers: {relationship_months: 12}
                            expect:
                              absent: [above_zer]
                        """, cases + ":5:16: scenario \"A typo under absent\" names card 'above_zer', which is not "
                                + "a content id in content/guidance/; did you mean 'above_zero'?"),
                new Mistake("answers written as a list", cases, """
                        cases:
                          - name: A list of answers
                            answers: [relationship_months, 12]
                            expect:
                              fired: [numbers.above_zero]
                        """, cases + ":3:5: case \"A list of answers\" has answers that is not 'key: value' lines; "
                                + "write answers: {question_id: answer, ...}"),
                new Mistake("a locale an app could not send", cases, """
                        cases:
                          - name: An underscore in the locale
                            answers: {relationship_months: 12}
                            locale: en_GB
                            expect:
                              fired: [numbers.above_zero]
                        """, cases + ":4:5: case \"An underscore in the locale\" has locale 'en_GB', which is not a "
                                + "language tag an app may send; write one such as en-GB or es"),
                new Mistake("a misspelt field of a card", guidance, """
                        topic: numbers
                        order: 1
                        items:
                          - id: above_zero
                            kind: test
                            titel: t
                            text: t
                            source: {label: s}
                        """, guidance + ":6:5: content item 'above_zero' has unknown field 'titel'; fields are [id, "
                                + "indicator, kind, source, tags, text, theme, title]"),
                new Mistake("a case expecting a card the plan does not have", cases, """
                        cases:
                          - name: Expects a card that is not shown
                            answers: {relationship_months: 12, months_since_noticed: 3}
                            expect:
                              fired: [numbers.above_zero]
                              cards: [above_zero, rarely_or_never]
                        """, cases + ":6:27: scenario \"Expects a card that is not shown\" failed: expected card "
                                + "'rarely_or_never' but the plan has [above_zero, at_most_24, not_24]"));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isReportedWithWhereAndWhatToDo(Mistake mistake) throws IOException {
        Checkout.copy(FIXTURE, dir);
        Files.write(dir.resolve(mistake.file()), mistake.text().getBytes(mistake.charset()));
        Acceptance.Verdict verdict = Acceptance.of(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(verdict.accepted()).isFalse();
        List<String> forFile = verdict.problems().stream().filter(p -> p.file().equals(mistake.file()))
                .map(Problem::toString).toList();
        assertThat(forFile).as(mistake.name()).isNotEmpty();
        String first = forFile.get(0);
        assertThat(first).isEqualTo(mistake.message());
        assertThat(first).doesNotContain("[ERR", "FieldProblem[", "mismatched input", "Exception", "<block", "scalar",
                "\n").doesNotMatch(".*:\\d+:0: .*");
    }
}
