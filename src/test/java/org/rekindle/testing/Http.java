package org.rekindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.json.Json;

/** A small real-HTTP client for functional tests: status, headers and the body as JSON. */
public final class Http {

    /** A response: status, raw body, and the body parsed as JSON (null when it is not JSON). */
    public record Response(int status, String body, JsonNode json, HttpResponse<String> raw) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A client that sends {@code Authorization: Bearer token} on every request. */
    public Http as(String bearerToken) {
        Http copy = new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        copy.token = bearerToken;
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
            return new Response(response.statusCode(), response.body(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
