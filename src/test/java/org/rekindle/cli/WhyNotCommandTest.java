package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.json.Json;

/** {@code why-not} and {@code explain --plain} on the checkout's rules. */
class WhyNotCommandTest {

    private static final String THREE_YES = "{\"answers\": {\"sa_hide_feelings\": \"yes\", \"sa_affection_rare\": "
            + "\"yes\", \"sa_silence_uneasy\": \"yes\", \"sa_unseen\": \"no\", \"talk_minutes_per_day\": 10}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void whyNotShowsEachConditionOfEachRuleThatCanShowTheCardWithTheValuesItLookedAt() throws IOException {
        Path answers = Files.writeString(dir.resolve("answers.json"), THREE_YES);
        assertThat(run("why-not", answers.toString(), "dd_do_seek_support")).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).startsWith("dd_do_seek_support (").contains("not shown: no rule that shows it held.")
                .contains("DID NOT HOLD  \u201cEncourage outside support when the self-assessment shows more than "
                        + "three signs\u201d [dos_donts.seek_support_self_assessment")
                .contains("[no]  Finding( ... )")
                .contains("[no]  name == \"disconnection_suspected\"");
        // The threshold is in the rule that draws the finding, checked under the rule that needs it.
        String needs = report.substring(report.indexOf("  needs the finding disconnection_suspected, which this "
                + "decision did not draw; the rule that draws it:"));
        assertThat(needs).contains("    DID NOT HOLD  \u201cSuspect disconnection when more than three self-assessment "
                        + "answers are yes\u201d [self_assessment.disconnection_suspected")
                .contains("[yes] $yes : yesCount(\"self_assessment\")   yesCount(\"self_assessment\") = 3")
                .contains("[no]  $yes > 3");

        reset();
        assertThat(run("why-not", "--json", answers.toString(), "dd_do_seek_support")).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.path("verdict").asText()).isEqualTo("NO_RULE_HELD");
        assertThat(json.path("rules").findValuesAsText("finding")).contains("disconnection_suspected");

        reset();
        Path four = Files.writeString(dir.resolve("four.json"), THREE_YES.replace("\"sa_unseen\": \"no\"",
                "\"sa_unseen\": \"yes\""));
        assertThat(run("why-not", four.toString(), "dd_do_seek_support")).isZero();
        assertThat(out.toString()).contains("HELD      \u201cEncourage outside support when the self-assessment")
                .doesNotContain("needs the finding disconnection_suspected");

        reset();
        assertThat(run("why-not", answers.toString(), "no_such_card")).isEqualTo(2);
        assertThat(err.toString()).contains("no card 'no_such_card'");

        reset();
        assertThat(run("why-not", answers.toString(), "dd_do_seek_suport")).isEqualTo(2);
        assertThat(err.toString()).contains("the ruleset has no card 'dd_do_seek_suport'; did you mean "
                + "'dd_do_seek_support'?");
    }

    @Test
    void explainPlainPrintsQuestionTextsAnswerLabelsRulesAndWhereEachCardIs() throws IOException {
        Path answers = Files.writeString(dir.resolve("answers.json"), THREE_YES);
        assertThat(run("explain", "--plain", answers.toString())).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).contains("Path: ", "Cards (", "Where: Focus card 1 of", "Shown because: ",
                "Decided by these answers:", "Source: ");
        // Question text and the label of the chosen answer, not ids and raw values.
        String text = org.rekindle.testing.Checkout.ruleset().content().questionnaire().question("sa_hide_feelings")
                .text();
        assertThat(report).contains("- " + text + " \u2014 Yes");
    }

    private int run(String... args) {
        return org.rekindle.Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void reset() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
