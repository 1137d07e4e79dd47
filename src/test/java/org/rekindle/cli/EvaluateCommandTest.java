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

import org.rekindle.Main;
import org.rekindle.json.Json;
import org.rekindle.testing.Checkout;

/** {@code evaluate} and {@code explain} on the checkout's rules: readable by default, JSON on request. */
class EvaluateCommandTest {

    private static final String DISTANT = "{\"answers\": {\"sa_hide_feelings\": \"yes\", \"sa_affection_rare\": "
            + "\"yes\", \"sa_silence_uneasy\": \"yes\", \"sa_unseen\": \"yes\", \"talk_minutes_per_day\": 10}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void evaluatePrintsTheSummaryThenEveryCardBySectionWithItsReasonsAndJsonOnRequest() throws IOException {
        Path answers = Files.writeString(dir.resolve("answers.json"), DISTANT);
        assertThat(run("evaluate", "--json", answers.toString())).as(err.toString()).isZero();
        JsonNode plan = Json.MAPPER.readTree(out.toString());
        assertThat(plan.path("rulesetVersion").asText()).hasSize(12);
        assertThat(plan.path("cards").size()).isGreaterThan(5);
        JsonNode talk = plan.findValues("answers").stream().flatMap(a -> a.findParents("question").stream())
                .filter(a -> a.path("question").asText().equals("talk_minutes_per_day")).findFirst().orElseThrow();
        assertThat(talk.path("value").isInt()).as("numbers come back as they were given: %s", talk).isTrue();
        assertThat(out.toString()).doesNotContain("10.0");

        reset();
        assertThat(run("evaluate", answers.toString())).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).startsWith("Plan for " + answers + " (ruleset " + plan.path("rulesetVersion").asText()
                + ")\n").contains("\nSummary:\n  answered: 5\n", "  self assessment:\n    yes: 4\n",
                "verdict: disconnection_suspected").doesNotContain("{\"", "\"because\"");
        assertThat(report.indexOf("Summary:")).isLessThan(report.indexOf("Cards (" + plan.path("cards").size()
                + "), by section:"));
        String flat = report.replaceAll("\\s+", " ");
        for (JsonNode card : plan.path("cards")) {
            String item = card.path("id").asText();
            assertThat(report).contains("[" + card.path("indicator").asText() + "] " + card.path("summary").asText()
                    + "  (" + item + ")");
            // Under its section (the guidance file it comes from), with every reason and the rule behind it.
            String section = Checkout.ruleset().content().library().item(item).topic();
            // (A focus card is also listed first, under the focus: look for it after its section's heading.)
            int heading = report.indexOf("\n  " + section + "\n");
            assertThat(heading).as(item).isNotNegative();
            assertThat(report.indexOf("(" + item + ")", heading)).as(item).isGreaterThan(heading);
            for (JsonNode because : card.path("because")) {
                assertThat(flat).contains("why: " + because.path("reason").asText().replaceAll("\\s+", " ") + " ["
                        + because.path("ruleId").asText() + ", " + because.path("file").asText() + ":"
                        + because.path("line").asInt() + "]");
            }
        }
        assertThat(report).contains("about 10 minutes a day").doesNotContain("10.0");
        assertThat(report.lines().mapToInt(String::length).max().orElse(0)).as("wrapped for a terminal")
                .isLessThanOrEqualTo(120);
    }

    @Test
    void explainPrintsEachFiringInOrderWithItsRuleAnswersReasonAndWhatItBuiltOn() throws IOException {
        Path answers = Files.writeString(dir.resolve("answers.json"), DISTANT);
        assertThat(run("explain", "--json", answers.toString())).as(err.toString()).isZero();
        JsonNode explained = Json.MAPPER.readTree(out.toString());
        JsonNode trace = explained.path("trace");
        assertThat(trace.size()).isGreaterThan(5);
        assertThat(explained.has("withheld")).isTrue();

        reset();
        assertThat(run("explain", answers.toString())).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).startsWith("Trace for " + answers + " (ruleset " + explained.path("rulesetVersion")
                .asText() + "): " + trace.size() + " firing(s), in order\n");
        int last = -1;
        for (JsonNode firing : trace) {
            String header = "\n#" + firing.path("seq").asInt() + "  " + firing.path("ruleId").asText() + "  ("
                    + firing.path("file").asText() + ":" + firing.path("line").asInt() + ")\n";
            assertThat(report.indexOf(header)).as(header).isGreaterThan(last);
            last = report.indexOf(header);
        }
        String flat = report.replaceAll("\\s+", " ");
        assertThat(flat).contains("answers: sa_hide_feelings = yes; sa_affection_rare = yes; sa_silence_uneasy = yes; "
                + "sa_unseen = yes", "answers: talk_minutes_per_day = 10 ", "inserted: Show(self_assessment_verdict)",
                "built on: #").doesNotContain("= 10.0");
        JsonNode first = trace.get(0);
        assertThat(flat).contains("rule: \"" + first.path("rule").asText() + "\"",
                "reason: " + first.path("reason").asText().replaceAll("\\s+", " "));
        assertThat(report).containsPattern("\nWithheld \\(\\d+\\)");
    }

    @Test
    void answersThatDoNotFitTheQuestionnaireAreNamedByFileAndField() throws IOException {
        Path answers = Files.writeString(dir.resolve("answers.json"),
                "{\"answers\": {\"sa_hide_feelings\": \"perhaps\", \"no_such_question\": 1}}");
        assertThat(run("evaluate", answers.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(answers + ": answers.sa_hide_feelings: expected \"yes\" or \"no\"",
                answers + ": answers.no_such_question: unknown question").doesNotContain("FieldProblem[");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPlanIsRenderedFromItsStructurePathAndFocusFirst() throws IOException {
        // The shape of a plan that chose a path and a focus: whatever the plan carries is shown, in that order.
        JsonNode plan = Json.MAPPER.readTree("""
                {"rulesetVersion": "0123456789ab", "summary": {"answered": 3, "findings": ["distance"]},
                 "cards": [{"id": "steps_acknowledge", "indicator": "info", "summary": "Name the distance",
                            "because": [{"ruleId": "steps.acknowledge", "file": "rules/steps.drl", "line": 42,
                                         "reason": "You answered yes to 4 questions."}]},
                           {"id": "made_up", "indicator": "warning", "summary": "Elsewhere", "section": "own",
                            "because": []}],
                 "focus": ["steps_acknowledge"],
                 "path": {"id": "reconnect", "reason": "distance present, partner willing"},
                 "weeks": 3}""");
        PlanReport.printPlan(plan, "answers.json", Checkout.ruleset().content().library(), new PrintWriter(out, true));
        assertThat(out.toString()).isEqualTo("""
                Plan for answers.json (ruleset 0123456789ab)

                Path: reconnect
                  reason: distance present, partner willing

                Focus (1):
                  [info] Name the distance  (steps_acknowledge)
                      why: You answered yes to 4 questions. [steps.acknowledge, rules/steps.drl:42]

                Summary:
                  answered: 3
                  findings: distance

                Cards (2), by section:

                  steps
                    [info] Name the distance  (steps_acknowledge)
                        why: You answered yes to 4 questions. [steps.acknowledge, rules/steps.drl:42]

                  own
                    [warning] Elsewhere  (made_up)

                Weeks:
                  3
                """);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void reset() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
