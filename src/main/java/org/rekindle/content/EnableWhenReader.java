package org.rekindle.content;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Reads a question's {@code enableWhen} as a coach writes it: one condition, or {@code any:} / {@code all:}
 * with a list of them. Each condition names a {@code question} and one test:
 * <pre>
 * enableWhen: {question: months_since_noticed, atLeast: 1}
 * enableWhen:
 *   any:
 *     - {question: sa_fantasize_alone, is: yes}
 *     - {question: sign_solo_plans, atLeast: often}
 * </pre>
 * Only the form is checked here; whether the questions and options exist is {@link QuestionnaireCheck}'s.
 */
final class EnableWhenReader {

    private EnableWhenReader() {
    }

    /** The condition of question {@code id}, or null when it has none or it cannot be read (a problem says why). */
    static EnableWhen read(JsonNode node, String id, BundleFile file, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(problem(file, id, "write enableWhen as {question: ..., is: ...}, or as any: or all: "
                    + "with a list of such conditions"));
            return null;
        }
        EnableWhen.Behavior behavior = null;
        JsonNode list = null;
        for (EnableWhen.Behavior candidate : EnableWhen.Behavior.values()) {
            if (node.has(candidate.wireName())) {
                if (behavior != null || node.size() != 1) {
                    problems.add(problem(file, id, "enableWhen has either any: or all: with a list of "
                            + "conditions, and nothing beside it"));
                    return null;
                }
                behavior = candidate;
                list = node.get(candidate.wireName());
            }
        }
        if (behavior == null) {
            EnableWhen.Condition single = condition(node, id, file, problems);
            return single == null ? null : new EnableWhen(EnableWhen.Behavior.ALL, List.of(single));
        }
        if (!list.isArray() || list.isEmpty()) {
            problems.add(problem(file, id, "enableWhen's " + behavior.wireName() + ": needs a list of conditions, "
                    + "each {question: ..., is: ...}"));
            return null;
        }
        List<EnableWhen.Condition> conditions = new ArrayList<>();
        for (JsonNode item : list) {
            EnableWhen.Condition condition = condition(item, id, file, problems);
            if (condition == null) {
                return null;
            }
            conditions.add(condition);
        }
        return new EnableWhen(behavior, conditions);
    }

    private static EnableWhen.Condition condition(JsonNode node, String id, BundleFile file, List<Problem> problems) {
        String question = node.path("question").asText("");
        if (!node.isObject() || question.isBlank()) {
            problems.add(problem(file, id, "each enableWhen condition names the question it reads: "
                    + "{question: other_question_id, is: option}"));
            return null;
        }
        EnableWhen.Operator operator = null;
        JsonNode value = null;
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("question")) {
                continue;
            }
            EnableWhen.Operator found = EnableWhen.Operator.fromWire(key).orElse(null);
            if (found == null || operator != null) {
                problems.add(problem(file, id, "the enableWhen condition on '" + question + "' "
                        + (found == null ? "has an unknown test '" + key + "'" : "has more than one test")
                        + "; give it exactly one of " + EnableWhen.Operator.keys()));
                return null;
            }
            operator = found;
            value = node.get(key);
        }
        if (operator == null) {
            problems.add(problem(file, id, "the enableWhen condition on '" + question + "' has no test; give it "
                    + "one of " + EnableWhen.Operator.keys()));
            return null;
        }
        Object answer = answer(operator, value);
        if (answer == null) {
            problems.add(problem(file, id, "the enableWhen condition on '" + question + "' has " + operator.wireName()
                    + ": " + value.asText() + "; " + expected(operator)));
            return null;
        }
        return new EnableWhen.Condition(question, operator, answer);
    }

    /** The test's value as a condition holds it, or null when it has the wrong kind. */
    private static Object answer(EnableWhen.Operator operator, JsonNode value) {
        return switch (operator) {
            case ANSWERED -> value.isBoolean() && value.asBoolean() ? Boolean.TRUE : null;
            case IS, NOT -> option(value);
            case AT_LEAST, AT_MOST -> value.isNumber() ? (Object) value.asDouble() : option(value);
        };
    }

    /** An option value; YAML reads an unquoted yes or no as a boolean, which here means the option. */
    private static String option(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean() ? "yes" : "no";
        }
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String expected(EnableWhen.Operator operator) {
        return switch (operator) {
            case ANSWERED -> "write answered: true";
            case IS, NOT -> "give an option value of that question";
            case AT_LEAST, AT_MOST -> "give a number (for a number question) or a frequency level such as often";
        };
    }

    private static Problem problem(BundleFile file, String id, String message) {
        return ContentLoader.atField(file, id, "enableWhen", "question '" + id + "': " + message);
    }
}
