package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

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
import org.rekindle.testing.RawHttp;

/**
 * Generated bad requests over a bare socket against a real server, from a fixed seed so that a
 * failure replays exactly: random and made-up methods; paths with NULs, bad and overlong escapes,
 * dot-segments, whitespace-only and overlong ids; huge, many, malformed and conflicting headers;
 * bodies that are not JSON, have duplicate keys, nulls, wrong types, unknown questions, foreign media
 * types, huge numbers or deep nesting. No request may get a 5xx or go unanswered, and every body
 * (but for HEAD, 204 and the Prometheus text of {@code /metrics}) must be JSON, errors in the
 * {@code {code, message, errors}} shape.
 *
 * <p>Coach tokens are not among the ones sent: a coach's reload and preview compile a ruleset (seconds
 * each); their bodies are covered by {@code PreviewApiTest}, their access by the 401/403s here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFuzzTest {

    private static final long SEED = 20_261_130L;
    private static final int REQUESTS = 4_000;
    private static final int MAX_BODY = 16 * 1024;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    @TempDir
    static Path dir;

    private Rekindle server;
    private RawHttp raw;
    private String existingId;

    /** One generated request and what it was made of, for the failure message. */
    private record Generated(String method, String target, String headers, String body, byte[] bytes) {

        String describe() {
            String shown = target.length() > 80 ? target.substring(0, 80) + "...(" + target.length() + ")" : target;
            return (method.length() > 30 ? method.substring(0, 30) + "..." : method) + " " + shown + " [" + headers
                    + "] [" + body + "]";
        }
    }

    @BeforeAll
    void start() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token"), Role.AUDITOR, List.of("auditor-token"),
                Role.COACH, List.of("coach-token"), Role.OPS, List.of("ops-token")));
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("fuzz.db").toString()).withAccess(access)
                .withMaxBodyBytes(MAX_BODY));
        raw = new RawHttp(server.port());
        Http app = new Http(server.port()).as("app-token");
        existingId = app.post("/v1/assessments", "{\"answers\": {\"sa_unseen\": \"yes\"}, \"subject\": \"fuzz-1\"}")
                .json().path("id").asText();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void generatedBadRequestsNeverGetA5xxAndAlwaysGetJson() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Generated request = generate(random);
            String problem;
            try {
                RawHttp.Response response = raw.send(request.bytes());
                statuses.merge(response.status(), 1, Integer::sum);
                problem = problem(request, response);
            } catch (UncheckedIOException e) {
                problem = "no answer: " + e.getCause();
            }
            if (problem != null) {
                failures.add("#" + i + " " + request.describe() + ": " + problem);
            }
        }
        assertThat(failures).as("seed %d, statuses %s", SEED, statuses).isEmpty();
        assertThat(statuses.keySet()).as("the generator reaches every layer")
                .contains(200, 201, 400, 401, 403, 404, 413, 414, 415, 431);
        assertThat(new Http(server.port()).get("/health").status()).as("still serving").isEqualTo(200);
    }

    /** What is wrong with a response, or null. */
    private static String problem(Generated request, RawHttp.Response response) {
        int status = response.status();
        if (status == 0) {
            // What did arrive tells an empty close (0 bytes) from an answer cut short.
            return "closed without an answer (" + response.body().length + " bytes received)";
        }
        if (status >= 500) {
            return status + " " + response.text();
        }
        if (request.method().equals("HEAD") || status == 204 || status == 304) {
            return null;
        }
        if (status == 200 && request.target().startsWith("/metrics")) {
            return null; // the Prometheus text format, by design
        }
        String type = response.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/json")) {
            return status + " with Content-Type '" + type + "': " + abbreviated(response.text());
        }
        JsonNode body = response.json();
        if (body == null) {
            return status + " with a body that is not JSON: " + abbreviated(response.text());
        }
        if (status >= 400 && (!CODE.matcher(body.path("code").asText()).matches() || !body.path("message").isTextual()
                || !body.path("errors").isArray())) {
            return status + " not in the error shape: " + abbreviated(response.text());
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    // --- the generator -----------------------------------------------------------------------

    private Generated generate(Random random) {
        String method = method(random);
        String target = target(random, method);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> extraLines = new ArrayList<>();
        String headerKind = headers(random, target.equals("/v1/assessments"), headers, extraLines);
        boolean sendsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                || random.nextInt(10) == 0;
        String bodyKind = "none";
        byte[] body = new byte[0];
        if (sendsBody) {
            Object[] generated = body(random);
            bodyKind = (String) generated[0];
            body = (byte[]) generated[1];
            headers.putIfAbsent("Content-Type", contentType(random));
        }
        byte[] bytes = frame(random, method, target, headers, extraLines, body);
        return new Generated(method, target, headerKind, bodyKind, bytes);
    }

    private static String method(Random random) {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return "GET";
        }
        if (roll < 55) {
            return "POST";
        }
        if (roll < 67) {
            return "DELETE";
        }
        if (roll < 72) {
            return "HEAD";
        }
        if (roll < 80) {
            return pick(random, "PUT", "PATCH", "OPTIONS", "TRACE");
        }
        return pick(random, "FOO", "BREW", "PROPFIND", "M-SEARCH", "get", "Post", "QUERY", "X".repeat(200),
                randomToken(random, 1 + random.nextInt(12)));
    }

    private String target(Random random, String method) {
        String id = id(random);
        int aim = random.nextInt(100);
        String path = method.equals("POST") && aim < 60 ? "/v1/assessments"
                : method.equals("DELETE") && aim < 60 ? pick(random, "/v1/subjects/" + id, "/v1/assessments/" + id)
                : pick(random, "/health", "/v1/questionnaire", "/v1/assessments", "/v1/assessments/" + id,
                "/v1/assessments/" + id, "/v1/assessments/" + id + "/explanation", "/v1/assessments/" + id + "/replay",
                "/v1/subjects/" + id, "/v1/subjects/" + id, "/v1/ruleset", "/v1/rules", "/metrics", "/openapi.json",
                "/v1/admin/preview", "/v1/admin/reload", "/nope", "/v1/", "/", "/v1/assessments/", "//v1//assessments",
                "/V1/ASSESSMENTS", "/v1/assessments/" + id + "/" + id(random));
        int roll = random.nextInt(100);
        if (roll < 8) {
            path += pick(random, "?view=compact", "?view=full", "?view=zz", "?view=%zz", "?view=%00", "?a=1&a=2&a",
                    "?" + "q".repeat(3_000), "#fragment", "?view=compact&view=full");
        } else if (roll < 10) {
            path = pick(random, "*", "health", "http://localhost/health", "http://other:1/v1/assessments",
                    "/%2e%2e/%2e%2e/etc/passwd", "/v1/%00", "/v1/assessments/%", "/\u00e9", "/v1/assessments/a b");
        }
        return path;
    }

    private String id(Random random) {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return UUID.randomUUID().toString();
        }
        if (roll < 35) {
            return existingId;
        }
        if (roll < 45) {
            return randomToken(random, 1 + random.nextInt(40));
        }
        return pick(random, "%20", "%20%20", "%09", "%0A", "%0D%0A", "%00", "a%00b", "%zz", "%", "%4", "%C3%28",
                "%FF%FE", "%2F", "a%2Fb", "%2e%2e", "%2E", "..", ".", "...", "a;b=c", "caf%C3%A9", "%F0%9F%92%94",
                "a".repeat(129), "a".repeat(5_000), "a".repeat(20_000), "%27%3B%20DROP%20TABLE%20decisions%3B--",
                "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "%3Cscript%3E", "-", "~", ":", "a:b", "a%25b", "%u0041");
    }

    /** Fills {@code headers} (and raw header lines) and says what kind of headers they are. */
    private static String headers(Random random, boolean assessments, Map<String, String> headers,
            List<String> extraLines) {
        int host = random.nextInt(100);
        if (host >= 3) {
            headers.put("Host", host < 5 ? "" : "localhost");
        }
        headers.put("Connection", "close");
        // Mostly an app's token where apps post, so that most bodies reach the checks behind the token's.
        int auth = random.nextInt(100);
        if (auth < (assessments ? 75 : 40)) {
            headers.put("Authorization", "Bearer app-token");
        } else if (auth < 55) {
            headers.put("Authorization", "Bearer auditor-token");
        } else if (auth < 65) {
            headers.put("Authorization", "Bearer ops-token");
        } else if (auth < 75) {
            headers.put("Authorization", pick(random, "Bearer", "Bearer nope", "Basic Zm9vOmJhcg==", "bearer app-token",
                    "Bearer  app-token ", "Bearer " + "t".repeat(6_000), "Bearer app-token, Bearer ops-token"));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", pick(random, "text/html", "*/*", "application/xml", "image/png",
                    "text/html;q=1, application/json;q=0.1"));
        }
        int roll = random.nextInt(100);
        if (roll < 4) {
            headers.put("X-Padding", "p".repeat(10_000 + random.nextInt(20_000)));
            return "huge header";
        }
        if (roll < 6) {
            for (int i = 0; i < 300; i++) {
                headers.put("X-Many-" + i, "v");
            }
            return "many headers";
        }
        if (roll < 9) {
            extraLines.add(pick(random, "Bad Header: x", "NoColon", " folded-continuation", "X-Nul: a\u0000b",
                    "X-Ctl: \u0001", ": empty-name", "X-\u00e9: latin", "Host: second-host"));
            return "malformed header";
        }
        if (roll < 12) {
            headers.put("Transfer-Encoding", pick(random, "gzip", "chunked, gzip", "identity", "chunked;x"));
            return "odd transfer encoding";
        }
        if (roll < 14) {
            headers.put("Expect", pick(random, "100-continue", "200-ok"));
            return "expect";
        }
        if (roll < 17) {
            headers.put("Content-Encoding", pick(random, "gzip", "br", "x-unknown"));
            return "content encoding";
        }
        return "plain";
    }

    private static String contentType(Random random) {
        int roll = random.nextInt(100);
        if (roll < 65) {
            return "application/json";
        }
        if (roll < 72) {
            return "application/json; charset=utf-8";
        }
        return pick(random, "application/json-patch+json", "application/merge-patch+json", "text/plain",
                "text/json", "application/fhir+json", "application/json; charset=iso-8859-1", "multipart/form-data; "
                        + "boundary=x", "application/x-www-form-urlencoded", "", ";", "application/json;;;",
                "application/json; charset=", "*/*", "application/" + "j".repeat(500));
    }

    /** A body and what kind it is. */
    private static Object[] body(Random random) {
        List<Supplier<Object[]>> kinds = List.of(
                () -> text("valid", "{\"answers\": {\"sa_unseen\": \"yes\", \"talk_minutes_per_day\": "
                        + random.nextInt(200) + "}, \"subject\": \"" + randomToken(random, 8) + "\"}"),
                () -> text("truncated", "{\"answers\": {\"sa_unseen\": \"ye"),
                () -> text("not json", pick(random, "{answers: {}}", "answers=yes", "<xml/>", "{\"answers\": {}} x",
                        "{}{}", "{\"answers\": {},}", "{'answers': {}}", "NaN", "{\"answers\": {\"sa_unseen\": yes}}")),
                () -> text("other json", pick(random, "[]", "\"answers\"", "123", "null", "true", "{}", " ",
                        "[{\"answers\": {}}]")),
                () -> text("empty", ""),
                () -> text("duplicate keys", pick(random,
                        "{\"answers\": {\"sa_unseen\": \"yes\", \"sa_unseen\": \"no\"}}",
                        "{\"answers\": {}, \"answers\": {\"sa_unseen\": \"yes\"}}",
                        "{\"answers\": {}, \"subject\": \"a\", \"subject\": \"b\"}")),
                () -> text("nulls", pick(random, "{\"answers\": null}", "{\"answers\": {\"sa_unseen\": null}}",
                        "{\"answers\": {}, \"subject\": null, \"couple\": null}",
                        "{\"answers\": {\"safety_afraid\": null}}")),
                () -> text("wrong types", pick(random, "{\"answers\": []}", "{\"answers\": \"yes\"}",
                        "{\"answers\": 1}", "{\"answers\": {\"sa_unseen\": true}}", "{\"answers\": {\"sa_unseen\": 1}}",
                        "{\"answers\": {\"sa_unseen\": {\"v\": \"yes\"}}}",
                        "{\"answers\": {\"talk_minutes_per_day\": \"ten\"}}",
                        "{\"answers\": {\"sa_unseen\": [\"yes\"]}}", "{\"answers\": {}, \"subject\": 42}",
                        "{\"answers\": {}, \"partner\": \"c\", \"couple\": \"x\"}",
                        "{\"answers\": {}, \"locale\": [1]}")),
                () -> text("unknown questions", "{\"answers\": {\"" + randomToken(random, 1 + random.nextInt(30))
                        + "\": \"yes\", \"" + "k".repeat(1 + random.nextInt(3_000)) + "\": 1}, \"extra\": true}"),
                () -> text("wrong option", "{\"answers\": {\"sa_unseen\": \"maybe\", \"talk_minutes_per_day\": -5}}"),
                () -> text("huge numbers", "{\"answers\": {\"talk_minutes_per_day\": " + pick(random, "1e999999999",
                        "-1e309", "123456789012345678901234567890", "9".repeat(1_500), "0.1e-999999", "1E+2147483647",
                        "Infinity", "-0", "1.0000000000000000000000001") + "}}"),
                () -> {
                    int depth = depth(random);
                    return text("deep nesting", "{\"answers\": {\"sa_unseen\": " + "[".repeat(depth)
                            + "]".repeat(depth) + "}}");
                },
                () -> text("deep nesting", "{\"answers\": {\"sa_unseen\": " + nested(depth(random)) + "}}"),
                () -> text("too large", "{\"answers\": {\"sa_unseen\": \"" + "x".repeat(MAX_BODY + random.nextInt(
                        100_000)) + "\"}}"),
                () -> text("strange strings", "{\"answers\": {\"sa_unseen\": \"" + pick(random, "\\u0000", "\\ud800",
                        "\\uZZZZ", "\u0000", "\u2028", "\\\\\\\"", "\uD83D\uDC94") + "\"}}"),
                () -> new Object[] {"invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
                        '"', '}'}},
                () -> new Object[] {"UTF-16", "{\"answers\": {}}".getBytes(StandardCharsets.UTF_16)},
                () -> new Object[] {"BOM", ("\uFEFF{\"answers\": {}}").getBytes(StandardCharsets.UTF_8)},
                () -> new Object[] {"random bytes", randomBytes(random, 1 + random.nextInt(2_000))},
                () -> text("many keys", manyKeys(random)));
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    /** The request's bytes: mostly well framed, sometimes with framing that contradicts itself. */
    private static byte[] frame(Random random, String method, String target, Map<String, String> headers,
            List<String> extraLines, byte[] body) {
        boolean chunked = headers.getOrDefault("Transfer-Encoding", "").contains("chunked");
        int roll = random.nextInt(100);
        byte[] sent = body;
        if (roll < 3) {
            headers.put("Content-Length", Integer.toString(body.length));
            headers.put("Transfer-Encoding", "chunked");
            sent = chunk(body, false);
        } else if (roll < 5) {
            headers.put("Content-Length", pick(random, "-1", "abc", "99999999999999999999", " 5", "1, 2", "0x10"));
        } else if (roll < 7) {
            headers.put("Transfer-Encoding", "chunked");
            sent = chunk(body, roll == 6);
        } else if (roll < 8) {
            // Declares more than is sent; the half-close ends the request early.
            headers.put("Content-Length", Integer.toString(body.length + 1 + random.nextInt(1_000_000)));
        } else if (!chunked && (body.length > 0 || random.nextBoolean())) {
            headers.put("Content-Length", Integer.toString(body.length));
        } else if (chunked) {
            sent = chunk(body, false);
        }
        if (roll == 9) {
            extraLines.add("Content-Length: " + (body.length + 3));
        }
        byte[] start = RawHttp.request(method, target, headers, new byte[0]);
        if (!extraLines.isEmpty()) {
            String head = new String(start, StandardCharsets.ISO_8859_1);
            head = head.substring(0, head.length() - 2) + String.join("\r\n", extraLines) + "\r\n\r\n";
            start = head.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (random.nextInt(50) == 0) {
            String version = pick(random, "HTTP/1.0", "HTTP/1.1 ", "HTTP/1.5", "HTTP/2.0", "HTTP/0.9", "HTTP/9.9");
            String head = new String(start, StandardCharsets.ISO_8859_1).replaceFirst(" HTTP/1\\.1\r\n",
                    " " + version + "\r\n");
            start = head.getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] all = new byte[start.length + sent.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(sent, 0, all, start.length, sent.length);
        return all;
    }

    private static byte[] chunk(byte[] body, boolean broken) {
        String size = broken ? "ZZ" : Integer.toHexString(body.length);
        byte[] head = (size + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = (body.length == 0 ? "" : "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length + tail.length + (body.length == 0 ? 2 : 0)];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
        if (body.length == 0) {
            all[all.length - 2] = '\r';
            all[all.length - 1] = '\n';
        }
        return all;
    }

    private static int depth(Random random) {
        return pick(random, 50, 500, 999, 1_001, 1_500, 5_000);
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String manyKeys(Random random) {
        StringBuilder answers = new StringBuilder("{\"answers\": {");
        int keys = 100 + random.nextInt(400);
        for (int i = 0; i < keys; i++) {
            answers.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": ").append(i);
        }
        return answers.append("}}").toString();
    }

    private static Object[] text(String kind, String body) {
        return new Object[] {kind, body.getBytes(StandardCharsets.UTF_8)};
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomToken(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
