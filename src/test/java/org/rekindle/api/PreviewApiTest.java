package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.json.Json;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * The impact preview over real HTTP: a coach sends an edit, and sees which stored assessments it
 * would change and how each rule's firings would move, without anything going live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewApiTest {

    @TempDir
    static Path dir;

    private Rekindle server;
    private Http http;
    private final List<String> tenMinutes = new ArrayList<>();
    private final List<String> others = new ArrayList<>();
    private String nextMove;
    private String nextMoveCases;

    @BeforeAll
    void start() throws IOException {
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("decisions.db").toString()));
        http = new Http(server.port());
        for (int i = 0; i < 3; i++) {
            tenMinutes.add(post("{\"answers\": {\"talk_minutes_per_day\": 10, \"sa_unseen\": \"yes\"}}"));
            others.add(post("{\"answers\": {\"talk_minutes_per_day\": 45}}"));
        }
        others.add(post("{\"answers\": {}}"));
        nextMove = Files.readString(Path.of("rules/next_move.drl"));
        nextMoveCases = Files.readString(Path.of("rules/next_move.cases.yaml"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAddedRuleListsExactlyTheAssessmentsItWouldChangeAndNothingGoesLive() {
        String live = http.get("/v1/ruleset").json().path("version").asText();
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("files", Map.of("rules/next_move.drl",
                nextMove + Checkout.probeRule("preview_probe", 10, "stat_emotional_maturity"),
                "rules/next_move.cases.yaml", nextMoveCases + Checkout.probeCase("preview_probe", 10)))));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("live").asText()).isEqualTo(live);
        assertThat(body.path("candidate").asText()).isNotEqualTo(live).hasSize(12);
        assertThat(body.path("wouldGoLive").asBoolean()).isTrue();
        assertThat(body.path("totals").path("replayed").asInt()).isEqualTo(7);
        assertThat(body.path("totals").path("changed").asInt()).isEqualTo(3);
        assertThat(body.path("totals").path("unchanged").asInt()).isEqualTo(4);

        List<String> changed = new ArrayList<>();
        for (JsonNode assessment : body.path("assessments")) {
            changed.add(assessment.path("id").asText());
            assertThat(assessment.path("appeared").toString()).isEqualTo("[\"stat_emotional_maturity\"]");
            assertThat(assessment.path("disappeared").toString()).isEqualTo("[]");
            assertThat(assessment.path("rulesetVersion").asText()).isEqualTo(live);
        }
        assertThat(changed).containsExactlyInAnyOrderElementsOf(tenMinutes).doesNotContainAnyElementsOf(others);
        assertThat(body.path("rules").toString())
                .isEqualTo("[{\"ruleId\":\"next_move.preview_probe\",\"firedBefore\":0,\"firedAfter\":3}]");
        assertThat(http.get("/v1/ruleset").json().path("version").asText()).as("nothing went live").isEqualTo(live);
    }

    @Test
    void aNarrowedRuleListsTheCardsThatWouldDisappearAndItsFailingCase() {
        // "Under thirty minutes" becomes "under five" in the one rule that draws the low_daily_talk finding:
        // the ten-minute assessments lose the finding and the two cards of the rules matching it, and the
        // coach's own cases for short talks say the candidate would not go live.
        String signs = read("rules/signs.drl");
        String narrowed = signs.replace("number(\"talk_minutes_per_day\") < 30 )", "number(\"talk_minutes_per_day\") < 5 )");
        assertThat(narrowed).isNotEqualTo(signs);
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("files", Map.of("rules/signs.drl",
                narrowed))));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("totals").path("changed").asInt()).isEqualTo(3);
        for (JsonNode assessment : body.path("assessments")) {
            assertThat(tenMinutes).contains(assessment.path("id").asText());
            assertThat(assessment.path("disappeared").toString())
                    .isEqualTo("[\"fade_talk_minutes_stat\",\"dd_do_regular_time\"]");
            assertThat(assessment.path("appeared").toString()).isEqualTo("[]");
        }
        assertThat(body.path("rules").toString()).isEqualTo("["
                + "{\"ruleId\":\"dos_donts.regular_time_short_talks\",\"firedBefore\":3,\"firedAfter\":0},"
                + "{\"ruleId\":\"signs.low_daily_talk\",\"firedBefore\":3,\"firedAfter\":0},"
                + "{\"ruleId\":\"signs.talk_minutes_stat\",\"firedBefore\":3,\"firedAfter\":0}]");
        assertThat(body.path("wouldGoLive").asBoolean()).isFalse();
        assertThat(body.path("problems").toString()).contains("rules/dos_donts.cases.yaml",
                "Short daily talks bring the regular-time do", "rules/signs.cases.yaml",
                "Twenty-nine minutes is low daily talk");
    }

    @Test
    void aRewordedCardIsListedForTheAssessmentsThatShowIt() {
        String dosDonts = read("content/guidance/dos_donts.yaml");
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("files", Map.of(
                "content/guidance/dos_donts.yaml", dosDonts.replace("title: \"Do: protect regular time for just",
                        "title: \"Do: keep regular time for just")))));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("totals").path("changed").asInt()).isEqualTo(3);
        for (JsonNode assessment : body.path("assessments")) {
            assertThat(tenMinutes).contains(assessment.path("id").asText());
            assertThat(assessment.path("reworded").toString()).isEqualTo("[\"dd_do_regular_time\"]");
            assertThat(assessment.path("appeared").size() + assessment.path("disappeared").size()).isZero();
        }
        assertThat(body.path("rules").size()).as("no rule fires differently").isZero();
    }

    @Test
    void theLimitBoundsHowManyRecentAssessmentsAreReplayed() {
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("limit", 2)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("totals").path("replayed").asInt()).isEqualTo(2);
        assertThat(preview.json().path("candidate").asText()).as("no edit: the live version")
                .isEqualTo(preview.json().path("live").asText());
        assertThat(preview.json().path("assessments").size()).isZero();
    }

    @Test
    void anInvalidCandidateIs422WithEachProblemInItsFileAndLine() {
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("files", Map.of("rules/next_move.drl",
                nextMove.replace("insert(new Show(\"next_assess_honestly\"));",
                        "insert(new Show(\"no_such_card\"));")))));
        assertThat(preview.status()).isEqualTo(422);
        assertThat(preview.json().path("code").asText()).isEqualTo("candidate_invalid");
        assertThat(preview.json().path("problems").toString()).contains("no_such_card");
        assertThat(preview.json().path("errors").get(0).path("field").asText()).matches("[a-z_/.]+:\\d+:\\d+");
        int line = (int) nextMove.substring(0, nextMove.indexOf("new Show(\"next_assess_honestly\")")).lines().count();
        assertThat(preview.json().path("problems").toString()).contains("\"file\":\"rules/next_move.drl\",\"line\":"
                + line + ",");
    }

    @Test
    void aCandidateFailingAScenarioCaseIsPreviewedButWouldNotGoLive() {
        String cases = read("rules/self_assessment.cases.yaml");
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("files", Map.of(
                "rules/self_assessment.cases.yaml", cases.replace("absent: [self_assessment_verdict]",
                        "absent: [self_assessment_below_threshold, self_assessment_verdict]")))));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("wouldGoLive").asBoolean()).isFalse();
        assertThat(preview.json().path("problems").get(0).path("file").asText())
                .isEqualTo("rules/self_assessment.cases.yaml");
        assertThat(preview.json().path("totals").path("changed").asInt()).isZero();
    }

    @Test
    void badRequestsAre400NamingTheField() {
        Http.Response response = http.post("/v1/admin/preview", json(Map.of("files", Map.of("notes.txt", "x",
                "rules/x.drl", 3), "remove", List.of("rules/nope.drl"), "limit", 0, "extra", true)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("invalid_body");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("files.notes.txt", "files.rules/x.drl", "limit", "extra");

        Http.Response missing = http.post("/v1/admin/preview", json(Map.of("remove", List.of("rules/nope.drl"))));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("remove");
    }

    private String post(String body) {
        Http.Response created = http.post("/v1/assessments", body);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPreviewLargerThanTheServerTakesSaysHowToSendLess() {
        Http.Response preview = http.post("/v1/admin/preview", json(Map.of("files", Map.of("rules/next_move.drl",
                nextMove.repeat(1 + 65536 / nextMove.length())))));
        assertThat(preview.status()).isEqualTo(413);
        assertThat(preview.json().path("message").asText()).contains("--max-body", "a preview only the files that "
                + "changed");
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
