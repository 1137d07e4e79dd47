package org.rekindle.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.content.EnableWhen;
import org.rekindle.content.EnableWhen.Behavior;
import org.rekindle.content.EnableWhen.Operator;
import org.rekindle.content.Option;
import org.rekindle.content.Question;
import org.rekindle.content.QuestionType;
import org.rekindle.content.Questionnaire;
import org.rekindle.model.Answers;

/**
 * The FHIR {@code enableWhen} means what Rekindle's means: for every kind of question a condition can read
 * and every operator, alone and joined by {@code all} and {@code any}, over every answer a
 * QuestionnaireResponse can give (a multi-choice with nothing picked cannot be given), a FHIR form engine
 * applying R4's rules enables the question exactly when Rekindle asks it. The one documented exception,
 * {@code not} on a multi-choice among {@code any} conditions, differs only while that question is unanswered.
 */
class FhirQuestionnaireTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void everyConditionEnablesTheQuestionExactlyWhenRekindleAsksIt() {
        List<Question> read = List.of(
                question("y", QuestionType.YES_NO, List.of("yes", "no"), null),
                question("c", QuestionType.CHOICE, ABC, null),
                question("f", QuestionType.FREQUENCY, Answers.FREQUENCY_SCALE, null),
                question("m", QuestionType.MULTI_CHOICE, ABC, null),
                question("n", QuestionType.NUMBER, List.of(), null));
        List<EnableWhen.Condition> conditions = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            conditions.add(new EnableWhen.Condition("y", operator, operator == Operator.ANSWERED ? true : "yes"));
            conditions.add(new EnableWhen.Condition("c", operator, operator == Operator.ANSWERED ? true : "b"));
            conditions.add(new EnableWhen.Condition("m", operator, operator == Operator.ANSWERED ? true : "b"));
            conditions.add(new EnableWhen.Condition("n", operator, operator == Operator.ANSWERED ? true : 5.0));
            conditions.add(new EnableWhen.Condition("f", operator, operator == Operator.ANSWERED ? true : "sometimes"));
        }
        conditions.removeIf(c -> (c.operator() == Operator.AT_LEAST || c.operator() == Operator.AT_MOST)
                && !(c.question().equals("n") || c.question().equals("f")));
        conditions.removeIf(c -> (c.operator() == Operator.IS || c.operator() == Operator.NOT)
                && c.question().equals("n"));

        List<Question> targets = new ArrayList<>();
        int t = 0;
        for (EnableWhen.Condition condition : conditions) {
            targets.add(question("t" + t++, QuestionType.YES_NO, List.of("yes", "no"),
                    new EnableWhen(Behavior.ALL, List.of(condition))));
            for (Behavior behavior : Behavior.values()) {
                EnableWhen.Condition other = new EnableWhen.Condition(condition.question().equals("c") ? "f" : "c",
                        Operator.IS, condition.question().equals("c") ? "often" : "a");
                targets.add(question("t" + t++, QuestionType.YES_NO, List.of("yes", "no"),
                        new EnableWhen(behavior, List.of(condition, other))));
            }
        }
        List<Question> all = new ArrayList<>(read);
        all.addAll(targets);
        Questionnaire questionnaire = new Questionnaire(List.of(new Questionnaire.Section("s", "S", null, 1, false,
                all)));
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groupItems = (List<Map<String, Object>>) ((List<Map<String, Object>>)
                FhirQuestionnaire.of(questionnaire, "v").get("item")).get(0).get("item");
        groupItems.forEach(item -> items.put((String) item.get("linkId"), item));

        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (Map<String, Object> raw : answerSets()) {
            Answers answers = questionnaire.read(raw);
            var asked = questionnaire.asked(answers);
            for (Question target : targets) {
                boolean fhir = enabled(items.get(target.id()), raw);
                compared++;
                if (fhir != asked.contains(target.id())) {
                    differences.add(target.enableWhen().behavior() + " " + target.enableWhen().describe() + " with "
                            + raw + ": FHIR " + fhir);
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(differences).as("only the documented exception differs, and only while 'm' is unanswered")
                .allMatch(d -> d.startsWith("ANY") && d.contains("'m' is answered and is not") && !d.contains("m="));
    }

    /** Every combination of answers to the read questions that a QuestionnaireResponse can carry. */
    private static List<Map<String, Object>> answerSets() {
        List<Object> y = new ArrayList<>(List.of("yes", "no"));
        List<Object> c = new ArrayList<>(ABC);
        List<Object> f = new ArrayList<>(Answers.FREQUENCY_SCALE);
        List<Object> m = new ArrayList<>(List.of(List.of("a"), List.of("b"), List.of("a", "b"), List.of("a", "b", "c"),
                List.of("c")));
        List<Object> n = new ArrayList<>(List.of(4, 5, 6, 5.5));
        List<List<Object>> values = List.of(y, c, f, m, n);
        values.forEach(list -> list.add(null)); // unanswered
        List<String> ids = List.of("y", "c", "f", "m", "n");
        List<Map<String, Object>> sets = new ArrayList<>();
        sets.add(new LinkedHashMap<>());
        for (int i = 0; i < ids.size(); i++) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> set : sets) {
                for (Object value : values.get(i)) {
                    Map<String, Object> copy = new LinkedHashMap<>(set);
                    if (value != null) {
                        copy.put(ids.get(i), value);
                    }
                    next.add(copy);
                }
            }
            sets = next;
        }
        return sets;
    }

    /** R4's enableWhen, as a FHIR form engine applies it, over the FHIR answers these JSON answers make. */
    @SuppressWarnings("unchecked")
    private static boolean enabled(Map<String, Object> item, Map<String, Object> answers) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) item.get("enableWhen");
        boolean any = "any".equals(item.get("enableBehavior"));
        boolean result = !any;
        for (Map<String, Object> entry : entries) {
            Object value = answers.get((String) entry.get("question"));
            List<Object> given = value == null ? List.of() : value instanceof List<?> list ? (List<Object>) list
                    : List.of(value);
            List<Object> fhirValues = given.stream().map(v -> v.equals("yes") ? (Object) true
                    : v.equals("no") ? (Object) false : v instanceof Number num ? (Object) num.doubleValue() : v).toList();
            Object expected = entry.containsKey("answerCoding")
                    ? ((Map<String, Object>) entry.get("answerCoding")).get("code")
                    : entry.containsKey("answerBoolean") ? entry.get("answerBoolean") : entry.get("answerDecimal");
            boolean holds = switch ((String) entry.get("operator")) {
                case "exists" -> !fhirValues.isEmpty() == (Boolean) expected;
                case "=" -> fhirValues.contains(expected);
                case "!=" -> !fhirValues.contains(expected);
                case ">=" -> fhirValues.stream().anyMatch(v -> (Double) v >= (Double) expected);
                case "<=" -> fhirValues.stream().anyMatch(v -> (Double) v <= (Double) expected);
                default -> throw new AssertionError(entry);
            };
            result = any ? result || holds : result && holds;
        }
        return result;
    }

    private static Question question(String id, QuestionType type, List<String> options, EnableWhen when) {
        List<Option> offered = options.stream().map(o -> new Option(o, o.toUpperCase())).toList();
        return new Question(id, "s", "Question " + id, type, offered, type == QuestionType.NUMBER ? 0.0 : null,
                type == QuestionType.NUMBER ? 100.0 : null, null, false, false, false, null, when, List.of());
    }
}
