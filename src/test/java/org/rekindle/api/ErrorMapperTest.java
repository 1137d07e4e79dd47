package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;

import org.junit.jupiter.api.Test;

import org.rekindle.json.Json;
import org.rekindle.testing.Http;

/**
 * The error mapper on a bare Javalin with routes that fail in ways the real routes should not: even
 * then the answer is the JSON error shape, never an empty 500 or a stack trace.
 */
class ErrorMapperTest {

    @Test
    void anErrorOrAnUnexpectedExceptionIsAJson500() {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new io.javalin.json.JavalinJackson(Json.MAPPER, false));
            ErrorMapper.install(config);
            config.routes.get("/overflow", ctx -> overflow(1));
            config.routes.get("/error", ctx -> {
                throw new AssertionError("answers: we have not touched in months");
            });
            config.routes.get("/exception", ctx -> {
                throw new IllegalStateException("answers: we have not touched in months");
            });
        }).start(0);
        try {
            Http http = new Http(app.port());
            for (String path : new String[] {"/overflow", "/error", "/exception"}) {
                Http.Response response = http.get(path);
                assertThat(response.status()).as(path).isEqualTo(500);
                assertThat(response.raw().headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(response.json().path("code").asText()).as(path).isEqualTo("internal_error");
                assertThat(response.body()).as(path).doesNotContain("touched", "Error", "at org.");
            }
        } finally {
            app.stop();
        }
    }

    private static int overflow(int depth) {
        return overflow(depth + 1) + 1;
    }
}
