package org.rekindle.api.assessments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.content.Content;
import org.rekindle.content.FieldProblem;
import org.rekindle.json.Json;

/**
 * The body of {@code POST /v1/assessments}: {@code {answers, subject?, couple?, partner?, locale?}}.
 *
 * @param subject the app's pseudonymous id for the person (never a name or e-mail); erasure works by it
 * @param couple  the app's id linking two partners' assessments
 * @param partner which partner of the couple answered: {@code a} or {@code b}
 * @param locale  the app's locale, e.g. {@code es-US}: its language picks the texts, its region the help
 *                lines; it wins over {@code Accept-Language}
 */
public record AssessmentRequest(Map<String, Object> answers, String subject, String couple, String partner,
        String locale) {

    private static final Set<String> FIELDS = Set.of("answers", "subject", "couple", "partner", "locale");

    /** Reads and checks the body; throws {@link ApiError} naming every offending field. */
    public static AssessmentRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("invalid_body", "", "the body must be a JSON object: {\"answers\": {...}}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "unknown field; the body may have " + FIELDS));
            }
        });
        JsonNode answers = body.get("answers");
        if (answers == null || !answers.isObject()) {
            problems.add(new FieldProblem("answers", answers == null ? "missing: send \"answers\": {} with the "
                    + "answered question ids" : "must be an object of question id to answer"));
        } else {
            // An explicit null is refused rather than read as "unanswered": a client that sends one has
            // most likely lost the value, and the plan would silently differ from what the person said.
            answers.properties().forEach(answer -> {
                if (answer.getValue().isNull()) {
                    problems.add(new FieldProblem("answers." + answer.getKey(), "null is not an answer; leave "
                            + "a question out when it was not answered"));
                }
            });
        }
        String subject = text(body, "subject", Pseudonym.SYNTAX, Pseudonym.DESCRIPTION, problems);
        String couple = text(body, "couple", Pseudonym.SYNTAX, Pseudonym.DESCRIPTION, problems);
        String partner = text(body, "partner", Pattern.compile("[ab]"), "\"a\" or \"b\"", problems);
        String locale = text(body, "locale", Content.LOCALE_TAG, "a language tag such as \"en\" or \"en-US\"", problems);
        if (partner != null && couple == null) {
            problems.add(new FieldProblem("partner", "only makes sense with \"couple\": send both or neither"));
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_body", "the request body is not valid; see errors", problems);
        }
        Map<String, Object> raw = Json.MAPPER.convertValue(answers,
                new TypeReference<LinkedHashMap<String, Object>>() { });
        return new AssessmentRequest(raw, subject, couple, partner, locale);
    }

    private static String text(JsonNode body, String field, Pattern pattern, String expected,
            List<FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !pattern.matcher(node.asText()).matches()) {
            problems.add(new FieldProblem(field, "expected " + expected));
            return null;
        }
        return node.asText();
    }
}
