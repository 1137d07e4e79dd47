package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * The progress chart reads the section and the question the plan file names ({@code progress:}), over
 * real HTTP on a copy of the checkout: pointed elsewhere by a coach, it charts what they point at after a
 * reload, and without the block it charts neither, rather than a silent gap from ids written in code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressChartTest {

    @TempDir
    static Path dir;

    private Rekindle server;
    private Http http;

    @BeforeAll
    void startServer() throws IOException {
        Checkout.copyTo(dir);
        server = Rekindle.start(Configs.onFreePort().withFolders(dir.resolve("rules"), dir.resolve("content"))
                .withDb(dir.resolve("decisions.db").toString()));
        http = new Http(server.port());
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("bench/answers/full_many_problems.json")));
        body.put("subject", "chart-1");
        assertThat(http.post("/v1/assessments", body.toString()).status()).isEqualTo(201);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theChartFollowsWhatThePlanFileNames() {
        JsonNode point = point();
        assertThat(point.path("talkMinutes").asInt()).isEqualTo(15);
        assertThat(point.path("selfAssessmentYes").isInt()).isTrue();
        assertThat(point.path("warningSigns").path("sign_eye_contact").asText()).isEqualTo("often");

        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "  talk_minutes: talk_minutes_per_day", "  talk_minutes: months_since_noticed");
        Checkout.edit(plan, "  signs: warning_signs", "  signs: context");
        assertThat(http.post("/v1/admin/reload", "{}").status()).isEqualTo(200);
        point = point();
        assertThat(point.path("talkMinutes").asInt()).as("months_since_noticed, as the plan file now says")
                .isEqualTo(10);
        assertThat(point.path("warningSigns").has("months_since_noticed")).isTrue();
        assertThat(point.path("warningSigns").has("sign_eye_contact")).isFalse();

        Checkout.edit(plan, "progress:\n  signs: context\n  talk_minutes: months_since_noticed\n", "");
        assertThat(http.post("/v1/admin/reload", "{}").status()).isEqualTo(200);
        point = point();
        assertThat(point.has("talkMinutes")).isFalse();
        assertThat(point.path("warningSigns").size()).isZero();
        assertThat(point.path("selfAssessmentYes").isInt()).as("named by summary:, not progress:").isTrue();
    }

    private JsonNode point() {
        Http.Response progress = http.get("/v1/subjects/chart-1/progress");
        assertThat(progress.status()).isEqualTo(200);
        return progress.json().path("series").get(0);
    }
}
