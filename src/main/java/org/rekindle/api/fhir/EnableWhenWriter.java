package org.rekindle.api.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.content.EnableWhen;
import org.rekindle.content.Option;
import org.rekindle.content.Question;
import org.rekindle.content.QuestionType;
import org.rekindle.content.Questionnaire;

/**
 * Writes a question's {@code enableWhen} as FHIR {@code enableWhen} entries and {@code enableBehavior}
 * (see {@link FhirQuestionnaire} for why each condition takes the form it does).
 */
final class EnableWhenWriter {

    private EnableWhenWriter() {
    }

    static void write(EnableWhen when, Questionnaire questionnaire, Map<String, Object> item) {
        boolean any = when.behavior() == EnableWhen.Behavior.ANY;
        if (when.conditions().size() == 1) {
            // Alone, a condition may take whichever form is exact: "any" unless it is a multi-choice "not".
            EnableWhen.Condition only = when.conditions().get(0);
            Question read = questionnaire.question(only.question());
            any = !(only.operator() == EnableWhen.Operator.NOT && read != null
                    && read.type() == QuestionType.MULTI_CHOICE);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (EnableWhen.Condition condition : when.conditions()) {
            entries.addAll(entries(condition, questionnaire.question(condition.question()), any));
        }
        item.put("enableWhen", entries);
        if (entries.size() > 1) {
            item.put("enableBehavior", any ? "any" : "all");
        }
    }

    private static List<Map<String, Object>> entries(EnableWhen.Condition condition, Question read, boolean any) {
        String linkId = condition.question();
        if (condition.operator() == EnableWhen.Operator.ANSWERED || read == null) {
            // validate refuses a condition on an unknown question; this keeps the resource well formed.
            return List.of(entry(linkId, "exists", "answerBoolean", true));
        }
        Object answer = condition.answer();
        return switch (read.type()) {
            case NUMBER -> numeric(linkId, condition.operator(), answer, any);
            case YES_NO -> {
                boolean yes = "yes".equals(answer);
                // Answered and not yes is no, and the reverse: one entry is exact either way.
                boolean wanted = condition.operator() == EnableWhen.Operator.NOT ? !yes : yes;
                yield List.of(entry(linkId, "=", "answerBoolean", wanted));
            }
            case MULTI_CHOICE -> {
                Map<String, Object> coding = code(read, String.valueOf(answer));
                if (condition.operator() == EnableWhen.Operator.NOT) {
                    yield any ? List.of(entry(linkId, "!=", "answerCoding", coding))
                            : List.of(entry(linkId, "exists", "answerBoolean", true),
                                    entry(linkId, "!=", "answerCoding", coding));
                }
                yield List.of(entry(linkId, "=", "answerCoding", coding));
            }
            case CHOICE, FREQUENCY -> admitted(linkId, read, condition, any);
        };
    }

    /** A single-valued choice: the condition admits a set of options. */
    private static List<Map<String, Object>> admitted(String linkId, Question read, EnableWhen.Condition condition,
            boolean any) {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!any) {
            entries.add(entry(linkId, "exists", "answerBoolean", true));
        }
        for (Option option : read.options()) {
            boolean admits = condition.holds(option.value());
            if (admits == any) {
                entries.add(entry(linkId, any ? "=" : "!=", "answerCoding", code(read, option.value())));
            }
        }
        return entries;
    }

    private static List<Map<String, Object>> numeric(String linkId, EnableWhen.Operator operator, Object answer,
            boolean any) {
        Object bound = answer instanceof Number n ? n.doubleValue() : answer;
        return switch (operator) {
            case AT_LEAST -> List.of(entry(linkId, ">=", "answerDecimal", bound));
            case AT_MOST -> List.of(entry(linkId, "<=", "answerDecimal", bound));
            case IS -> List.of(entry(linkId, "=", "answerDecimal", bound));
            case NOT -> any ? List.of(entry(linkId, "!=", "answerDecimal", bound))
                    : List.of(entry(linkId, "exists", "answerBoolean", true), entry(linkId, "!=", "answerDecimal", bound));
            case ANSWERED -> List.of(entry(linkId, "exists", "answerBoolean", true));
        };
    }

    private static Map<String, Object> code(Question read, String value) {
        return FhirQuestionnaire.coding(value, read.labelOf(value));
    }

    private static Map<String, Object> entry(String linkId, String operator, String answerKey, Object answer) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("question", linkId);
        entry.put("operator", operator);
        entry.put(answerKey, answer);
        return entry;
    }
}
