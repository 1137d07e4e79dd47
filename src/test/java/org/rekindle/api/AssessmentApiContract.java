package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.api.assessments.AssessmentRequest;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.bundle.Sha256;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.json.Json;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * The app-facing contract over real HTTP, against the checkout's rules and content, run once per
 * database (see the subclasses). Asserts what came back and which rules fired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AssessmentApiContract {

    static final String DISTANT = """
            {"answers": {"sa_hide_feelings": "yes", "sa_affection_rare": "yes", "sa_silence_uneasy": "yes",
                         "sa_unseen": "yes", "sa_logistics_only": "yes", "talk_minutes_per_day": 10,
                         "months_since_noticed": 8, "relationship_months": 96},
             "subject": "person-1", "couple": "couple-1", "partner": "a"}
            """;

    private Rekindle server;
    Http http;

    /** The decision log setting for this database. */
    abstract String db();

    @BeforeAll
    void startServer() {
        server = Rekindle.start(Configs.onFreePort().withDb(db()).withMaxBodyBytes(16 * 1024));
        http = new Http(server.port());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthReportsTheLiveRulesetAndThatTheServerIsOpen() {
        Http.Response health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("rulesetVersion").asText()).hasSize(12);
        assertThat(health.json().path("access").asText()).isEqualTo("open");
        assertThat(health.json().path("warning").asText()).contains("no tokens");
    }

    @Test
    void questionnaireListsEveryQuestionWithItsTypeAndOptions() {
        JsonNode body = http.get("/v1/questionnaire").json();
        assertThat(body.path("version").asText()).hasSize(12);
        List<String> types = new ArrayList<>();
        body.path("questions").forEach(q -> types.add(q.path("type").asText()));
        assertThat(types).contains("yes_no", "frequency", "choice", "multi_choice", "number");
        JsonNode first = body.path("questions").get(0);
        assertThat(first.has("id") && first.has("section") && first.has("text") && first.has("options")).isTrue();
        JsonNode safety = find(body.path("questions"), "safety_afraid");
        assertThat(safety.path("private").asBoolean()).isTrue();
        assertThat(safety.path("options").get(0).path("value").asText()).isEqualTo("yes");
    }

    @Test
    void postingAnswersReturnsOrderedCardsWithReasonsAndStoresTheDecision() {
        Http.Response created = http.post("/v1/assessments", DISTANT);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode plan = created.json();
        String id = plan.path("id").asText();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v1/assessments/" + id);
        assertThat(plan.path("summary").path("selfAssessment").path("yes").asInt()).isEqualTo(5);
        assertThat(plan.path("summary").path("selfAssessment").path("verdict").asText())
                .isEqualTo("disconnection_suspected");
        assertThat(plan.path("path").path("id").asText()).isEqualTo("reconnect");
        assertThat(plan.path("path").path("because").get(0).path("ruleId").asText()).startsWith("steps.guide_from_");
        List<String> focus = ids(plan.path("focus"));
        assertThat(focus).as("the private questions are unanswered: the invitation leads")
                .containsExactly("safety_screen_invite", "steps_acknowledge", "steps_safe_space",
                        "steps_active_listening", "steps_validate");
        List<String> cards = ids(allCards(plan));
        assertThat(cards).contains("self_assessment_verdict").doesNotHaveDuplicates();
        JsonNode header = find(allCards(plan), "self_assessment_verdict");
        assertThat(header.has("detail")).as("the plan view lists the other cards by title").isFalse();

        JsonNode full = http.get("/v1/assessments/" + plan.path("id").asText() + "?view=full").json();
        assertThat(ids(allCards(full))).containsAll(cards);
        JsonNode verdict = find(allCards(full), "self_assessment_verdict");
        assertThat(verdict.path("indicator").asText()).isEqualTo("warning");
        assertThat(verdict.path("source").path("label").asText()).isNotBlank();
        JsonNode because = verdict.path("because").get(0);
        assertThat(because.path("ruleId").asText()).isEqualTo("self_assessment.verdict");
        assertThat(because.path("file").asText()).isEqualTo("rules/self_assessment.drl");
        assertThat(because.path("line").asInt()).isPositive();
        assertThat(because.path("answers").toString()).contains("sa_hide_feelings");
        assertThat(because.path("reason").asText()).isNotBlank();

        Http.Response stored = http.get("/v1/assessments/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).as("read back byte for byte").isEqualTo(created.body());
    }

    @Test
    void numbersComeBackAsTheyWerePostedInThePlanTheLogTheExplanationAndTheReplay() throws Exception {
        Http.Response created = http.post("/v1/assessments",
                "{\"answers\": {\"talk_minutes_per_day\": 10, \"relationship_months\": 12.5}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        // The rule still compares the number: number("talk_minutes_per_day") < 30 fires on 10.
        Http.Response full = http.get("/v1/assessments/" + id + "?view=full");
        JsonNode stat = find(allCards(full.json()), "fade_talk_minutes_stat");
        assertThat(stat.path("because").get(0).path("reason").asText()).contains("about 10 minutes");
        assertThat(full.body()).contains("{\"question\":\"talk_minutes_per_day\",\"value\":10}")
                .doesNotContain("\"value\":10.0");
        assertThat(created.body()).doesNotContain("10.0");

        assertThat(server.decisionLog().find(id).orElseThrow().answersJson())
                .contains("\"talk_minutes_per_day\":10,", "\"relationship_months\":12.5").doesNotContain("10.0");
        assertThat(http.get("/v1/assessments/" + id).body()).isEqualTo(created.body());
        JsonNode explanation = http.get("/v1/assessments/" + id + "/explanation").json();
        assertThat(explanation.path("answers").path("talk_minutes_per_day").isIntegralNumber()).isTrue();
        assertThat(explanation.path("answers").path("relationship_months").asDouble()).isEqualTo(12.5);
        assertThat(explanation.path("sent").path("matches").asBoolean()).isTrue();
        JsonNode replay = http.get("/v1/assessments/" + id + "/replay").json();
        assertThat(replay.path("reproduced").asBoolean()).as(replay.toString()).isTrue();
    }

    @Test
    void theLogKeepsEachAnswerOnceAndReadsBackThePlanAndTraceTheEngineMade() throws Exception {
        Http.Response created = http.post("/v1/assessments", DISTANT);
        String id = created.json().path("id").asText();

        DecisionRecord row = server.decisionLog().find(id).orElseThrow();
        JsonNode storedPlan = Json.MAPPER.readTree(row.planJson());
        JsonNode storedTrace = Json.MAPPER.readTree(row.traceJson());
        assertThat(storedTrace.path("format").asInt()).isEqualTo(DecisionCodec.FORM);
        storedPlan.path("cards").forEach(card -> {
            assertThat(card.has("detail")).as("texts are kept once, in the ruleset version's files").isFalse();
            card.path("because").forEach(because ->
                    assertThat(because.isInt()).as("a reason is stored as its firing's seq").isTrue());
        });
        storedTrace.path("trace").forEach(firing -> {
            assertThat(firing.has("answers")).as("answers are stored once, not per firing").isFalse();
            assertThat(firing.has("reads") || firing.has("rule") || firing.has("file") || firing.has("inserted"))
                    .as("what the rule says, and so what it reads, comes from the version's files").isFalse();
            assertThat(firing.path("ruleId").isTextual() && firing.path("reason").isTextual()).isTrue();
        });
        assertThat(row.planJson()).doesNotContain("\"value\"");
        assertThat(row.traceJson()).doesNotContain("\"value\"");

        // What the engine computed for the same answers, field for field: the app's cards and the
        // auditor's trace, with every firing's answers (its own and those of the firings behind it).
        Ruleset ruleset = server.rulesets().current().orElseThrow().ruleset();
        Decision expected = Engine.evaluate(ruleset, ruleset.content().questionnaire()
                .read(AssessmentRequest.read(Json.MAPPER.readTree(DISTANT)).answers()));
        JsonNode focus = Json.MAPPER.valueToTree(expected.plan().cards().stream()
                .filter(card -> expected.plan().focus().contains(card.id())).toList());
        assertThat(created.json().path("focus")).isEqualTo(focus);
        JsonNode full = http.get("/v1/assessments/" + id + "?view=full").json();
        assertThat(sortedById(allCards(full))).isEqualTo(sortedById(Json.MAPPER.valueToTree(expected.plan().cards())));
        assertThat(full.path("path")).isEqualTo(Json.MAPPER.valueToTree(expected.plan().path()));
        JsonNode explanation = http.get("/v1/assessments/" + id + "/explanation").json();
        assertThat(explanation.path("trace")).isEqualTo(Json.MAPPER.valueToTree(expected.trace()));
        assertThat(explanation.path("trace").toString()).contains("\"answers\":[{\"question\"");

        // The row keeps the SHA-256 of what the app was sent, and the explanation checks today's rebuild.
        JsonNode sent = explanation.path("sent");
        assertThat(sent.path("view").asText()).isEqualTo("plan");
        assertThat(sent.path("sha256").asText()).isEqualTo(Sha256.hex(created.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.path("matches").asBoolean()).isTrue();

        ObjectNode drifted = (ObjectNode) storedPlan.deepCopy();
        ((ObjectNode) drifted.path("sent")).put("sha256", "0".repeat(64));
        server.decisionLog().append(new DecisionRecord("drifted-" + id, row.createdAt(), row.rulesetVersion(),
                null, null, null, null, row.answersJson(), drifted.toString(), row.traceJson()));
        JsonNode check = http.get("/v1/assessments/drifted-" + id + "/explanation").json().path("sent");
        assertThat(check.path("matches").asBoolean()).as("a rebuild that differs from what was sent").isFalse();
    }

    @Test
    void theCompactViewKeepsEachCardsTextsAndReasonsAndLeavesRuleLocationsAndAnswersToTheExplanation() {
        Http.Response full = http.post("/v1/assessments?view=full", DISTANT);
        Http.Response compact = http.post("/v1/assessments?view=compact", DISTANT);
        assertThat(compact.status()).as(compact.body()).isEqualTo(201);
        assertThat(ids(allCards(compact.json()))).isEqualTo(ids(allCards(full.json())));
        assertThat(compact.json().path("summary")).isEqualTo(full.json().path("summary"));
        assertThat(compact.json().path("path").path("id")).isEqualTo(full.json().path("path").path("id"));
        assertThat(compact.body().length()).isLessThan(full.body().length() * 3 / 4);

        JsonNode fullCard = full.json().path("focus").get(1);
        JsonNode compactCard = compact.json().path("focus").get(1);
        for (String field : List.of("id", "kind", "indicator", "summary", "detail", "source")) {
            assertThat(compactCard.path(field)).as(field).isEqualTo(fullCard.path(field));
        }
        JsonNode reason = compactCard.path("because").get(0);
        List<String> fields = new ArrayList<>();
        reason.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("seq", "ruleId", "reason");
        assertThat(reason.path("reason")).isEqualTo(fullCard.path("because").get(0).path("reason"));

        // The seq names the reason's firing in the explanation; reading back gives either view.
        String id = compact.json().path("id").asText();
        JsonNode trace = http.get("/v1/assessments/" + id + "/explanation").json().path("trace");
        assertThat(trace.get(reason.path("seq").asInt() - 1).path("ruleId")).isEqualTo(reason.path("ruleId"));
        assertThat(http.get("/v1/assessments/" + id + "?view=compact").body()).isEqualTo(compact.body());
        JsonNode sent = http.get("/v1/assessments/" + id + "/explanation").json().path("sent");
        assertThat(sent.path("view").asText()).isEqualTo("compact");
        assertThat(sent.path("sha256").asText()).isEqualTo(Sha256.hex(compact.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.path("matches").asBoolean()).isTrue();
        assertThat(http.get("/v1/assessments/" + id + "?view=full").json().path("focus").get(1).path("because")
                .get(0).has("answers")).isTrue();
    }

    @Test
    void anUnknownViewIsA400NamingTheParameterAndStoresNothing() {
        long before = server.decisionLog().stats().appended();
        Http.Response response = http.post("/v1/assessments?view=tiny", DISTANT);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("invalid_query");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("view");
        assertThat(response.json().path("message").asText()).contains("compact");
        assertThat(server.decisionLog().stats().appended()).isEqualTo(before);
    }

    @Test
    void anInconsistentRowOrAFormFromTheFutureIsA500RatherThanAWrongPlan() {
        String version = http.get("/health").json().path("rulesetVersion").asText();
        String plan = "{\"id\":\"torn\",\"rulesetVersion\":\"" + version + "\",\"createdAt\":"
                + "\"2025-03-01T09:30:00Z\",\"summary\":{\"answered\":0},\"cards\":[]}";
        String trace = "{\"format\":2,\"trace\":[{\"seq\":1,\"ruleId\":\"steps.acknowledge\",\"rule\":\"r\","
                + "\"file\":\"rules/steps.drl\",\"line\":3,\"reads\":[\"sa_unseen\"],\"reason\":\"why\","
                + "\"inserted\":[],\"dependsOn\":[]}],\"withheld\":[]}";
        server.decisionLog().append(new DecisionRecord("torn", Instant.parse("2025-03-01T09:30:00Z"), version,
                null, null, null, null, "{}", plan, trace));
        server.decisionLog().append(new DecisionRecord("future", Instant.parse("2025-03-01T09:30:00Z"), version,
                null, null, null, null, "{}", plan.replace("torn", "future"),
                "{\"format\":4,\"trace\":[],\"withheld\":[],\"somethingNew\":1}"));
        try (LogCapture logged = LogCapture.start()) {
            Http.Response torn = http.get("/v1/assessments/torn/explanation");
            assertThat(torn.status()).isEqualTo(500);
            assertThat(torn.json().path("code").asText()).isEqualTo("internal_error");
            assertThat(http.get("/v1/assessments/future").status()).isEqualTo(500);
            // The route's template, never the path: an id in a path could be someone's pseudonym.
            assertThat(logged.text()).contains("unexpected java.lang.IllegalStateException on GET "
                    + "/v1/assessments/{id}/explanation", "on GET /v1/assessments/{id}")
                    .doesNotContain("torn", "future");
        }
    }

    @Test
    void decisionsStoredInTheFirstExpandedFormStillReadBackAsTheyWere() {
        String plan = """
                {"id":"first-form","rulesetVersion":"0123456789ab","createdAt":"2025-03-01T09:30:00Z",\
                "summary":{"answered":1},"cards":[{"id":"steps_acknowledge","because":[{"rule":"r",\
                "ruleId":"steps.acknowledge","file":"rules/steps.drl","line":3,\
                "answers":[{"question":"sa_unseen","value":"yes"}],"reason":"why"}]}]}""";
        String trace = """
                {"trace":[{"seq":1,"ruleId":"steps.acknowledge","rule":"r","file":"rules/steps.drl","line":3,\
                "answers":[{"question":"sa_unseen","value":"yes"}],"reason":"why",\
                "inserted":["Show(steps_acknowledge)"],"dependsOn":[]}],"withheld":[]}""";
        server.decisionLog().append(new DecisionRecord("first-form", Instant.parse("2025-03-01T09:30:00Z"),
                "0123456789ab", null, null, null, null, "{\"sa_unseen\":\"yes\"}", plan, trace));

        assertThat(http.get("/v1/assessments/first-form").body()).isEqualTo(plan);
        JsonNode explanation = http.get("/v1/assessments/first-form/explanation").json();
        assertThat(explanation.path("trace").get(0).path("answers").get(0).path("value").asText()).isEqualTo("yes");
        assertThat(explanation.path("cards").get(0).path("chain").get(0).path("ruleId").asText())
                .isEqualTo("steps.acknowledge");
    }

    @Test
    void theExplanationChainsAMultiStepDerivationBackToTheAnswers() {
        String id = http.post("/v1/assessments", DISTANT).json().path("id").asText();
        Http.Response explanation = http.get("/v1/assessments/" + id + "/explanation");
        assertThat(explanation.status()).isEqualTo(200);
        JsonNode body = explanation.json();
        assertThat(body.path("answers").path("sa_hide_feelings").asText()).isEqualTo("yes");
        List<String> fired = new ArrayList<>();
        body.path("trace").forEach(f -> fired.add(f.path("ruleId").asText()));
        assertThat(fired).contains("self_assessment.disconnection_suspected", "steps.acknowledge");

        // steps_acknowledge <- steps.acknowledge <- Finding(reconnection_guide) <- Finding(disconnection_suspected)
        JsonNode chain = null;
        for (JsonNode card : body.path("cards")) {
            if (card.path("card").asText().equals("steps_acknowledge")) {
                chain = card.path("chain");
            }
        }
        assertThat(chain).isNotNull();
        List<String> chainRules = new ArrayList<>();
        chain.forEach(step -> chainRules.add(step.path("ruleId").asText()));
        assertThat(chainRules).hasSizeGreaterThanOrEqualTo(3)
                .startsWith("self_assessment.disconnection_suspected").endsWith("steps.acknowledge");
        assertThat(chain.get(0).path("inserted").toString()).contains("Finding(disconnection_suspected)");
        assertThat(chain.get(0).path("answers").toString()).contains("sa_unseen");
        assertThat(chain.get(0).path("line").asInt()).isPositive();
    }

    @Test
    void erasureDeletesOneAssessmentOrEverythingOfASubject() {
        String one = http.post("/v1/assessments", DISTANT).json().path("id").asText();
        assertThat(http.delete("/v1/assessments/" + one).status()).isEqualTo(204);
        assertThat(http.get("/v1/assessments/" + one).status()).isEqualTo(404);
        assertThat(http.delete("/v1/assessments/" + one).status()).isEqualTo(404);

        String body = "{\"answers\": {\"sa_unseen\": \"yes\"}, \"subject\": \"erase-me\"}";
        String first = http.post("/v1/assessments", body).json().path("id").asText();
        String second = http.post("/v1/assessments", body).json().path("id").asText();
        String kept = http.post("/v1/assessments", DISTANT).json().path("id").asText();
        Http.Response erased = http.delete("/v1/subjects/erase-me");
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().path("erased").asInt()).isEqualTo(2);
        assertThat(http.get("/v1/assessments/" + first).status()).isEqualTo(404);
        assertThat(http.get("/v1/assessments/" + second).status()).isEqualTo(404);
        assertThat(http.get("/v1/assessments/" + kept).status()).isEqualTo(200);
    }

    @Test
    void anEmptyAnswerSetIsAValidAssessment() {
        Http.Response created = http.post("/v1/assessments", "{\"answers\": {}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("summary").path("selfAssessment").path("verdict").asText())
                .isEqualTo("not_taken");
        assertThat(created.json().path("path").path("id").asText()).isEqualTo("first_steps");
        assertThat(ids(created.json().path("focus"))).containsExactly("safety_screen_invite", "next_assess_honestly");
    }

    @Test
    void aPositiveSafetyScreenPutsHelpFirstAndWithholdsExposingExercises() {
        String body = DISTANT.replace("\"sa_hide_feelings\": \"yes\"",
                "\"sa_hide_feelings\": \"yes\", \"safety_afraid\": \"yes\"");
        JsonNode plan = http.post("/v1/assessments?view=full", body).json();
        List<String> cards = ids(allCards(plan));
        assertThat(cards.get(0)).isEqualTo("safety_help");
        assertThat(plan.path("focus").get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(cards).doesNotContain("steps_acknowledge", "steps_safe_space", "steps_share_needs");
        JsonNode explanation = http.get("/v1/assessments/" + plan.path("id").asText() + "/explanation").json();
        assertThat(explanation.path("withheld").toString()).contains("steps_acknowledge");
    }

    @Test
    void badAnswersGetA400NamingEachField() {
        Http.Response response = http.post("/v1/assessments", """
                {"answers": {"no_such_question": "yes", "sa_unseen": "maybe", "talk_minutes_per_day": 5000,
                             "att_own_style": 3, "micro_received": ["not_an_option"]}}
                """);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("invalid_answers");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("answers.no_such_question", "answers.sa_unseen", "answers.talk_minutes_per_day",
                "answers.att_own_style", "answers.micro_received[0]");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void malformedJsonWrongContentTypeAndOversizedBodiesAreRejected() {
        Http.Response malformed = http.post("/v1/assessments", "{\"answers\": {");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asText()).isEqualTo("malformed_json");

        Http.Response text = http.post("/v1/assessments", "text/plain", "{\"answers\": {}}");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().path("code").asText()).isEqualTo("unsupported_media_type");

        Http.Response huge = http.post("/v1/assessments", "{\"answers\": {}, \"subject\": \"" + "x".repeat(20_000)
                + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("code").asText()).isEqualTo("payload_too_large");

        Http.Response missing = http.post("/v1/assessments", "{\"answer\": {}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("code").asText()).isEqualTo("invalid_body");
        assertThat(missing.body()).contains("\"field\":\"answers\"").contains("\"field\":\"answer\"");

        assertThat(http.get("/health").status()).as("the server stays up").isEqualTo(200);
    }

    @Test
    void unknownAssessmentsAndRoutesAre404Json() {
        Http.Response assessment = http.get("/v1/assessments/does-not-exist");
        assertThat(assessment.status()).isEqualTo(404);
        assertThat(assessment.json().path("code").asText()).isEqualTo("not_found");
        Http.Response route = http.get("/v1/nothing-here");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void openApiDescribesExactlyTheRoutesThatExist() {
        JsonNode paths = http.get("/openapi.json").json().path("paths");
        List<String> documented = new ArrayList<>();
        paths.properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        assertThat(documented).containsExactlyInAnyOrder("GET /health", "GET /health/live",
                "GET /v1/questionnaire",
                "POST /v1/assessments", "GET /v1/assessments/{id}", "GET /v1/assessments/{id}/explanation",
                "GET /v1/assessments/{id}/replay", "GET /v1/ruleset", "POST /v1/admin/reload",
                "POST /v1/admin/publish", "POST /v1/admin/promote", "DELETE /v1/admin/shadow",
                "GET /v1/rulesets/shadow", "GET /v1/rules",
                "POST /v1/admin/preview", "GET /metrics", "GET /openapi.json",
                "DELETE /v1/assessments/{id}", "DELETE /v1/subjects/{subject}", "GET /v1/couples/{couple}",
                "POST /v1/assessments/{id}/feedback", "GET /v1/assessments/{id}/feedback",
                "GET /v1/subjects/{subject}/progress",
                "GET /v1/assessments/{id}/why-not/{card}", "GET /v1/decisions", "GET /v1/decisions/counts",
                "GET /v1/decisions/export");
        for (String route : documented) {
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "x").replace("{subject}", "x")
                    .replace("{card}", "x").replace("{couple}", "x");
            Http.Response response = route.startsWith("GET") ? http.get(path)
                    : route.startsWith("DELETE") ? http.delete(path) : http.post(path, "{\"answers\": {}}");
            assertThat(response.status()).as(route).isNotEqualTo(405).isLessThan(500);
            assertThat(response.body()).as(route).doesNotContain("no route");
        }
        JsonNode view = paths.path("/v1/assessments").path("post").path("parameters").get(0);
        assertThat(view.path("name").asText()).isEqualTo("view");
        assertThat(view.path("in").asText()).isEqualTo("query");
        assertThat(view.path("schema").path("enum").toString()).isEqualTo("[\"full\",\"compact\"]");
    }

    @Test
    void metricsCountRequestsEvaluationsFiringsAndDecisionLogWrites() {
        http.post("/v1/assessments", DISTANT);
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("rekindle_http_requests_total", "rekindle_evaluation_seconds",
                "rekindle_rule_firings_total{rule=\"self_assessment.disconnection_suspected\"}",
                "rekindle_decision_log_writes_total", "rekindle_decision_log_failures_total");
    }

    /** Every card of a plan as apps get it, in reading order: the focus, then each section's cards. */
    static JsonNode allCards(JsonNode plan) {
        ArrayNode all = Json.MAPPER.createArrayNode();
        plan.path("focus").forEach(all::add);
        plan.path("sections").forEach(section -> section.path("cards").forEach(all::add));
        return all;
    }

    static List<String> ids(JsonNode cards) {
        List<String> ids = new ArrayList<>();
        cards.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    static List<JsonNode> sortedById(JsonNode cards) {
        List<JsonNode> sorted = new ArrayList<>();
        cards.forEach(sorted::add);
        sorted.sort((x, y) -> x.path("id").asText().compareTo(y.path("id").asText()));
        return sorted;
    }

    static JsonNode find(JsonNode array, String id) {
        for (JsonNode node : array) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id + " in " + array);
    }
}
