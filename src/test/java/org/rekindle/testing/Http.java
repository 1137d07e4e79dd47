package org.rekindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.json.Json;

/**
 * A small real-HTTP client for functional tests: status, headers and the body as JSON. Every response is
 * held to what the server's {@code /openapi.json} documents for its route, status and media type: a body
 * that drifts from its schema fails the test that received it (see {@link OpenApiCheck}).
 */
public final class Http {

    /** The document every response is checked against: the same for every server of this build. */
    private static volatile OpenApiCheck contract;

    /** A response: status, raw body, and the body parsed as JSON (null when it is not JSON). */
    public record Response(int status, String body, JsonNode json, HttpResponse<String> raw) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A client that sends {@code Authorization: Bearer token} on every request. */
    public Http as(String bearerToken) {
        Http copy = new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        copy.token = bearerToken;
        copy.headers.putAll(headers);
        return copy;
    }

    /** A client that also sends {@code name: value} on every request ({@code Accept-Language: es}). */
    public Http withHeader(String name, String value) {
        Http copy = as(token);
        copy.headers.put(name, value);
        return copy;
    }

    public Response get(String path) {
        return send(builder(path).GET().build());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE().build());
    }

    public Response post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Response post(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            conform(request, response);
            return new Response(response.statusCode(), response.body(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void conform(HttpRequest request, HttpResponse<String> response) throws InterruptedException {
        OpenApiCheck check = contract();
        if (check == null) {
            return;
        }
        List<String> problems = check.problems(request.method(), request.uri().getRawPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        if (!problems.isEmpty()) {
            throw new AssertionError(request.method() + " " + request.uri() + " answered a body that /openapi.json "
                    + "does not allow; correct src/main/resources/org/rekindle/api/wire-types.yaml or the code:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 8)))
                    + (problems.size() > 8 ? "\n  ... " + (problems.size() - 8) + " more" : ""));
        }
    }

    /** The document, read from the first server that serves it; null while none has. */
    private OpenApiCheck contract() throws InterruptedException {
        if (contract == null) {
            try {
                HttpResponse<String> document = client.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json"))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (document.statusCode() == 200) {
                    contract = OpenApiCheck.of(document.body());
                }
            } catch (IOException serverGone) {
                return null; // the response is checked by the test; the next one will be held to the document
            }
        }
        return contract;
    }
}
