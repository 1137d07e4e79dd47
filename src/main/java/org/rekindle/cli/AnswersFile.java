package org.rekindle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.json.Json;

/**
 * The answers file {@code evaluate} and {@code explain} read: the body an app posts,
 * {@code {"answers": {...}}}, from a file or ({@code -}) standard input. Every problem with it is an
 * {@link InputProblem} naming the file, and for bad JSON the line and column.
 */
final class AnswersFile {

    static final String STDIN = "-";

    /**
     * What the file says: the raw answers, before the questionnaire checks them, and the locale, or null.
     *
     * @param previous the answers of the person's previous assessment ({@code "previous": {...}}), which
     *                 rules read as {@code Previous}; null when the file has none
     */
    record Body(Map<String, Object> answers, String locale, Map<String, Object> previous) {
    }

    private AnswersFile() {
    }

    /** The body, as an app would post it. */
    static Body read(String name, InputStream stdin) throws IOException {
        String shown = STDIN.equals(name) ? "standard input" : name;
        byte[] bytes = STDIN.equals(name) ? stdin.readAllBytes()
                : Files.readAllBytes(InputProblem.readableFile(name, "an answers file such as answers.json"));
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new InputProblem(shown + where + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + "; the file must hold {\"answers\": {\"question_id\": value, ...}}");
        }
        JsonNode answers = body == null ? null : body.get("answers");
        if (answers == null || !answers.isObject()) {
            throw new InputProblem(shown + ": expected a JSON object with an \"answers\" object, as apps post it: "
                    + "{\"answers\": {\"question_id\": value, ...}}");
        }
        JsonNode previous = body.get("previous");
        if (previous != null && !previous.isNull() && !previous.isObject()) {
            throw new InputProblem(shown + ": \"previous\" must be an object of answers, as \"answers\" is: "
                    + "{\"answers\": {...}, \"previous\": {\"question_id\": value, ...}}");
        }
        return new Body(Json.MAPPER.convertValue(answers, new TypeReference<LinkedHashMap<String, Object>>() { }),
                body.hasNonNull("locale") ? body.get("locale").asText() : null,
                previous == null || previous.isNull() ? null
                        : Json.MAPPER.convertValue(previous, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }
}
