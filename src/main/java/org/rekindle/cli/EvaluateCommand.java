package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.api.Json;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code rekindle evaluate answers.json}: the plan an app would get, offline, as JSON: the path and the
 * focus first, then the summary and every card the path allows.
 */
@Command(name = "evaluate", description = "Evaluate an answers file (the body an app posts: {\"answers\": {...}}) "
        + "and print the plan as JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Parameters(paramLabel = "ANSWERS.json", description = "The answers file; '-' reads standard input.")
    String answersFile;

    @Option(names = "--explain", description = "Also print the firing trace and the withheld cards.")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ruleset ruleset = RulesOptions.loadOrReport(options.bundle(), err,
                "the ruleset is not valid; run 'validate' and fix it first");
        if (ruleset == null) {
            return 2;
        }
        Map<String, Object> raw;
        String locale;
        try {
            JsonNode body = Json.MAPPER.readTree("-".equals(answersFile)
                    ? System.in.readAllBytes() : Files.readAllBytes(Path.of(answersFile)));
            JsonNode answers = body == null ? null : body.get("answers");
            if (answers == null || !answers.isObject()) {
                err.println(answersFile + ": expected a JSON object with an \"answers\" object, as apps post it");
                return 2;
            }
            raw = Json.MAPPER.convertValue(answers, new TypeReference<LinkedHashMap<String, Object>>() { });
            locale = body.hasNonNull("locale") ? body.get("locale").asText() : null;
        } catch (JsonProcessingException e) {
            err.println(answersFile + ": not valid JSON: " + e.getOriginalMessage());
            return 2;
        }
        Answers answers;
        try {
            answers = ruleset.content().questionnaire().read(raw);
        } catch (InvalidAnswers e) {
            e.problems().forEach(p -> err.println(answersFile + ": " + p.field() + ": " + p.problem()));
            return 2;
        }
        Decision decision = Engine.evaluate(ruleset, answers, locale);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", decision.plan().path());
        result.put("focus", decision.plan().focus());
        result.put("rulesetVersion", decision.rulesetVersion());
        result.put("summary", decision.plan().summary());
        result.put("cards", decision.plan().cards());
        if (explain) {
            result.put("trace", decision.trace());
            result.put("withheld", decision.withheld());
            result.put("pathChoice", decision.path());
        }
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return 0;
    }
}
