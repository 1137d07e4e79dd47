package org.rekindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rekindle.content.Questionnaire;

/**
 * The realistic answer sets of {@code bench/answers/}, as an app rendering today's questionnaire would
 * post them. The benchmarks keep a frozen ruleset whose questionnaire still asks the questions that were
 * since merged into the self-assessment (sign_transactional_talk, fade_no_vulnerability, ...); those
 * answers are left out here, as today's questionnaire would never have asked them, and so are the
 * answers to questions that today's questionnaire does not ask with the other answers (the leaving
 * question, once asked after any daydream of leaving, now after a yes that points away from a shared
 * future). Everything else is posted as the file says.
 */
public final class BenchAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchAnswers() {
    }

    /** The request body of {@code bench/answers/<file>.json}, without answers to questions no longer asked. */
    public static String body(String file) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(Files.readString(Path.of("bench/answers", file + ".json")));
            JsonNode answers = body.path("answers");
            if (answers instanceof ObjectNode asked) {
                Questionnaire questionnaire = Checkout.ruleset().content().questionnaire();
                asked.retain(names(asked).stream().filter(id -> questionnaire.question(id) != null).toList());
                Set<String> askedNow = questionnaire.asked(questionnaire.read(
                        JSON.convertValue(asked, new TypeReference<Map<String, Object>>() { })));
                asked.retain(names(asked).stream().filter(askedNow::contains).toList());
            }
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
