package org.rekindle.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.json.JavalinJackson;

import org.rekindle.bundle.Bundle;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;

/**
 * The HTTP load benchmark's two baselines, served by the bench rather than by the product:
 * <ul>
 *   <li>{@code POST /v1/echo}: the body read as an assessment's is (the size limit, the media type, JSON
 *       with duplicate keys refused) and sent back; no evaluation, no decision log;</li>
 *   <li>{@code POST /v1/echo/evaluate}: the same, then the answers checked against the questionnaire and
 *       evaluated with {@link Engine#evaluate} within the default limits (trace and plan, path and focus
 *       included); nothing is stored and the reply is only the number of cards: what an assessment costs
 *       before it is logged and written.</li>
 * </ul>
 * Same Javalin, Jetty and Jackson as the server, with the server's HTTP settings (body limit, gzip at
 * level 1 for clients that accept it); no access check and no metrics, which cost a request a few
 * microseconds. {@code GET /health} answers 200 once the ruleset is compiled.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.rekindle.bench.BaselineServer [--port P] [--rules DIR] [--content DIR]
 *                                                                       [--max-body BYTES]
 * </pre>
 * Defaults: a free port, the checkout's {@code rules/} and {@code content/} (what the server under test
 * serves), the server's 65,536-byte body limit. Prints {@code baseline listening on port N} when ready.
 */
public final class BaselineServer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader READER = JSON.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final Ruleset ruleset;
    private final int maxBytes;

    private BaselineServer(Ruleset ruleset, int maxBytes) {
        this.ruleset = ruleset;
        this.maxBytes = maxBytes;
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("port", "0", "rules", "rules",
                "content", "content", "max-body", "65536"));
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (!options.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: BaselineServer [--port P] [--rules DIR] [--content DIR] "
                        + "[--max-body BYTES]; got '" + args[i] + "'");
            }
            options.put(name, args[i + 1]);
        }
        Javalin app = start(load(Path.of(options.get("rules")), Path.of(options.get("content"))),
                Integer.parseInt(options.get("port")), Integer.parseInt(options.get("max-body")));
        System.out.println("baseline listening on port " + app.port());
    }

    /** The ruleset of these folders, compiled and checked as the server loads one. */
    static Ruleset load(Path rules, Path content) {
        RulesetLoader.Result loaded = RulesetLoader.load(Bundle.read(rules, content));
        if (!loaded.ok()) {
            throw new IllegalStateException("the ruleset in " + rules + " and " + content + " is not valid: "
                    + loaded.problems());
        }
        return loaded.ruleset();
    }

    /** Starts the baselines on {@code port} (0: a free one) over {@code ruleset}. */
    static Javalin start(Ruleset ruleset, int port, int maxBytes) {
        BaselineServer server = new BaselineServer(ruleset, maxBytes);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxBytes;
            config.http.compressionStrategy = new CompressionStrategy(null, new Gzip(1));
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.post("/v1/echo", server::echo);
            config.routes.post("/v1/echo/evaluate", server::evaluate);
            config.routes.exception(InvalidAnswers.class, (e, ctx) -> ctx.status(400).json(Map.of(
                    "code", "invalid_answers", "errors", e.problems())));
        }).start(port);
    }

    private void echo(Context ctx) {
        ctx.json(body(ctx));
    }

    private void evaluate(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode answers = body.get("answers");
        if (!body.isObject() || answers == null || !answers.isObject()) {
            throw new BadRequestResponse("the body must be {\"answers\": {...}}");
        }
        Map<String, Object> raw = JSON.convertValue(answers, new TypeReference<LinkedHashMap<String, Object>>() { });
        Answers checked = ruleset.content().questionnaire().read(raw);
        JsonNode locale = body.get("locale");
        Decision decision = Engine.evaluate(ruleset, checked, locale == null ? null : locale.asText(),
                EvaluationLimits.DEFAULT);
        ctx.json(Map.of("rulesetVersion", decision.rulesetVersion(), "cards", decision.plan().cards().size()));
    }

    /** The body as the server reads an assessment's: JSON, within the limit, each key once. */
    private JsonNode body(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.split(";")[0].strip().equalsIgnoreCase("application/json")) {
            throw new BadRequestResponse("send Content-Type: application/json");
        }
        byte[] bytes;
        try {
            bytes = ctx.req().getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new BadRequestResponse("the request body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw new ContentTooLargeResponse("the body is over " + maxBytes + " bytes");
        }
        try {
            JsonNode node = READER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestResponse("the body is empty; send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestResponse("the request body could not be read");
        }
    }
}
