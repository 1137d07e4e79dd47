package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.json.Json;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.OpenApiCheck;

/**
 * {@code /openapi.json} as a client generator and an app team read it: every route is called once over
 * real HTTP (each response held to its schema by {@link Http}, as every response of the HTTP suite is),
 * every documented route has a body for its success status, a generator's parser reads the document
 * without a message, and a body that drifts from its schema is caught with the route, the pointer and
 * the schema keyword named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaContractTest {

    private static final String DISTANT = "{\"answers\": {\"safety_afraid\": \"no\", \"safety_hurt\": \"no\", "
            + "\"safety_control\": \"no\", \"safety_forced\": \"no\", \"partner_willingness\": \"willing\", "
            + "\"sa_hide_feelings\": \"yes\", \"sa_affection_rare\": \"yes\", \"sa_silence_uneasy\": \"yes\", "
            + "\"sa_unseen\": \"yes\", \"talk_minutes_per_day\": 10}, \"subject\": \"person-a\", "
            + "\"couple\": \"couple-1\", \"partner\": \"a\", \"locale\": \"en-GB\"}";
    private static final String PERIOD = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";

    @TempDir
    static Path dir;

    private Rekindle server;
    private Http http;
    private OpenApiCheck check;
    private final List<String> called = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("decisions.db").toString()));
        http = new Http(server.port());
        String document = http.get("/openapi.json").body();
        check = OpenApiCheck.of(document);
        // For a client generator run from the build, without a server (see README.md, "A typed client").
        Files.writeString(Path.of("target", "openapi.json"), document);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRouteAnswersWhatTheDocumentSays() {
        JsonNode plan = call("POST", "/v1/assessments", DISTANT, 201).json();
        String id = plan.path("id").asText();
        String card = plan.path("focus").get(0).path("id").asText();
        call("POST", "/v1/assessments?view=full", "{\"answers\": {\"safety_afraid\": \"yes\"}, "
                + "\"couple\": \"couple-2\", \"partner\": \"a\"}", 201);
        // The other partner of couple-1, as themselves (a subject is one partner of one couple).
        call("POST", "/v1/assessments?view=compact", DISTANT.replace("\"a\"", "\"b\"").replace("person-a", "person-b"),
                201);
        call("GET", "/health", null, 200);
        call("GET", "/health/live", null, 200);
        call("GET", "/v1/questionnaire", null, 200);
        for (String view : List.of("", "?view=full", "?view=compact")) {
            call("GET", "/v1/assessments/" + id + view, null, 200);
        }
        for (String format : List.of("", "?format=plain", "?format=text")) {
            call("GET", "/v1/assessments/" + id + "/explanation" + format, null, 200);
        }
        call("GET", "/v1/assessments/" + id + "/why-not/" + card, null, 200);
        call("GET", "/v1/assessments/" + id + "/why-not/therapy_eft", null, 200);
        call("GET", "/v1/assessments/" + id + "/replay", null, 200);
        call("POST", "/v1/assessments/" + id + "/feedback", "{\"feedback\": [{\"card\": \"" + card + "\", "
                + "\"outcome\": \"overridden\", \"overrideReason\": {\"reason\": \"not_now\", \"userComment\": \"later\"}, "
                + "\"outcomeTimestamp\": \"2026-11-30T09:00:00Z\", \"done\": false}]}", 201);
        call("GET", "/v1/assessments/" + id + "/feedback", null, 200);
        call("GET", "/v1/subjects/person-a/progress", null, 200);
        call("GET", "/v1/couples/couple-1", null, 200);
        call("GET", "/v1/couples/couple-2", null, 200);
        call("GET", "/v1/decisions?limit=1", null, 200);
        call("GET", "/v1/decisions/counts?" + PERIOD, null, 200);
        call("GET", "/v1/decisions/export?" + PERIOD, null, 200);
        call("GET", "/v1/ruleset", null, 200);
        call("POST", "/v1/admin/reload", "{}", 200);
        call("GET", "/v1/rules", null, 200);
        call("POST", "/v1/admin/preview", "{\"files\": {}, \"limit\": 5}", 200);
        call("POST", "/v1/admin/publish", "{\"shadow\": true}", 200);
        call("GET", "/v1/rulesets/shadow", null, 200);
        call("DELETE", "/v1/admin/shadow", null, 200);
        call("POST", "/v1/admin/publish", "{\"shadow\": true}", 200);
        call("POST", "/v1/admin/promote", "", 200);
        call("POST", "/v1/admin/publish", "", 200);
        call("GET", "/metrics", null, 200);
        call("GET", "/openapi.json", null, 200);
        call("DELETE", "/v1/assessments/" + id, null, 204);
        call("DELETE", "/v1/subjects/person-a", null, 200);
        call("GET", "/v1/assessments/" + id, null, 404);

        Set<String> documented = new TreeSet<>();
        check.document().path("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        assertThat(new TreeSet<>(called)).as("every documented route is called once here").isEqualTo(documented);
    }

    @Test
    void everyRouteHasABodyForItsSuccessAndEveryErrorIsTheErrorShape() {
        check.document().path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().path("responses");
            List<String> successes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(s -> {
                if (s.startsWith("2")) {
                    successes.add(s);
                }
            });
            assertThat(successes).as(name).hasSize(1);
            JsonNode success = responses.path(successes.get(0));
            if (!successes.get(0).equals("204")) {
                assertThat(success.path("content").properties()).as(name + " has a body schema").isNotEmpty()
                        .allSatisfy(media -> assertThat(media.getValue().has("schema")).as(name).isTrue());
            }
            assertThat(responses.at("/4XX/content/application~1json/schema/$ref").asText()).as(name)
                    .isEqualTo("#/components/schemas/Error");
        }));
        JsonNode post = check.document().at("/paths/~1v1~1assessments/post/requestBody/content/application~1json/schema");
        assertThat(post.path("$ref").asText()).isEqualTo("#/components/schemas/AssessmentRequest");
    }

    @Test
    void aClientGeneratorsParserReadsTheDocumentWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(check.document().toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKeys("Plan", "Card", "Summary",
                "Questionnaire", "Explanation", "WhyNot", "CoupleView", "Error");
    }

    @Test
    void aBodyThatDriftsFromItsSchemaIsNamedByRoutePointerAndKeyword() throws Exception {
        Http.Response real = http.post("/v1/assessments", DISTANT.replace("couple-1", "couple-3")
                .replace("person-a", "person-3a"));
        ObjectNode extra = (ObjectNode) real.json().deepCopy();
        ((ObjectNode) extra.path("summary")).put("surprise", 1);
        assertThat(problems("POST", "/v1/assessments", 201, extra)).singleElement().asString()
                .startsWith("POST /v1/assessments 201: at '/summary' keyword 'additionalProperties'")
                .contains("surprise");

        ObjectNode missing = (ObjectNode) real.json().deepCopy();
        ((ObjectNode) missing.path("focus").get(0)).remove("because");
        assertThat(String.join("\n", problems("POST", "/v1/assessments", 201, missing)))
                .contains("at '/focus/0' keyword 'required'").contains("because");

        ObjectNode retyped = (ObjectNode) real.json().deepCopy();
        ((ObjectNode) retyped.path("summary")).put("answered", "ten");
        assertThat(problems("POST", "/v1/assessments", 201, retyped)).singleElement().asString()
                .contains("at '/summary/answered' keyword 'type'");

        assertThat(check.problems("GET", "/v1/decisions/export", 200, "application/x-ndjson",
                "{\"id\": \"x\"}\n")).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                .startsWith("GET /v1/decisions/export 200 line 1: at '/' keyword 'required'"));
        assertThat(check.problems("GET", "/health/live", 299, "application/json", "{}")).singleElement()
                .asString().contains("no response is documented");
        assertThat(problems("POST", "/v1/assessments", 201, real.json())).isEmpty();
    }

    private List<String> problems(String method, String path, int status, JsonNode body) throws Exception {
        return check.problems(method, path, status, "application/json", Json.MAPPER.writeValueAsString(body));
    }

    /** One call; {@link Http} fails it when the body is not what the document says. */
    private Http.Response call(String method, String path, String body, int status) {
        Http.Response response = switch (method) {
            case "GET" -> http.get(path);
            case "DELETE" -> http.delete(path);
            default -> http.post(path, body);
        };
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        String raw = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        called.add(check.operation(method, raw));
        return response;
    }
}
