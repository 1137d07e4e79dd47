package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.json.Json;
import org.rekindle.testing.Checkout;

/** {@code validate}, {@code test} and {@code evaluate} as a coach runs them, on copies of the checkout. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theCheckoutValidates() {
        assertThat(run("validate", "--rules", "rules", "--content", "content")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("ok: ruleset ");
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineAndExitsNonZero() throws IOException {
        Checkout.copyTo(dir);
        Path drl = dir.resolve("rules/self_assessment.drl");
        String text = Files.readString(drl);
        int line = (int) text.substring(0, text.indexOf("\nwhen\n")).lines().count() + 1;
        Files.writeString(drl, text.replaceFirst("\nwhen\n", "\nwhen\n    Answers( yes(\"sa_unseen\" )\n"));
        int exit = run("validate", "--rules", dir.resolve("rules").toString(),
                "--content", dir.resolve("content").toString());
        assertThat(exit).isEqualTo(1);
        // The unclosed parenthesis is on line + 1; Drools notices it at the next token, a line later.
        assertThat(err.toString()).containsPattern("rules/self_assessment\\.drl:(" + (line + 1) + "|" + (line + 2)
                + "):[1-9]\\d*: ");
    }

    @Test
    void aBrokenEnableWhenIsRefusedInPlainWordsAtItsLine() throws IOException {
        Checkout.copyTo(dir);
        Path stories = dir.resolve("content/questionnaire/stories.yaml");
        Checkout.edit(stories, "{question: sa_fantasize_alone, is: \"yes\"}", "{question: sa_fantasize_alone, is: maybe}");
        // The problem is reported where the question writes its enableWhen (the file's only one).
        int line = (int) Files.readString(stories).lines().takeWhile(l -> !l.contains("enableWhen:")).count() + 1;
        assertThat(run("validate", "--rules", dir.resolve("rules").toString(),
                "--content", dir.resolve("content").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("content/questionnaire/stories.yaml:" + line + ":5: question "
                + "'st_considering_ending' is asked when 'sa_fantasize_alone' is 'maybe', but 'sa_fantasize_alone' "
                + "has no option 'maybe'; its options are yes, no");
    }

    @Test
    void aDanglingContentIdAndAMissingSourceAreReported() throws IOException {
        Checkout.copyTo(dir);
        Path drl = dir.resolve("rules/self_assessment.drl");
        String text = Files.readString(drl).replaceFirst("new Show\\(\"[a-z_]+\"\\)", "new Show(\"no_such_card\")")
                .replaceFirst("@source\\(\"[^\"]*\"\\)", "");
        Files.writeString(drl, text);
        assertThat(run("validate", "--rules", dir.resolve("rules").toString(),
                "--content", dir.resolve("content").toString())).isEqualTo(1);
        assertThat(err.toString()).containsPattern("rules/self_assessment\\.drl:\\d+:\\d+: .*'no_such_card'")
                .containsPattern("rules/self_assessment\\.drl:\\d+:\\d+: .*has no @source");
    }

    @Test
    void testRunsEveryScenarioAndReportsFailuresWithTheirFile() throws IOException {
        assertThat(run("test")).as(out.toString()).isZero();
        assertThat(out.toString()).containsPattern("scenarios: \\d+ passed, 0 failed");

        Checkout.copyTo(dir);
        Path cases = dir.resolve("rules/self_assessment.cases.yaml");
        Files.writeString(cases, Files.readString(cases).replace("absent: [self_assessment_verdict]",
                "absent: [self_assessment_below_threshold, self_assessment_verdict]"));
        out.getBuffer().setLength(0);
        assertThat(run("test", "--rules", dir.resolve("rules").toString(),
                "--content", dir.resolve("content").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL Three yes answers stay below the threshold")
                .contains("rules/self_assessment.cases.yaml:");
    }

    @Test
    void evaluatePrintsThePlanForAnAnswersFile() throws IOException {
        Path answers = dir.resolve("answers.json");
        Files.writeString(answers, "{\"answers\": {\"sa_hide_feelings\": \"yes\", \"relationship_months\": 12}}");
        assertThat(run("evaluate", "--json", answers.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"rulesetVersion\"", "\"cards\"", "prevention_check_ins", "\"because\"");
        // The path and the focus come first, before the summary and the cards.
        JsonNode plan = Json.MAPPER.readTree(out.toString());
        List<String> fields = new ArrayList<>();
        plan.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("path", "focus");
        assertThat(plan.path("path").path("id").asText()).isEqualTo("check_up");
        assertThat(plan.path("focus").toString()).contains("prevention_check_ins");
        out.getBuffer().setLength(0);

        Files.writeString(answers, "{\"answers\": {\"safety_hurt\": \"yes\"}, \"locale\": \"en-AU\"}");
        assertThat(run("evaluate", "--json", answers.toString())).as(err.toString()).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).path("cards").get(0).path("helpLines").path("region").asText())
                .isEqualTo("australia");

        Files.writeString(answers, "{\"answers\": {\"sa_hide_feelings\": \"perhaps\"}}");
        assertThat(run("evaluate", answers.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("answers.sa_hide_feelings");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
