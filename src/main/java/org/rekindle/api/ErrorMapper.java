package org.rekindle.api;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.api.audit.Replays;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.metrics.ApiMetrics;
import org.rekindle.audit.DecisionLogException;
import org.rekindle.content.FieldProblem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.engine.EvaluationLimitExceeded;
import org.rekindle.json.Json;
import org.rekindle.live.RulesetArchive;

/**
 * The one place where failures become HTTP responses. Every error is {@code {code, message, errors}};
 * no stack trace or exception text that could carry a person's answers leaves the server or reaches
 * the log. Log lines name the route template ({@code /v1/subjects/{subject}}), never the request's
 * path, whose segments can be pseudonyms; failures Jetty answers itself go through
 * {@link JsonErrorHandler}.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void install(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> write(ctx, e));
        config.routes.exception(InvalidAnswers.class, (e, ctx) -> write(ctx, new ApiError(400, "invalid_answers",
                "some answers do not fit the questionnaire; see errors", e.problems())));
        config.routes.exception(DecisionLogException.class, (e, ctx) -> {
            if (!e.reported()) { // an outage is logged once by the decision log, not once per request
                LOG.error("decision log failure on {} {}: {}", ApiMetrics.method(ctx), route(ctx), e.getMessage());
            }
            write(ctx, new ApiError(503, "decision_log_unavailable",
                    "the decision could not be stored, so it was not returned; retry shortly"));
        });
        config.routes.exception(EvaluationLimitExceeded.class, (e, ctx) -> {
            // The limit only: the rule that was firing is in the response, and a rule can say what was answered.
            LOG.warn("evaluation stopped at its {} limit on {}; the request got a 503", e.limit().label(),
                    ctx.endpoint().path);
            write(ctx, new ApiError(503, "evaluation_limit", e.getMessage() + "; nothing was stored. The rules "
                    + "need a coach's fix (GET /v1/ruleset shows the live version); retrying will not help"));
        });
        // A stored decision read with the files of its ruleset version, which are not at hand: said, not a 500.
        config.routes.exception(RulesetArchive.Unavailable.class, (e, ctx) -> write(ctx, Replays.unavailable(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // Class name only: exception messages can quote request bodies.
            LOG.error("unexpected {} on {} {}", e.getClass().getName(), ApiMetrics.method(ctx), route(ctx));
            write(ctx, internalError());
        });
        config.router.javaLangErrorHandler(ErrorMapper::fatal);
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(ctx, new ApiError(404, "not_found", "no route " + ctx.method() + " " + ctx.path()
                        + "; GET /openapi.json lists the routes"));
            }
        });
        config.routes.error(405, ctx -> write(ctx, new ApiError(405, "method_not_allowed", "method "
                + ctx.method() + " is not allowed on " + ctx.path() + "; GET /openapi.json lists the routes")));
    }

    /**
     * A {@link Error} thrown while serving (a stack overflow, out of memory): the same JSON 500 as any
     * other unexpected failure, never an empty body. Javalin hands over only the servlet response.
     */
    private static void fatal(HttpServletResponse response, Error error) {
        LOG.error("unexpected {} while serving a request", error.getClass().getName());
        if (response.isCommitted()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setStatus(500);
            response.setContentType("application/json");
            response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(internalError().body()));
        } catch (IOException | RuntimeException e) {
            // The connection is gone or the response cannot take a body: nothing more to send.
        }
    }

    private static ApiError internalError() {
        return new ApiError(500, "internal_error", "something went wrong on our side; the request was not "
                + "stored; retry, and report it if it persists");
    }

    /**
     * The matched route's template, or {@code unmatched}: what a log line or a metric may name. (Not
     * {@code ctx.endpoint()}: in an after-handler that is the after-handler itself, path {@code *}.)
     */
    static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }

    /**
     * Refuses a path with a percent sign that is not followed by two hex digits ({@code %u0041}),
     * which Jetty lets through and the router's decoder would fail on. Runs before routing.
     */
    static void rejectMalformedEscapes(Context ctx) {
        rejectMalformedEscapes(ctx.req().getRequestURI(), "path");
        // A query parameter with a bad escape was read as absent (?form=%zz gave the whole questionnaire).
        rejectMalformedEscapes(ctx.req().getQueryString(), "query");
    }

    private static void rejectMalformedEscapes(String text, String field) {
        if (text == null) {
            return;
        }
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
                    || !HexFormat.isHexDigit(text.charAt(i + 2))) {
                throw new ApiError(400, "malformed_request", "the " + field + " has a percent sign that is not "
                        + "followed by two hex digits", List.of(new FieldProblem(field, "malformed percent-escape")));
            }
        }
    }

    static void write(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error.body());
    }

    private static ApiError fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> new ApiError(413, "payload_too_large", "the request body is too large; "
                    + "send at most the size GET /health reports as maxBodyBytes");
            case 404 -> new ApiError(404, "not_found", e.getMessage());
            case 405 -> new ApiError(405, "method_not_allowed", e.getMessage());
            default -> new ApiError(e.getStatus(), "http_" + e.getStatus(), e.getMessage(), List.of());
        };
    }
}
