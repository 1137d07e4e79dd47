package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.access.Role;
import org.rekindle.api.http.RequestBody;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;
import org.rekindle.testing.RawHttp;

/**
 * The HTTP edge over real HTTP, with tokens on: what Jetty rejects itself is JSON too, ids and
 * pseudonyms are checked before use, bodies are strict (duplicate keys, nulls, media types), the log
 * names routes rather than paths, and {@code /metrics} is for operators and auditors and cannot tell
 * anyone a private answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpEdgeTest {

    /** Answers that show several cards; the safety screen is added per test. */
    private static final String ANSWERS = "\"sa_hide_feelings\": \"yes\", \"sa_affection_rare\": \"yes\", "
            + "\"sa_silence_uneasy\": \"yes\", \"sa_unseen\": \"yes\", \"talk_minutes_per_day\": 10";

    @TempDir
    static Path dir;

    /** What the server logs while these requests arrive: checked to carry nothing a request named. */
    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    private Rekindle server;
    private Http anonymous;
    private Http app;
    private Http auditor;
    private Http coach;
    private Http ops;
    private RawHttp raw;

    @BeforeAll
    void start() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token"), Role.AUDITOR, List.of("auditor-token"),
                Role.COACH, List.of("coach-token"), Role.OPS, List.of("ops-token")));
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("edge.db").toString()).withAccess(access)
                .withMaxBodyBytes(16 * 1024));
        anonymous = new Http(server.port());
        app = anonymous.as("app-token");
        auditor = anonymous.as("auditor-token");
        coach = anonymous.as("coach-token");
        ops = anonymous.as("ops-token");
        raw = new RawHttp(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSenderOfAnOversizedBodyReadsThe413RatherThanAReset() {
        // Answering before the body is read and closing the connection makes TCP reset it while the
        // client still sends, and the client loses the answer ("header parser received no bytes"); without
        // the drain this loses about one answer in fifty.
        String body = "{\"answers\": {}, \"subject\": \"" + "x".repeat(20_000) + "\"}";
        for (int attempt = 0; attempt < 300; attempt++) {
            Http.Response huge = app.post("/v1/assessments", body);
            assertThat(huge.status()).as("attempt %d", attempt).isEqualTo(413);
            assertThat(huge.json().path("code").asText()).isEqualTo("payload_too_large");
        }
    }

    // --- what Jetty answers itself -----------------------------------------------------------

    @Test
    void requestsJettyRejectsGetOurJsonErrorWithAStableCode() {
        Map<String, String> host = Map.of("Host", "localhost", "Connection", "close", "Accept", "text/html");
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("NUL in the path", new Object[] {get("/v1/assessments/%00", host), 400, "malformed_request"});
        cases.put("bad percent-escape", new Object[] {get("/v1/assessments/%zz", host), 400, "malformed_request"});
        cases.put("bad percent-escape in the query", new Object[] {get("/v1/questionnaire?form=%zz", host), 400,
                "malformed_request"});
        cases.put("escape that is not UTF-8", new Object[] {get("/v1/assessments/%C3%28", host), 400,
                "malformed_request"});
        cases.put("escape the router cannot decode", new Object[] {get("/v1/subjects/%u0041", host), 400,
                "malformed_request"});
        cases.put("dot-segments above the root", new Object[] {get("/v1/../../etc/passwd", host), 400,
                "malformed_request"});
        cases.put("URI over the limit", new Object[] {get("/v1/assessments/" + "a".repeat(20_000), host), 414,
                "uri_too_long"});
        Map<String, String> huge = new LinkedHashMap<>(host);
        huge.put("X-Padding", "p".repeat(20_000));
        cases.put("headers over the limit", new Object[] {get("/health", huge), 431, "headers_too_large"});
        Map<String, String> framing = new LinkedHashMap<>(host);
        framing.put("Content-Type", "application/json");
        framing.put("Content-Length", "5");
        framing.put("Transfer-Encoding", "chunked");
        cases.put("Transfer-Encoding with Content-Length", new Object[] {RawHttp.request("POST", "/v1/assessments",
                framing, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400, "malformed_request"});
        cases.put("no Host", new Object[] {get("/health", Map.of("Connection", "close")), 400, "malformed_request"});
        cases.put("request target *", new Object[] {RawHttp.request("OPTIONS", "*", host, new byte[0]), 404,
                "not_found"});
        cases.put("unknown HTTP version", new Object[] {"GET /health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), 400, "http_version_not_supported"});
        cases.put("HTTP/2.0 as text", new Object[] {"GET /health HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), 400, "http_version_not_supported"});
        cases.put("the HTTP/2 preface", new Object[] {"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), 400, "http_version_not_supported"});

        cases.forEach((name, c) -> {
            RawHttp.Response response = raw.send((byte[]) c[0]);
            assertThat(response.status()).as(name).isEqualTo(c[1]);
            assertThat(response.headers().get("content-type")).as(name).startsWith("application/json");
            assertThat(response.text()).as(name).doesNotContain("<html", "<HTML");
            assertError(response.json(), (String) c[2], name);
        });
    }

    @Test
    void nothingARejectedRequestCarriesReachesTheLog() {
        List<String> requests = List.of(
                "GET /v1/subjects/secret-one%00/progress HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/subjects/secret-two%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "DELETE /v1/subjects/secret-three HTTP/1.1\r\nHost: secret-four\r\nHost: secret-five\r\n"
                        + "Connection: close\r\n\r\n",
                "GET /v1/subjects/secret-six HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (String request : requests) {
            assertThat(raw.send(request.getBytes(StandardCharsets.ISO_8859_1)).status()).as(request).isEqualTo(400);
        }
        // Jetty's parser warned of a repeated Host quoting both values: anything a client sends can be there.
        assertThat(LOG.text()).doesNotContain("secret-");
    }

    // --- ids and pseudonyms ------------------------------------------------------------------

    @Test
    void idsAndSubjectsAreCheckedBeforeUseAnd400NamesTheField() {
        Map<String, String> byToken = Map.of("app", "app-token", "auditor", "auditor-token");
        String tooLong = "a".repeat(Pseudonym.MAX_LENGTH + 1);
        List<String[]> cases = List.of(
                new String[] {"GET", "/v1/assessments/%20", "app", "id"},
                new String[] {"GET", "/v1/assessments/%20%09", "auditor", "id"},
                new String[] {"GET", "/v1/assessments/%20/explanation", "auditor", "id"},
                new String[] {"GET", "/v1/assessments/a%2Fb/replay", "auditor", "id"},
                new String[] {"DELETE", "/v1/assessments/x%3By", "app", "id"},
                new String[] {"GET", "/v1/assessments/" + tooLong, "app", "id"},
                new String[] {"DELETE", "/v1/subjects/%20", "app", "subject"},
                new String[] {"DELETE", "/v1/subjects/a%2Fb", "app", "subject"},
                new String[] {"DELETE", "/v1/subjects/...", "app", "subject"},
                new String[] {"DELETE", "/v1/subjects/caf%C3%A9", "app", "subject"},
                new String[] {"DELETE", "/v1/subjects/" + tooLong, "app", "subject"});
        for (String[] c : cases) {
            Map<String, String> headers = Map.of("Host", "localhost", "Connection", "close",
                    "Authorization", "Bearer " + byToken.get(c[2]));
            RawHttp.Response response = raw.send(RawHttp.request(c[0], c[1], headers, new byte[0]));
            String name = c[0] + " " + c[1];
            assertThat(response.status()).as(name).isEqualTo(400);
            assertError(response.json(), "invalid_id", name);
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(name).isEqualTo(c[3]);
        }

        Http.Response valid = app.delete("/v1/subjects/Person-1.x_y~z:9");
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().path("erased").asInt()).isZero();
        Http.Response badBody = app.post("/v1/assessments",
                "{\"answers\": {}, \"subject\": \" \", \"couple\": \"..\"}");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(fields(badBody.json())).containsExactly("subject", "couple");
    }

    @Test
    void theOpenApiDocumentGivesTheIdSyntax() {
        JsonNode parameter = anonymous.get("/openapi.json").json().path("paths").path("/v1/subjects/{subject}")
                .path("delete").path("parameters").get(0);
        assertThat(parameter.path("schema").path("pattern").asText()).isEqualTo(Pseudonym.PATTERN);
        assertThat(parameter.path("schema").path("maxLength").asInt()).isEqualTo(Pseudonym.MAX_LENGTH);
    }

    // --- bodies ------------------------------------------------------------------------------

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        Http.Response inAnswers = app.post("/v1/assessments",
                "{\"answers\": {\"sa_unseen\": \"yes\", \"sa_unseen\": \"no\"}}");
        assertThat(inAnswers.status()).isEqualTo(400);
        assertError(inAnswers.json(), "duplicate_key", "in answers");
        assertThat(fields(inAnswers.json())).containsExactly("answers.sa_unseen");

        Http.Response topLevel = app.post("/v1/assessments",
                "{\"answers\": {\"sa_unseen\": \"yes\"}, \"answers\": {}}");
        assertThat(topLevel.status()).isEqualTo(400);
        assertThat(fields(topLevel.json())).containsExactly("answers");

        Http.Response preview = coach.post("/v1/admin/preview", "{\"limit\": 1, \"limit\": 2}");
        assertThat(preview.status()).isEqualTo(400);
        assertThat(fields(preview.json())).containsExactly("limit");
    }

    @Test
    void aNullAnswerIsRefusedNamingTheQuestion() {
        Http.Response response = app.post("/v1/assessments",
                "{\"answers\": {\"sa_unseen\": \"yes\", \"safety_afraid\": null, \"sa_hide_feelings\": null}}");
        assertThat(response.status()).isEqualTo(400);
        assertError(response.json(), "invalid_body", "null answers");
        assertThat(fields(response.json())).containsExactly("answers.safety_afraid", "answers.sa_hide_feelings");
    }

    @Test
    void onlyJsonIsAcceptedWithOrWithoutCharset() {
        String body = "{\"answers\": {\"sa_unseen\": \"yes\"}}";
        for (String type : List.of("application/json", "application/json; charset=utf-8",
                "Application/JSON;charset=\"UTF-8\"")) {
            assertThat(app.post("/v1/assessments", type, body).status()).as(type).isEqualTo(201);
        }
        for (String type : List.of("application/json-patch+json", "text/plain", "application/jsonx",
                "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1")) {
            Http.Response refused = app.post("/v1/assessments", type, body);
            assertThat(refused.status()).as(type).isEqualTo(415);
            assertError(refused.json(), "unsupported_media_type", type);
            assertThat(fields(refused.json())).as(type).containsExactly("Content-Type");
        }
        assertThat(RequestBody.MEDIA_TYPES).containsExactly("application/json");
        // Two Content-Type headers: which one a reader takes is not to be guessed.
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String twice = "POST /v1/assessments HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + "app-token\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: "
                + json.length + "\r\n\r\n" + body;
        RawHttp.Response refused = raw.send(twice.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(415);
        assertError(refused.json(), "unsupported_media_type", "two Content-Type headers");
        assertThat(fields(refused.json())).containsExactly("Content-Type");
    }

    // --- /metrics ----------------------------------------------------------------------------

    @Test
    void metricsNeedAnOpsOrAuditorToken() {
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(anonymous.as("guess").get("/metrics").status()).isEqualTo(401);
        for (Http other : List.of(app, coach)) {
            Http.Response forbidden = other.get("/metrics");
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.json().path("code").asText()).isEqualTo("forbidden");
        }
        for (Http allowed : List.of(ops, auditor)) {
            Http.Response metrics = allowed.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("rekindle_http_requests_total");
        }
        // HEAD is checked like GET: it must not tell an anonymous caller a protected route answered 200.
        for (String target : List.of("/metrics", "/v1/ruleset", "/v1/decisions", "/v1/assessments/some-id")) {
            RawHttp.Response head = raw.send(RawHttp.request("HEAD", target, Map.of("Host", "x", "Connection",
                    "close"), new byte[0]));
            assertThat(head.status()).as("HEAD " + target + " without a token").isEqualTo(401);
        }
        RawHttp.Response head = raw.send(RawHttp.request("HEAD", "/metrics", Map.of("Host", "x", "Connection", "close",
                "Authorization", "Bearer ops-token"), new byte[0]));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.text()).as("HEAD has no body").isEmpty();
        assertThat(ops.get("/v1/questionnaire").status()).as("ops reach /metrics only").isEqualTo(403);
        assertThat(ops.get("/v1/rules").status()).isEqualTo(403);
    }

    /**
     * Two assessments that differ only in the private safety screen, negative then positive, must move
     * every series of /metrics alike. Only what measures time or the JVM is left out of the
     * comparison (it moves anyway); every count is compared, new series included.
     */
    @Test
    void noMetricMovesWithAPrivateAnswer() {
        String negative = "{\"answers\": {" + ANSWERS + ", \"safety_afraid\": \"no\", \"safety_hurt\": \"no\", "
                + "\"safety_control\": \"no\", \"safety_forced\": \"no\"}}";
        String positive = "{\"answers\": {" + ANSWERS + ", \"safety_afraid\": \"yes\", \"safety_hurt\": \"no\", "
                + "\"safety_control\": \"no\", \"safety_forced\": \"no\"}}";
        Http.Response screened = app.post("/v1/assessments", positive);
        assertThat(screened.status()).isEqualTo(201);
        String id = screened.json().path("id").asText();
        assertThat(auditor.get("/v1/assessments/" + id + "/explanation").body())
                .as("the positive screen did fire the safety rules").contains("safety.screen_positive");

        Map<String, Double> before = samples(ops.get("/metrics").body());
        assertThat(app.post("/v1/assessments", negative).status()).isEqualTo(201);
        Map<String, Double> between = samples(ops.get("/metrics").body());
        assertThat(app.post("/v1/assessments", positive).status()).isEqualTo(201);
        String last = ops.get("/metrics").body();
        Map<String, Double> after = samples(last);

        Map<String, Double> byNegative = delta(before, between);
        Map<String, Double> byPositive = delta(between, after);
        assertThat(byPositive).isEqualTo(byNegative);
        assertThat(byNegative).as("the comparison covers the firing counters")
                .anySatisfy((series, moved) -> assertThat(series).startsWith("rekindle_rule_firings_total"));
        assertThat(last).doesNotContain("safety.");
    }

    @Test
    void theRuleCatalogueCountsNoPrivateRule() {
        JsonNode rules = coach.get("/v1/rules").json().path("rules");
        JsonNode screen = find(rules, "safety.screen_positive");
        assertThat(screen.has("fired")).isFalse();
        assertThat(find(rules, "safety.help_first").has("fired")).as("fed by a private finding").isFalse();
        assertThat(find(rules, "self_assessment.verdict").has("fired")).isTrue();
    }

    @Test
    void metricLabelsComeFromFixedSetsMadeUpMethodsShareOneSeries() {
        for (String method : List.of("FOO", "BREW", "PROPFIND", "get")) {
            RawHttp.Response response = raw.send(RawHttp.request(method, "/health",
                    Map.of("Host", "localhost", "Connection", "close"), new byte[0]));
            assertThat(response.status()).as(method).isBetween(400, 499);
            assertThat(response.json()).as(method).isNotNull();
        }
        String pseudonym = "label-pseudonym-1";
        assertThat(app.delete("/v1/subjects/" + pseudonym).status()).isEqualTo(200);
        assertThat(app.get("/v1/assessments/no-such-id").status()).isEqualTo(404);
        String metrics = ops.get("/metrics").body();
        assertThat(metrics).contains("method=\"OTHER\"", "route=\"/v1/subjects/{subject}\"",
                "route=\"/v1/assessments/{id}\"", "route=\"unmatched\"")
                .doesNotContain("FOO", "BREW", "PROPFIND", "method=\"get\"", pseudonym, "no-such-id", "route=\"*\"");
    }

    // --- the log -----------------------------------------------------------------------------

    /** Last: it closes the database under the running server to make requests fail. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aFailedRequestIsLoggedByItsRouteNeverItsPath() {
        String pseudonym = "pseudonym-in-a-path-7f3a";
        server.database().close();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Http.Response failed;
        try {
            failed = app.delete("/v1/subjects/" + pseudonym);
        } finally {
            System.setErr(original);
        }
        assertThat(failed.status()).isEqualTo(503);
        assertError(failed.json(), "decision_log_unavailable", "closed log");
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("/v1/subjects/{subject}").doesNotContain(pseudonym);
    }

    // -----------------------------------------------------------------------------------------

    private static byte[] get(String target, Map<String, String> headers) {
        return RawHttp.request("GET", target, headers, new byte[0]);
    }

    private static void assertError(JsonNode body, String code, String what) {
        assertThat(body).as(what + ": a JSON body").isNotNull();
        assertThat(body.path("code").asText()).as(what).isEqualTo(code);
        assertThat(body.path("message").isTextual()).as(what).isTrue();
        assertThat(body.path("errors").isArray()).as(what).isTrue();
    }

    private static List<String> fields(JsonNode error) {
        return error.path("errors").findValuesAsText("field");
    }

    private static JsonNode find(JsonNode rules, String id) {
        for (JsonNode rule : rules) {
            if (rule.path("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    /**
     * Each sample line of a Prometheus scrape, by series, leaving out what measures time or the JVM:
     * the evaluation timer's sum, max and quantiles (its count stays) and the jvm_* series.
     */
    private static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            boolean timing = line.startsWith("rekindle_evaluation_seconds")
                    && !line.startsWith("rekindle_evaluation_seconds_count");
            if (line.isBlank() || line.startsWith("#") || line.startsWith("jvm_") || timing) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static Map<String, Double> delta(Map<String, Double> from, Map<String, Double> to) {
        Map<String, Double> delta = new TreeMap<>();
        to.forEach((series, value) -> {
            double moved = value - from.getOrDefault(series, 0.0);
            if (moved != 0) {
                delta.put(series, moved);
            }
        });
        return delta;
    }
}
