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
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/** {@code rules} and {@code impact} as a coach runs them: the catalogue, and an edit's impact before publishing. */
class ImpactCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void rulesPrintsEveryRuleWithItsFileLineIdSourceAndCards() throws Exception {
        assertThat(run("rules")).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("rules/self_assessment\\.drl:\\d+  self_assessment\\.verdict  \"[^\"]+\"")
                .contains("    source: ", "    shows: self_assessment_verdict")
                .containsPattern("\\n\\d+ rules in ruleset [0-9a-f]{12}\\n");

        out.getBuffer().setLength(0);
        assertThat(run("rules", "--json")).isZero();
        JsonNode rules = Json.MAPPER.readTree(out.toString()).path("rules");
        assertThat(rules.size()).isGreaterThan(50);
        assertThat(rules.get(0).has("fired")).as("firings exist only in a running server").isFalse();
        assertThat(rules.get(0).path("file").asText()).startsWith("rules/");
    }

    @Test
    void impactListsTheStoredAssessmentsAnEditWouldChange() throws Exception {
        Path db = dir.resolve("decisions.db");
        List<String> changed = new ArrayList<>();
        String unchanged;
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db.toString()))) {
            Http http = new Http(server.port());
            changed.add(http.post("/v1/assessments", "{\"answers\": {\"talk_minutes_per_day\": 10}}").json()
                    .path("id").asText());
            unchanged = http.post("/v1/assessments", "{\"answers\": {\"talk_minutes_per_day\": 60}}").json()
                    .path("id").asText();
            changed.add(http.post("/v1/assessments", "{\"answers\": {\"talk_minutes_per_day\": 10, "
                    + "\"sa_unseen\": \"yes\"}}").json().path("id").asText());
        }
        Path candidate = dir.resolve("candidate");
        Checkout.copyTo(candidate);
        Checkout.edit(candidate.resolve("rules/next_move.drl"), "rule \"Invite an honest",
                Checkout.probeRule("cli_probe", 10, "stat_emotional_maturity") + "\nrule \"Invite an honest");
        Path cases = candidate.resolve("rules/next_move.cases.yaml");
        Files.writeString(cases, Files.readString(cases) + Checkout.probeCase("cli_probe", 10));

        assertThat(run("impact", "--candidate", candidate.toString(), "--db", db.toString())).as(err.toString())
                .isZero();
        String report = out.toString();
        assertThat(report).containsPattern("3 assessment\\(s\\) replayed, 2 changed, 1 unchanged, 0 skipped")
                .contains("  " + changed.get(0) + " (", "  " + changed.get(1) + " (", ": +stat_emotional_maturity")
                .contains("  next_move.cli_probe: 0 -> 2")
                .doesNotContain(unchanged);
        assertThat(err.toString()).isEmpty();

        out.getBuffer().setLength(0);
        assertThat(run("impact", "--candidate-rules", candidate.resolve("rules").toString(), "--db", db.toString(),
                "--limit", "1", "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.path("totals").path("replayed").asInt()).isEqualTo(1);
        assertThat(json.path("assessments").get(0).path("id").asText()).isEqualTo(changed.get(1));
        assertThat(json.path("wouldGoLive").asBoolean()).isTrue();
    }

    @Test
    void anEditToThePlanFileListsTheAssessmentsWhosePathOrFocusWouldChange() throws Exception {
        Path db = dir.resolve("plan.db");
        String safe = "\"safety_afraid\": \"no\", \"safety_hurt\": \"no\", \"safety_control\": \"no\", "
                + "\"safety_forced\": \"no\", \"sa_unseen\": \"yes\"";
        String checkUp;
        String solo;
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db.toString()))) {
            Http http = new Http(server.port());
            checkUp = http.post("/v1/assessments", "{\"answers\": {" + safe + "}}").json().path("id").asText();
            solo = http.post("/v1/assessments", "{\"answers\": {" + safe + ", \"partner_willingness\": \"not_asked\"}}")
                    .json().path("id").asText();
        }
        // The coach puts the check-up before solo in the precedence, and shortens the focus to one card.
        Path candidate = dir.resolve("plan-candidate");
        Checkout.copyTo(candidate);
        Path plan = candidate.resolve("content/plan.yaml");
        String text = Files.readString(plan);
        String checkUpPath = text.substring(text.indexOf("  - id: check_up\n"), text.indexOf("  - id: first_steps\n"));
        text = text.replace(checkUpPath, "");
        text = text.replace("  - id: solo\n", checkUpPath + "  - id: solo\n").replace("  size: 5", "  size: 1");
        Files.writeString(plan, text);

        // The coach's own cases pin the focus at five and the old precedence: the candidate would not go
        // live (exit 1), and the report still lists what it would change.
        assertThat(run("impact", "--candidate", candidate.toString(), "--db", db.toString(), "--json"))
                .as(err.toString()).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(out.toString());
        assertThat(report.path("wouldGoLive").asBoolean()).isFalse();
        assertThat(report.path("problems").toString()).contains("rules/plan.cases.yaml");
        JsonNode first = find(report.path("assessments"), checkUp);
        assertThat(first.has("path")).as("still the check-up").isFalse();
        assertThat(first.path("focus").toString()).isEqualTo("[\"prevention_check_ins\"]");
        JsonNode second = find(report.path("assessments"), solo);
        assertThat(second.path("path").path("before").asText()).isEqualTo("solo");
        assertThat(second.path("path").path("after").asText()).isEqualTo("check_up");

        out.getBuffer().setLength(0);
        assertThat(run("impact", "--candidate", candidate.toString(), "--db", db.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("path solo -> check_up", "focus [prevention_check_ins]");
    }

    private static JsonNode find(JsonNode assessments, String id) {
        for (JsonNode assessment : assessments) {
            if (assessment.path("id").asText().equals(id)) {
                return assessment;
            }
        }
        throw new AssertionError("no assessment " + id + " in " + assessments);
    }

    @Test
    void impactNeedsACandidateAndAnExistingDecisionLog() {
        assertThat(run("impact", "--db", dir.resolve("decisions.db").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--candidate");
        err.getBuffer().setLength(0);
        assertThat(run("impact", "--candidate", ".", "--db", dir.resolve("missing.db").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no decision log at");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    @Test
    void impactExitsOneWhenTheCandidateWouldNotGoLive() throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db")); // a decision log with nothing to replay yet
        Path candidate = dir.resolve("candidate");
        Checkout.copyTo(candidate);
        Checkout.edit(candidate.resolve("rules/self_assessment.cases.yaml"), "absent: [self_assessment_verdict]",
                "absent: [self_assessment_below_threshold, self_assessment_verdict]");

        assertThat(run("impact", "--candidate", candidate.toString(), "--db", db.toString())).as(err.toString())
                .isEqualTo(1);
        assertThat(out.toString()).contains("0 assessment(s) replayed");
        assertThat(err.toString()).contains("rules/self_assessment.cases.yaml:",
                "Three yes answers stay below the threshold", "the candidate would not go live");
    }

    @Test
    void aMissingCandidateFolderNamesTheFlagThatNamedIt() throws IOException {
        Path db = Files.createFile(dir.resolve("empty.db"));
        Path nowhere = dir.resolve("nowhere");
        assertThat(run("impact", "--candidate", nowhere.toString(), "--db", db.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(nowhere.resolve("rules") + ": no such folder (looked for ")
                .contains("; --candidate must name a folder holding rules/ and content/ (or name them with "
                        + "--candidate-rules and --candidate-content)")
                .doesNotContain("point --rules");

        err.getBuffer().setLength(0);
        assertThat(run("impact", "--candidate-rules", nowhere.toString(), "--db", db.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--candidate-rules must name the candidate's folder of rule files");

        err.getBuffer().setLength(0);
        assertThat(run("impact", "--candidate-content", nowhere.toString(), "--db", db.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--candidate-content must name the candidate's folder of content files");
        assertThat(out.toString()).isEmpty();
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
