package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.Role;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/** Roles by bearer token over real HTTP: apps, auditors and coaches each reach exactly their routes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

    @TempDir
    static Path dir;

    private Rekindle server;
    private Http anonymous;
    private Http app;
    private Http otherApp;
    private Http auditor;
    private Http coach;

    @BeforeAll
    void start() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token", "other-app-token"),
                Role.AUDITOR, List.of("auditor-token"), Role.COACH, List.of("coach-token")));
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("d.db").toString()).withAccess(access));
        anonymous = new Http(server.port());
        app = anonymous.as("app-token");
        otherApp = anonymous.as("other-app-token");
        auditor = anonymous.as("auditor-token");
        coach = anonymous.as("coach-token");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthIsPublicAndSaysTokensAreOn() {
        Http.Response health = anonymous.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("access").asText()).isEqualTo("tokens");
        assertThat(health.json().has("warning")).isFalse();
    }

    @Test
    void missingOrUnknownTokensAre401Json() {
        Http.Response missing = anonymous.post("/v1/assessments", "{\"answers\": {}}");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("code").asText()).isEqualTo("unauthorized");
        assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        Http.Response unknown = anonymous.as("guess").get("/v1/questionnaire");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("message").asText()).contains("not known");
    }

    @Test
    void eachRoleReachesItsRoutesAndIsForbiddenElsewhere() {
        assertThat(app.get("/v1/questionnaire").status()).isEqualTo(200);
        Http.Response created = app.post("/v1/assessments", "{\"answers\": {\"sa_unseen\": \"yes\"}}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();

        assertThat(app.get("/v1/assessments/" + id).status()).isEqualTo(200);
        Http.Response appExplains = app.get("/v1/assessments/" + id + "/explanation");
        assertThat(appExplains.status()).isEqualTo(403);
        assertThat(appExplains.json().path("code").asText()).isEqualTo("forbidden");
        assertThat(appExplains.json().path("message").asText())
                .isEqualTo("an app token may not call this route; it takes an auditor token");

        assertThat(auditor.get("/v1/assessments/" + id).status()).isEqualTo(200);
        assertThat(auditor.get("/v1/assessments/" + id + "/explanation").status()).isEqualTo(200);
        assertThat(auditor.post("/v1/assessments", "{\"answers\": {}}").status()).isEqualTo(403);
        assertThat(coach.post("/v1/assessments", "{\"answers\": {}}").status()).isEqualTo(403);
    }

    @Test
    void anAppErasesOnlyWhatItCreated() {
        String body = "{\"answers\": {}, \"subject\": \"shared-pseudonym\"}";
        String mine = app.post("/v1/assessments", body).json().path("id").asText();
        String theirs = otherApp.post("/v1/assessments", body).json().path("id").asText();
        assertThat(otherApp.delete("/v1/assessments/" + mine).status()).isEqualTo(404);
        assertThat(auditor.delete("/v1/assessments/" + mine).status()).isEqualTo(403);
        assertThat(app.delete("/v1/subjects/shared-pseudonym").json().path("erased").asInt()).isEqualTo(1);
        assertThat(app.get("/v1/assessments/" + mine).status()).isEqualTo(404);
        assertThat(otherApp.get("/v1/assessments/" + theirs).status()).isEqualTo(200);
    }

    @Test
    void anAppCannotReadAnotherAppsAssessment() {
        String id = app.post("/v1/assessments", "{\"answers\": {}}").json().path("id").asText();
        Http.Response other = otherApp.get("/v1/assessments/" + id);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void coachesAdministerTheRulesetAuditorsReadItAndAppsReachNeither() {
        Http.Response noToken = anonymous.post("/v1/admin/reload", "{}");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("code").asText()).isEqualTo("unauthorized");
        for (Http caller : List.of(app, auditor)) {
            Http.Response reload = caller.post("/v1/admin/reload", "{}");
            assertThat(reload.status()).isEqualTo(403);
            assertThat(reload.json().path("code").asText()).isEqualTo("forbidden");
            assertThat(caller.post("/v1/admin/preview", "{}").status()).isEqualTo(403);
        }
        assertThat(coach.post("/v1/admin/reload", "{}").status()).isEqualTo(200);
        assertThat(coach.post("/v1/admin/preview", "{\"limit\": 1}").status()).isEqualTo(200);

        for (String route : List.of("/v1/ruleset", "/v1/rules")) {
            assertThat(coach.get(route).status()).as(route).isEqualTo(200);
            assertThat(auditor.get(route).status()).as(route).isEqualTo(200);
            assertThat(app.get(route).status()).as(route).isEqualTo(403);
        }

        String id = app.post("/v1/assessments", "{\"answers\": {\"sa_unseen\": \"yes\"}}").json().path("id").asText();
        Http.Response replay = auditor.get("/v1/assessments/" + id + "/replay");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().path("reproduced").asBoolean()).isTrue();
        assertThat(app.get("/v1/assessments/" + id + "/replay").status()).isEqualTo(403);
        assertThat(coach.get("/v1/assessments/" + id + "/replay").status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentAsksForBearerTokens() {
        assertThat(anonymous.get("/openapi.json").json().path("paths").path("/v1/assessments").path("post")
                .path("security").toString()).contains("bearer");
    }
}
