package org.rekindle.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.json.Json;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * FHIR R4 over real HTTP: {@code GET /v1/questionnaire?format=fhir} passes the R4 structure check with no
 * error; a {@code QuestionnaireResponse} gets the plan the equivalent JSON body gets, for every answer file
 * of the bench; a bad one is a 400 naming the item by linkId. Nothing here names a question id: the
 * questions are taken from the questionnaire itself, so edits to the content keep the test meaningful.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirApiTest {

    private static final String FHIR = "application/fhir+json";

    @TempDir
    static Path dir;

    private Rekindle server;
    private Http http;
    private R4Check r4;
    private JsonNode questionnaire;
    private JsonNode fhirQuestionnaire;

    @BeforeAll
    void start() {
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("fhir.db").toString())
                .withMaxBodyBytes(64 * 1024));
        http = new Http(server.port());
        r4 = new R4Check(); // loads every R4 definition: once for the class
        questionnaire = http.get("/v1/questionnaire").json();
        Http.Response fhir = http.get("/v1/questionnaire?format=fhir");
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.raw().headers().firstValue("Content-Type").orElse("")).startsWith(FHIR);
        fhirQuestionnaire = fhir.json();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- GET /v1/questionnaire?format=fhir ------------------------------------------------------

    @Test
    void theFhirQuestionnairePassesTheR4StructureCheckWithOnlyTheOfflineTerminologyWarning() {
        List<R4Check.Issue> issues = r4.check(fhirQuestionnaire.toString());
        assertThat(R4Check.errors(issues)).as("errors").isEmpty();
        // Accepted: Rekindle's own option code system cannot be resolved offline (nor by any validator that
        // does not have it), and the resource carries no narrative, which apps do not need.
        assertThat(R4Check.warnings(issues).lines().distinct().toList()).allMatch(w -> w.equals("code system "
                + FhirQuestionnaire.CODE_SYSTEM + " is not known offline; its codes cannot be checked")
                || w.startsWith("dom-6:"));
    }

    @Test
    void theFhirQuestionnaireSpeaksTheRequestsLanguage() {
        Http.Response spanish = http.withHeader("Accept-Language", "es").get("/v1/questionnaire?format=fhir");
        assertThat(spanish.raw().headers().firstValue("Content-Language")).hasValue("es");
        assertThat(spanish.body()).contains("\u00bfAlguna vez sientes miedo de tu pareja");
        assertThat(R4Check.errors(r4.check(spanish.body()))).as("errors").isEmpty();
    }

    @Test
    void theShortFormIsAFhirQuestionnaireOfItsOwnAnsweredLikeTheJsonForm() {
        Http.Response fhir = http.withHeader("Accept-Language", "es").get("/v1/questionnaire?format=fhir&form=short");
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.raw().headers().firstValue("Content-Type").orElse("")).startsWith(FHIR);
        List<R4Check.Issue> issues = r4.check(fhir.body());
        assertThat(R4Check.errors(issues)).as("errors").isEmpty();
        JsonNode shortForm = fhir.json();
        assertThat(shortForm.path("url").asText()).isEqualTo(FhirQuestionnaire.URL + "-short");
        assertThat(shortForm.path("derivedFrom").get(0).asText())
                .isEqualTo(FhirQuestionnaire.URL + "|" + fhirQuestionnaire.path("version").asText());
        assertThat(shortForm.toString()).contains("\u00bfAlguna vez sientes miedo de tu pareja");
        // The same questions as the JSON form, each in its section's group, the whole safety screen among them.
        List<String> linkIds = new java.util.ArrayList<>();
        shortForm.path("item").forEach(group -> group.path("item").forEach(item -> {
            if (!item.path("type").asText().equals("display")) {
                linkIds.add(item.path("linkId").asText());
            }
        }));
        List<String> jsonForm = new java.util.ArrayList<>();
        http.get("/v1/questionnaire?form=short").json().path("questions").forEach(q -> jsonForm.add(q.path("id").asText()));
        assertThat(linkIds).containsExactlyElementsOf(jsonForm).contains("safety_afraid", "safety_hurt",
                "safety_control", "safety_forced").hasSizeLessThanOrEqualTo(20);
        // Every enableWhen reads an item of this questionnaire.
        shortForm.path("item").forEach(group -> group.path("item").forEach(item -> item.path("enableWhen")
                .forEach(when -> assertThat(linkIds).contains(when.path("question").asText()))));

        // A response to it gives the plan of the same JSON body.
        ObjectNode answers = JsonNodeFactory.instance.objectNode().put("safety_afraid", "no").put("safety_hurt", "no")
                .put("safety_control", "no").put("safety_forced", "no").put("partner_willingness", "willing")
                .put("sa_hide_feelings", "yes").put("sa_affection_rare", "yes").put("sa_silence_uneasy", "yes")
                .put("sa_unseen", "yes").put("sa_no_future_plans", "yes").put("st_considering_ending", "sometimes")
                .put("talk_minutes_per_day", 10);
        ObjectNode response = response(shortForm, answers);
        assertThat(response.path("questionnaire").asText()).startsWith(FhirQuestionnaire.URL + "-short|");
        assertThat(R4Check.errors(r4.check(response.toString()))).as("the response is valid R4").isEmpty();
        Http.Response viaFhir = http.post("/v1/assessments", FHIR, response.toString());
        Http.Response viaJson = http.post("/v1/assessments", "{\"answers\": " + answers + "}");
        assertThat(viaFhir.status()).as(viaFhir.body()).isEqualTo(201);
        assertThat(viaFhir.json().path("path")).isEqualTo(viaJson.json().path("path"));
        assertThat(viaFhir.json().path("focus")).isEqualTo(viaJson.json().path("focus"));
        assertThat(viaFhir.json().path("summary")).isEqualTo(viaJson.json().path("summary"));
        assertThat(viaFhir.json().path("summary").path("unanswered").path("sharpeningSections")).isNotEmpty();

        // An item the short form does not ask is not part of a response to it.
        ObjectNode beyond = response(fhirQuestionnaire, answers.deepCopy().put("relationship_months", 30));
        beyond.put("questionnaire", FhirQuestionnaire.URL + "-short");
        assertProblem(http.post("/v1/assessments", FHIR, beyond.toString()), "invalid_body",
                "item[linkId=relationship_months]");
        ObjectNode elsewhere = response(shortForm, answers);
        elsewhere.put("questionnaire", FhirQuestionnaire.URL + "-long");
        assertProblem(http.post("/v1/assessments", FHIR, elsewhere.toString()), "invalid_body", "questionnaire");

        Http.Response unknown = http.get("/v1/questionnaire?format=fhir&form=long");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("code").asText()).isEqualTo("invalid_query");
        assertThat(unknown.body()).contains("\"field\":\"form\"");
    }

    @Test
    void theStructureCheckFindsWhatIsWrongWithABrokenQuestionnaire() {
        String broken = """
                {"resourceType": "Questionnaire", "status": "active", "item": [
                  {"linkId": "g", "type": "group"},
                  {"linkId": "q", "type": "boolean", "item": [{"linkId": "q", "text": "twice", "type": "display",
                    "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
                      "valueCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/questionnaire-item-control",
                        "code": "no-such-control"}]}}]}]},
                  {"linkId": "r", "type": "boolean", "enableWhen": [
                    {"question": "q", "operator": "exists", "answerCoding": {"code": "x"}},
                    {"question": "q", "operator": "=", "answerBoolean": true}],
                   "answerOption": [{"valueCoding": {"code": "x"}}],
                   "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive",
                     "valueBoolean": true}, {"url": "https://example.org/unknown", "valueString": "x"}]},
                  {"type": "display", "text": "no linkId"}]}""";
        List<String> errors = R4Check.errors(r4.check(broken)).stream().map(R4Check.Issue::toString).toList();
        assertThat(String.join("\n", errors)).contains("que-1:", "que-2:", "que-5:", "que-7:",
                "code 'no-such-control' is not in", "questionnaire-optionExclusive is not allowed on Questionnaire.item",
                "unknown extension https://example.org/unknown", "Questionnaire.item[3].linkId: minimum cardinality");
        assertThat(R4Check.errors(r4.check("{\"resourceType\": \"Questionnaire\", \"status\": \"final\"}")))
                .as("a code outside a required binding").isNotEmpty();
        assertThat(R4Check.errors(r4.check("{\"resourceType\": \"Questionnaire\", \"status\": \"active\", "
                + "\"colour\": \"blue\"}"))).as("an unknown element").isNotEmpty();
    }

    @Test
    void everyQuestionIsAnItemOfItsSectionsGroupWithItsTypeRequiredOptionsHelpAndConditions() {
        assertThat(fhirQuestionnaire.path("resourceType").asText()).isEqualTo("Questionnaire");
        assertThat(fhirQuestionnaire.path("url").asText()).isEqualTo(FhirQuestionnaire.URL);
        assertThat(fhirQuestionnaire.path("version").asText()).isEqualTo(questionnaire.path("version").asText());
        assertThat(fhirQuestionnaire.path("status").asText()).isEqualTo("active");
        Map<String, JsonNode> items = new HashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (JsonNode group : fhirQuestionnaire.path("item")) {
            assertThat(group.path("type").asText()).isEqualTo("group");
            groups.add(group.path("linkId").asText());
            for (JsonNode item : group.path("item")) {
                items.put(item.path("linkId").asText(), item);
                groupOf.put(item.path("linkId").asText(), group.path("linkId").asText());
            }
        }
        List<String> sections = new ArrayList<>();
        for (JsonNode section : questionnaire.path("sections")) {
            sections.add("section." + section.path("id").asText());
            JsonNode description = items.get("section." + section.path("id").asText() + ".description");
            assertThat(description.path("type").asText()).isEqualTo("display");
            assertThat(description.path("text").asText()).isEqualTo(section.path("description").asText().strip());
        }
        assertThat(groups).as("a group per section, in order").isEqualTo(sections);
        Map<String, String> types = Map.of("yes_no", "boolean", "frequency", "choice", "choice", "choice",
                "multi_choice", "choice", "number", "decimal");
        for (JsonNode question : questionnaire.path("questions")) {
            String id = question.path("id").asText();
            JsonNode item = items.get(id);
            assertThat(item).as(id).isNotNull();
            assertThat(groupOf.get(id)).isEqualTo("section." + question.path("section").asText());
            assertThat(item.path("text").asText()).isEqualTo(question.path("text").asText());
            assertThat(item.path("type").asText()).as(id).isEqualTo(types.get(question.path("type").asText()));
            assertThat(item.path("required").asBoolean()).as(id).isEqualTo(question.path("required").asBoolean());
            assertThat(item.path("repeats").asBoolean()).as(id)
                    .isEqualTo(question.path("type").asText().equals("multi_choice"));
            if (item.path("type").asText().equals("choice")) {
                List<String> codes = new ArrayList<>();
                List<String> exclusive = new ArrayList<>();
                for (JsonNode option : item.path("answerOption")) {
                    assertThat(option.path("valueCoding").path("system").asText()).isEqualTo(FhirQuestionnaire.CODE_SYSTEM);
                    codes.add(option.path("valueCoding").path("code").asText());
                    if (option.toString().contains("questionnaire-optionExclusive")) {
                        exclusive.add(option.path("valueCoding").path("code").asText());
                    }
                }
                assertThat(codes).as(id).isEqualTo(question.path("options").findValuesAsText("value"));
                assertThat(exclusive).as(id).isEqualTo(texts(question.path("exclusive")));
            }
            if (question.has("help")) {
                JsonNode help = item.path("item").get(0);
                assertThat(help.path("type").asText()).isEqualTo("display");
                assertThat(help.path("linkId").asText()).isEqualTo(id + ".help");
                assertThat(help.path("text").asText()).isEqualTo(question.path("help").asText().strip());
                assertThat(help.path("extension").get(0).path("valueCodeableConcept").path("coding").get(0)
                        .path("code").asText()).isEqualTo("help");
            }
            assertThat(item.has("enableWhen")).as(id).isEqualTo(question.has("enableWhen"));
            for (JsonNode condition : item.path("enableWhen")) {
                assertThat(question.path("enableWhen").findValuesAsText("question"))
                        .contains(condition.path("question").asText());
            }
            if (item.path("enableWhen").size() > 1) {
                assertThat(item.path("enableBehavior").asText()).isIn("all", "any");
            }
        }
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheParameter() {
        Http.Response response = http.get("/v1/questionnaire?format=xml");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("invalid_format");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("format");
    }

    // --- POST /v1/assessments with a QuestionnaireResponse --------------------------------------

    @Test
    void aQuestionnaireResponseGetsThePlanOfTheEquivalentJsonBodyForEveryBenchAnswerFile() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("bench/answers"))) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(file.toFile());
            // FHIR has no empty answer (its JSON has no empty arrays): a multi-choice answered with nothing
            // picked is, in a QuestionnaireResponse, a question left unanswered. The equivalent body leaves it out.
            ((ObjectNode) body.path("answers")).properties().removeIf(e -> e.getValue().isArray()
                    && e.getValue().isEmpty());
            ObjectNode response = response(body.path("answers"));
            assertThat(R4Check.errors(r4.check(response.toString()))).as(file + ": the response is valid R4").isEmpty();

            Http.Response viaJson = http.post("/v1/assessments", body.toString());
            Http.Response viaFhir = http.post("/v1/assessments", FHIR, response.toString());
            assertThat(viaJson.status()).as(file + ": " + viaJson.body()).isEqualTo(201);
            assertThat(viaFhir.status()).as(file + ": " + viaFhir.body()).isEqualTo(201);
            JsonNode a = viaJson.json();
            JsonNode b = viaFhir.json();
            assertThat(b.path("path")).as(file + ": the path").isEqualTo(a.path("path"));
            assertThat(b.path("focus")).as(file + ": the focus").isEqualTo(a.path("focus"));
            assertThat(b.path("sections")).as(file + ": the cards").isEqualTo(a.path("sections"));
            assertThat(b.path("summary")).as(file + ": the summary").isEqualTo(a.path("summary"));
        }
    }

    @Test
    void aResponseIsReadWithItsContentTypeParametersAndTheLanguageAsTheLocale() {
        ObjectNode response = response(JsonNodeFactory.instance.objectNode());
        response.put("language", "en-GB");
        Http.Response created = http.post("/v1/assessments", FHIR + "; charset=UTF-8", response.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        response.put("language", "not a tag");
        assertProblem(http.post("/v1/assessments", FHIR, response.toString()), "invalid_body", "language");
    }

    @Test
    void theResponsesSubjectIdentifierLinksThePersonsHistory() {
        for (int minutes : new int[] {10, 25}) {
            ObjectNode response = response(JsonNodeFactory.instance.objectNode().put("talk_minutes_per_day", minutes));
            response.putObject("subject").putObject("identifier").put("system", "https://app.example/people")
                    .put("value", "fhir-person-1");
            Http.Response created = http.post("/v1/assessments", FHIR, response.toString());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        JsonNode progress = http.get("/v1/subjects/fhir-person-1/progress").json();
        assertThat(progress.path("series")).hasSize(2);
        assertThat(progress.path("series").get(1).path("talkMinutes").asInt()).isEqualTo(25);

        ObjectNode reference = response(JsonNodeFactory.instance.objectNode());
        reference.putObject("subject").put("reference", "Patient/123");
        assertProblem(http.post("/v1/assessments", FHIR, reference.toString()), "invalid_body",
                "subject.identifier.value");
        ObjectNode malformed = response(JsonNodeFactory.instance.objectNode());
        malformed.putObject("subject").putObject("identifier").put("value", "../x");
        assertProblem(http.post("/v1/assessments", FHIR, malformed.toString()), "invalid_body",
                "subject.identifier.value");
    }

    @Test
    void anAnswerThatDoesNotFitIsRefusedNamingTheLinkId() {
        JsonNode yesNo = first("yes_no");
        JsonNode choice = first("choice");
        String yesNoId = yesNo.path("id").asText();
        String choiceId = choice.path("id").asText();

        // The wrong value type for the item's FHIR type.
        ObjectNode wrongType = response(JsonNodeFactory.instance.objectNode());
        wrongType.set("item", items(yesNo, answer("valueString", JsonNodeFactory.instance.textNode("yes"))));
        assertProblem(http.post("/v1/assessments", FHIR, wrongType.toString()), "invalid_body",
                "item[linkId=" + yesNoId + "].answer[0].valueString");

        // A code the question does not offer: the same check, and message, as for the JSON body.
        ObjectNode notOffered = response(JsonNodeFactory.instance.objectNode());
        notOffered.set("item", items(choice, answer("valueCoding", coding("not_an_option"))));
        Http.Response refused = http.post("/v1/assessments", FHIR, notOffered.toString());
        assertProblem(refused, "invalid_answers", "item[linkId=" + choiceId + "]");
        Http.Response sameAsJson = http.post("/v1/assessments", "{\"answers\": {\"" + choiceId
                + "\": \"not_an_option\"}}");
        assertThat(refused.json().path("errors").get(0).path("problem"))
                .isEqualTo(sameAsJson.json().path("errors").get(0).path("problem"));

        // A code of another system.
        ObjectNode otherSystem = response(JsonNodeFactory.instance.objectNode());
        ObjectNode foreign = coding(choice.path("options").get(0).path("value").asText());
        foreign.put("system", "http://snomed.info/sct");
        otherSystem.set("item", items(choice, answer("valueCoding", foreign)));
        assertProblem(http.post("/v1/assessments", FHIR, otherSystem.toString()), "invalid_body",
                "item[linkId=" + choiceId + "].answer[0].valueCoding.system");

        // Two answers to a question that does not repeat.
        ObjectNode twice = response(JsonNodeFactory.instance.objectNode());
        ObjectNode item = (ObjectNode) items(yesNo, answer("valueBoolean", JsonNodeFactory.instance.booleanNode(true)))
                .get(0).path("item").get(0);
        ((ArrayNode) item.path("answer")).add(answer("valueBoolean", JsonNodeFactory.instance.booleanNode(false)));
        twice.set("item", JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                .put("linkId", "section." + yesNo.path("section").asText()).set("item",
                        JsonNodeFactory.instance.arrayNode().add(item))));
        assertProblem(http.post("/v1/assessments", FHIR, twice.toString()), "invalid_body",
                "item[linkId=" + yesNoId + "].answer");
    }

    @Test
    void aContradictionIsRefusedAsForTheJsonBodyNamingTheLinkId() {
        // A question asked only when another answer holds, answered alone: not asked, so a contradiction.
        JsonNode conditional = null;
        for (JsonNode question : questionnaire.path("questions")) {
            if (question.has("enableWhen") && !question.path("type").asText().equals("number")) {
                conditional = question;
                break;
            }
        }
        assertThat(conditional).isNotNull();
        String id = conditional.path("id").asText();
        JsonNode value = conditional.path("type").asText().equals("yes_no")
                ? JsonNodeFactory.instance.textNode("yes") : conditional.path("options").get(0).path("value");
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        answers.set(id, conditional.path("type").asText().equals("multi_choice")
                ? JsonNodeFactory.instance.arrayNode().add(value) : value);
        Http.Response json = http.post("/v1/assessments", "{\"answers\": " + answers + "}");
        Http.Response fhir = http.post("/v1/assessments", FHIR, response(answers).toString());
        assertProblem(json, "invalid_answers", "answers." + id);
        assertProblem(fhir, "invalid_answers", "item[linkId=" + id + "]");
        assertThat(fhir.json().path("errors").get(0).path("problem"))
                .isEqualTo(json.json().path("errors").get(0).path("problem"));

        // An exclusive option picked with another.
        for (JsonNode question : questionnaire.path("questions")) {
            if (question.path("exclusive").isEmpty()) {
                continue;
            }
            String exclusive = question.path("exclusive").get(0).asText();
            String other = question.path("options").findValuesAsText("value").stream()
                    .filter(v -> !v.equals(exclusive)).findFirst().orElseThrow();
            ObjectNode both = JsonNodeFactory.instance.objectNode();
            both.set(question.path("id").asText(), JsonNodeFactory.instance.arrayNode().add(other).add(exclusive));
            Http.Response refused = http.post("/v1/assessments", FHIR, response(both).toString());
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("errors").findValuesAsText("field"))
                    .allMatch(f -> f.startsWith("item[linkId=" + question.path("id").asText() + "]"));
        }
    }

    @Test
    void aMalformedResourceIsRefusedNamingTheProblem() {
        assertProblem(http.post("/v1/assessments", FHIR, "{\"resourceType\": \"Questionnaire\"}"), "invalid_body",
                "resourceType");
        assertProblem(http.post("/v1/assessments", FHIR, "{\"resourceType\": "), "malformed_json", "");
        assertProblem(http.post("/v1/assessments", FHIR, "{\"resourceType\": \"QuestionnaireResponse\", "
                + "\"item\": [], \"item\": []}"), "duplicate_key", "item");

        ObjectNode unknown = response(JsonNodeFactory.instance.objectNode());
        unknown.set("item", JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                .put("linkId", "no_such_question").set("answer", JsonNodeFactory.instance.arrayNode())));
        assertProblem(http.post("/v1/assessments", FHIR, unknown.toString()), "invalid_body",
                "item[linkId=no_such_question]");

        // A question outside its section's group.
        JsonNode yesNo = first("yes_no");
        ObjectNode loose = response(JsonNodeFactory.instance.objectNode());
        loose.set("item", JsonNodeFactory.instance.arrayNode().add(items(yesNo, answer("valueBoolean",
                JsonNodeFactory.instance.booleanNode(false))).get(0).path("item").get(0)));
        assertProblem(http.post("/v1/assessments", FHIR, loose.toString()), "invalid_body",
                "item[linkId=" + yesNo.path("id").asText() + "]");

        ObjectNode otherQuestionnaire = response(JsonNodeFactory.instance.objectNode());
        otherQuestionnaire.put("questionnaire", "http://example.org/Questionnaire/phq-9");
        otherQuestionnaire.put("colour", "blue");
        Http.Response refused = http.post("/v1/assessments", FHIR, otherQuestionnaire.toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "questionnaire", "colour");
    }

    @Test
    void theBodyRulesOfTheJsonApiHoldForFhirBodies() {
        Http.Response wrongType = http.post("/v1/assessments", "application/fhir+xml", "<QuestionnaireResponse/>");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().path("message").asText()).contains("application/json", FHIR);

        String big = response(JsonNodeFactory.instance.objectNode()).put("id", "x".repeat(70 * 1024)).toString();
        assertThat(http.post("/v1/assessments", FHIR, big).status()).isEqualTo(413);
    }

    // --- helpers --------------------------------------------------------------------------------

    private static void assertProblem(Http.Response response, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(response.json().path("errors").findValuesAsText("field")).as(response.body()).contains(field);
    }

    private JsonNode first(String type) {
        for (JsonNode question : questionnaire.path("questions")) {
            if (question.path("type").asText().equals(type) && !question.has("enableWhen")) {
                return question;
            }
        }
        throw new AssertionError("no " + type + " question without enableWhen");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** One answered question, in its section's group. */
    private static ArrayNode items(JsonNode question, ObjectNode answer) {
        ObjectNode item = JsonNodeFactory.instance.objectNode().put("linkId", question.path("id").asText());
        item.set("answer", JsonNodeFactory.instance.arrayNode().add(answer));
        ObjectNode group = JsonNodeFactory.instance.objectNode()
                .put("linkId", "section." + question.path("section").asText());
        group.set("item", JsonNodeFactory.instance.arrayNode().add(item));
        return JsonNodeFactory.instance.arrayNode().add(group);
    }

    private static ObjectNode answer(String key, JsonNode value) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set(key, value);
        return answer;
    }

    private static ObjectNode coding(String code) {
        return JsonNodeFactory.instance.objectNode().put("system", FhirQuestionnaire.CODE_SYSTEM).put("code", code);
    }

    /**
     * The QuestionnaireResponse a FHIR form engine would send for these JSON API answers, written from the FHIR
     * questionnaire the server gave (its groups, linkIds and item types), as an app would.
     */
    private ObjectNode response(JsonNode answers) {
        return response(fhirQuestionnaire, answers);
    }

    /** The same, for a response to {@code questionnaire} (the whole one, or a form's). */
    private static ObjectNode response(JsonNode questionnaire, JsonNode answers) {
        ArrayNode groups = JsonNodeFactory.instance.arrayNode();
        for (JsonNode group : questionnaire.path("item")) {
            ArrayNode answered = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : group.path("item")) {
                JsonNode value = answers.get(item.path("linkId").asText());
                if (value == null) {
                    continue;
                }
                ArrayNode given = JsonNodeFactory.instance.arrayNode();
                switch (item.path("type").asText()) {
                    case "boolean" -> given.add(answer("valueBoolean", JsonNodeFactory.instance.booleanNode(
                            value.isBoolean() ? value.asBoolean() : value.asText().equals("yes"))));
                    case "decimal" -> given.add(answer("valueDecimal", value));
                    case "choice" -> {
                        for (JsonNode code : value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value)) {
                            ObjectNode coding = coding(code.asText());
                            for (JsonNode option : item.path("answerOption")) {
                                if (option.path("valueCoding").path("code").asText().equals(code.asText())) {
                                    coding.put("display", option.path("valueCoding").path("display").asText());
                                }
                            }
                            given.add(answer("valueCoding", coding));
                        }
                    }
                    default -> throw new AssertionError("unexpected item type " + item.path("type"));
                }
                ObjectNode answeredItem = JsonNodeFactory.instance.objectNode()
                        .put("linkId", item.path("linkId").asText()).put("text", item.path("text").asText());
                answeredItem.set("answer", given);
                answered.add(answeredItem);
            }
            if (!answered.isEmpty()) {
                ObjectNode answeredGroup = JsonNodeFactory.instance.objectNode()
                        .put("linkId", group.path("linkId").asText()).put("text", group.path("text").asText());
                answeredGroup.set("item", answered);
                groups.add(answeredGroup);
            }
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("resourceType", "QuestionnaireResponse")
                .put("questionnaire", questionnaire.path("url").asText() + "|" + questionnaire.path("version").asText())
                .put("status", "completed");
        if (!groups.isEmpty()) {
            response.set("item", groups);
        }
        return response;
    }
}
