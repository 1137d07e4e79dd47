package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.json.Json;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * The questionnaire's features over real HTTP, once per database (see the subclasses): what
 * {@code GET /v1/questionnaire} says of sections and questions (required, help, enableWhen, exclusive
 * options), the contradictions {@code POST /v1/assessments} refuses, each a 400 naming its field, and
 * the plan of a partial questionnaire listing what is still unanswered, stored and read back alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuestionnaireApiContract {

    private static final String SCREEN_NO = """
            "safety_afraid": "no", "safety_hurt": "no", "safety_control": "no", "safety_forced": "no\"""";

    private Rekindle server;
    private Http http;

    /** The decision log setting for this database. */
    abstract String db();

    @BeforeAll
    void startServer() {
        server = Rekindle.start(Configs.onFreePort().withDb(db()).withMaxBodyBytes(64 * 1024));
        http = new Http(server.port());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // --- GET /v1/questionnaire -----------------------------------------------------------------

    @Test
    void sectionsHaveATitleADescriptionAndAnOrder() {
        JsonNode sections = questionnaire().path("sections");
        int previous = Integer.MIN_VALUE;
        for (JsonNode section : sections) {
            assertThat(section.path("title").asText()).as(section.toString()).isNotBlank();
            assertThat(section.path("description").asText()).as(section.toString()).isNotBlank();
            assertThat(section.path("order").asInt()).as("sections come in their order").isGreaterThan(previous);
            previous = section.path("order").asInt();
        }
        assertThat(sections.get(0).path("id").asText()).isEqualTo("context");
        assertThat(sections.get(1).path("id").asText()).isEqualTo("safety");
        assertThat(sections.get(1).path("private").asBoolean()).isTrue();
    }

    @Test
    void questionsKeepTheirFieldsAndSayWhatIsRequiredWhyAndWhen() {
        Map<String, JsonNode> questions = questionsById();
        JsonNode afraid = questions.get("safety_afraid");
        for (String field : List.of("id", "section", "text", "type", "options", "private")) {
            assertThat(afraid.has(field)).as("existing field %s is kept", field).isTrue();
        }
        assertThat(afraid.path("required").asBoolean()).isTrue();
        for (JsonNode question : questions.values()) {
            if (question.path("private").asBoolean()) {
                assertThat(question.path("help").asText()).as("who sees the answer to " + question.path("id"))
                        .contains("Your partner never sees");
            }
        }
        List<String> required = new ArrayList<>();
        questions.values().stream().filter(q -> q.path("required").asBoolean())
                .forEach(q -> required.add(q.path("id").asText()));
        assertThat(required).contains("safety_afraid", "safety_hurt", "safety_control", "safety_forced",
                "sa_hide_feelings", "sa_no_future_plans", "partner_willingness", "therapy_status").hasSize(16);

        assertThat(questions.get("who_noticed_first").path("enableWhen")).isEqualTo(Json.MAPPER.valueToTree(Map.of(
                "behavior", "all",
                "conditions", List.of(Map.of("question", "months_since_noticed", "operator", "atLeast", "answer", 1.0)))));
        JsonNode leaving = questions.get("st_considering_ending").path("enableWhen");
        assertThat(leaving.path("behavior").asText()).isEqualTo("any");
        assertThat(leaving.path("conditions").get(0)).isEqualTo(Json.MAPPER.valueToTree(Map.of(
                "question", "sign_fantasize_leaving", "operator", "atLeast", "answer", "rarely")));
        assertThat(questions.get("att_partner_reaction").path("enableWhen").path("conditions").get(0)
                .path("operator").asText()).isEqualTo("answered");
        assertThat(questions.values().stream().filter(q -> q.has("enableWhen")).count()).isEqualTo(3);
        assertThat(questions.get("sa_unseen").has("enableWhen")).isFalse();

        assertThat(questions.get("mistakes_tried").path("exclusive")).isEqualTo(Json.MAPPER.valueToTree(List.of("none")));
        assertThat(questions.get("rp_affected").path("exclusive")).isEqualTo(Json.MAPPER.valueToTree(List.of("none")));
        assertThat(questions.get("micro_received").has("exclusive")).isFalse();
    }

    // --- contradictions on POST ----------------------------------------------------------------

    @Test
    void anAnswerToAQuestionTheOtherAnswersDoNotAskIsA400NamingIt() {
        assertRefused("{\"answers\": {\"months_since_noticed\": 0, \"who_noticed_first\": \"me\"}}",
                "answers.who_noticed_first", "'months_since_noticed' is at least 1");
        assertRefused("{\"answers\": {\"who_noticed_first\": \"me\"}}", "answers.who_noticed_first",
                "not asked with the other answers");
        assertRefused("{\"answers\": {\"att_partner_reaction\": \"pull\"}}", "answers.att_partner_reaction",
                "'att_my_reaction' is answered");
        assertRefused("{\"answers\": {" + SCREEN_NO + ", \"sign_fantasize_leaving\": \"never\", "
                + "\"sa_fantasize_alone\": \"no\", \"st_considering_ending\": \"decided\"}}",
                "answers.st_considering_ending", "'sign_fantasize_leaving' is at least 'rarely', or "
                        + "'sa_fantasize_alone' is 'yes', or 'st_recent_crisis' is 'yes'");
        // Once the answer it depends on is there, the same answer is taken.
        assertThat(post("{\"answers\": {\"months_since_noticed\": 3, \"who_noticed_first\": \"me\", "
                + "\"att_my_reaction\": \"push\", \"att_partner_reaction\": \"pull\"}}").status()).isEqualTo(201);
        Http.Response leaving = post("{\"answers\": {" + SCREEN_NO + ", \"st_recent_crisis\": \"yes\", "
                + "\"st_considering_ending\": \"decided\"}}");
        assertThat(leaving.status()).as(leaving.body()).isEqualTo(201);
        assertThat(leaving.json().path("path").path("id").asText()).isEqualTo("leaving");
    }

    @Test
    void noneWithAnotherOptionIsA400NamingTheField() {
        assertRefused("{\"answers\": {\"mistakes_tried\": [\"none\", \"ultimatums\"]}}", "answers.mistakes_tried",
                "'none' (\"None of these\") cannot be combined with another option");
        assertRefused("{\"answers\": {\"rp_affected\": [\"work\", \"none\"]}}", "answers.rp_affected",
                "cannot be combined");
        assertThat(post("{\"answers\": {\"mistakes_tried\": [\"none\"], \"rp_affected\": [\"work\", \"friendships\"]}}")
                .status()).isEqualTo(201);
    }

    @Test
    void everyContradictionIsNamedAtOnce() {
        Http.Response response = post("{\"answers\": {\"who_noticed_first\": \"me\", "
                + "\"mistakes_tried\": [\"none\", \"ultimatums\"]}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("answers.who_noticed_first", "answers.mistakes_tried");
    }

    // --- the plan of a partial questionnaire ---------------------------------------------------

    @Test
    void aPartialQuestionnaireGetsAPlanThatListsWhatIsUnanswered() {
        Map<String, JsonNode> questions = questionsById();
        Http.Response created = post("{\"answers\": {\"safety_afraid\": \"no\", \"sa_hide_feelings\": \"yes\", "
                + "\"partner_willingness\": \"willing\", \"talk_minutes_per_day\": 20}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode unanswered = created.json().path("summary").path("unanswered");

        List<String> required = ids(unanswered.path("required"));
        assertThat(required).containsExactly("therapy_status", "safety_hurt", "safety_control", "safety_forced",
                "sa_affection_rare", "sa_silence_uneasy", "sa_fantasize_alone", "sa_conflict_avoided", "sa_unseen",
                "sa_logistics_only", "sa_intimacy_down", "sa_safer_with_others", "sa_no_future_plans");
        for (JsonNode item : unanswered.path("required")) {
            assertThat(item.path("text").asText()).isEqualTo(questions.get(item.path("id").asText()).path("text").asText());
        }
        assertThat(ids(unanswered.path("sharpening"))).containsExactly("relationship_months", "months_since_noticed",
                "att_my_reaction");

        // Stored as it was sent, and read back byte for byte.
        String id = created.json().path("id").asText();
        assertThat(http.get("/v1/assessments/" + id).body()).isEqualTo(created.body());
        assertThat(http.get("/v1/assessments/" + id + "/explanation").json().path("sent").path("matches").asBoolean())
                .isTrue();
    }

    @Test
    void aFullQuestionnaireLeavesNothingRequiredAndTheSafetyPathListsNothing() throws IOException {
        JsonNode full = post(Files.readString(Path.of("bench/answers/full_many_problems.json"))).json();
        assertThat(full.path("summary").path("unanswered").path("required")).isEmpty();
        assertThat(full.path("summary").path("unanswered").path("sharpening")).isEmpty();

        // A plan just for the person: nothing in it asks about the relationship, so no list either.
        JsonNode safety = post("{\"answers\": {\"safety_afraid\": \"yes\"}}").json();
        assertThat(safety.path("path").path("id").asText()).isEqualTo("safety");
        assertThat(safety.path("summary").has("unanswered")).isFalse();
    }

    @Test
    void aQuestionAskedBecauseOfAPrivateAnswerIsNeverListed() {
        // st_considering_ending is asked here (leaving came up), but listing it would tell that a private
        // answer was not "never".
        JsonNode plan = post("{\"answers\": {" + SCREEN_NO + ", \"sign_fantasize_leaving\": \"often\"}}").json();
        assertThat(ids(plan.path("summary").path("unanswered").path("required")))
                .doesNotContain("st_considering_ending");
        assertThat(ids(plan.path("summary").path("unanswered").path("sharpening")))
                .doesNotContain("st_considering_ending");
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode questionnaire() {
        Http.Response response = http.get("/v1/questionnaire");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private Map<String, JsonNode> questionsById() {
        Map<String, JsonNode> byId = new HashMap<>();
        questionnaire().path("questions").forEach(q -> byId.put(q.path("id").asText(), q));
        return byId;
    }

    private Http.Response post(String body) {
        return http.post("/v1/assessments", body);
    }

    private void assertRefused(String body, String field, String problem) {
        Http.Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("invalid_answers");
        assertThat(response.json().path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("problem").asText()).contains(problem);
        });
    }

    private static List<String> fields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
