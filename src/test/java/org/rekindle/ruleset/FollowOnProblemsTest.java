package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.testing.Checkout;

/**
 * One slip, one message: a file that cannot be read is reported once, and nothing it would have defined
 * is then reported missing elsewhere (a finding "no rule inserts", a card "not a content id", a rule with
 * "no @source"), since those messages would be false and would bury the one line to fix.
 */
class FollowOnProblemsTest {

    private static List<String> problemsWith(String path, String from, String to) {
        Bundle checkout = Checkout.bundle();
        String text = checkout.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .map(BundleFile::text).orElseThrow();
        assertThat(text).contains(from);
        Bundle edited = checkout.with(Map.of(path, text.replace(from, to).getBytes(StandardCharsets.UTF_8)), List.of());
        return RulesetLoader.load(edited).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aRuleFileThatDoesNotParseIsTheOnlyProblem() {
        // signs.drl draws low_daily_talk and drifting_apart, which rules in three other files wait for.
        List<String> problems = problemsWith("rules/signs.drl", "Answers( number(\"talk_minutes_per_day\") < 30 )",
                "Answers( number(\"talk_minutes_per_day\") < 30");
        assertThat(problems).singleElement().asString()
                .startsWith("rules/signs.drl:").contains("this '(' is never closed");
    }

    @Test
    void anEmptyRuleFileIsTheOnlyProblem() {
        Bundle edited = Checkout.bundle().with(Map.of("rules/signs.drl", new byte[0]), List.of());
        assertThat(RulesetLoader.load(edited).problems()).map(Problem::toString).singleElement().asString()
                .startsWith("rules/signs.drl:1:1: the file is empty");
    }

    @Test
    void aGuidanceFileThatDoesNotParseIsTheOnlyProblem() {
        // Rules in signs.drl show the cards of content/guidance/signs.yaml, and cite their sources.
        List<String> problems = problemsWith("content/guidance/signs.yaml", "\n  - id: fade_microsilences",
                "\n - id: fade_microsilences");
        assertThat(problems).singleElement().asString()
                .startsWith("content/guidance/signs.yaml:").contains("not lined up");
    }

    @Test
    void aQuestionnaireFileThatDoesNotParseIsTheOnlyProblem() {
        // Rules, the short form, other questions' enableWhen and the plan's summary read its questions.
        List<String> problems = problemsWith("content/questionnaire/context.yaml", "\n  - id: ", "\n\t- id: ");
        assertThat(problems).singleElement().asString()
                .startsWith("content/questionnaire/context.yaml:").contains("a tab is used to indent");
    }

    @Test
    void aMisspeltCardIsNotAlsoARuleWithoutASource() {
        List<String> problems = problemsWith("rules/signs.drl", "new Show(\"fade_microsilences\")",
                "new Show(\"fade_microsilence\")");
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("shows 'fade_microsilence', which is not a "
                + "content id in content/guidance/; did you mean 'fade_microsilences'?"));
        assertThat(problems).noneMatch(p -> p.contains("@source"));
    }
}
