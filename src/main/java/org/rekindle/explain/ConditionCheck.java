package org.rekindle.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.content.Questionnaire;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.RuleConditions;
import org.rekindle.ruleset.RuleConditions.Expr;

/**
 * Evaluates a rule's {@link RuleConditions} against one decision's answers and the facts its rules
 * inserted, outside Drools, and says of each part whether it held and which values it looked at. The
 * answer queries are called by name through a switch over the allow-listed vocabulary, never by
 * reflection. Drools stays the judge of what a decision shows; this says why, in its terms.
 */
public final class ConditionCheck {

    /**
     * One part of a rule's conditions, checked.
     *
     * @param kind    {@code all}, {@code any}, {@code not}, {@code exists}, {@code pattern} or {@code constraint}
     * @param text    a constraint as written, a pattern's fact type, else null
     * @param held    whether it held
     * @param looked  for a constraint, each query it asked with the value it got, and for a pattern on a
     *                matched fact, the facts of that type there were
     * @param answers the stored answers the constraint read (question id to value)
     * @param parts   the parts of an {@code all}, {@code any}, {@code not}, {@code exists} or pattern
     */
    public record Checked(String kind, String text, boolean held, List<Looked> looked, Map<String, Object> answers,
            List<Checked> parts) {
    }

    /** A query a constraint asked and what it answered, such as {@code yesCount("self_assessment") = 3}. */
    public record Looked(String query, Object value) {
    }

    private final Answers answers;
    private final Answers previous;
    private final Questionnaire questionnaire;
    private final Map<String, Set<String>> facts;

    /**
     * @param facts the facts in the session by type ({@code Finding}) to their keys (the finding names)
     */
    public ConditionCheck(Answers answers, Questionnaire questionnaire, Map<String, Set<String>> facts) {
        this(answers, null, questionnaire, facts);
    }

    /**
     * @param previous the previous assessment's answers the decision was made with, or null when there was
     *                 none (then no {@code Previous( ... )} pattern holds)
     * @param facts    the facts in the session by type ({@code Finding}) to their keys (the finding names)
     */
    public ConditionCheck(Answers answers, Answers previous, Questionnaire questionnaire,
            Map<String, Set<String>> facts) {
        this.answers = answers;
        this.previous = previous;
        this.questionnaire = questionnaire;
        this.facts = facts;
    }

    /** Checks the conditions of one rule. */
    public Checked check(RuleConditions conditions) {
        return when(conditions.when(), new HashMap<>());
    }

    private Checked when(RuleConditions.When when, Map<String, Object> bindings) {
        if (when instanceof RuleConditions.All all) {
            List<Checked> parts = new ArrayList<>();
            all.parts().forEach(p -> parts.add(when(p, bindings)));
            return new Checked("all", null, parts.stream().allMatch(Checked::held), List.of(), Map.of(), parts);
        }
        if (when instanceof RuleConditions.Any any) {
            List<Checked> parts = new ArrayList<>();
            any.parts().forEach(p -> parts.add(when(p, new HashMap<>(bindings))));
            return new Checked("any", null, parts.stream().anyMatch(Checked::held), List.of(), Map.of(), parts);
        }
        if (when instanceof RuleConditions.None none) {
            Checked part = when(none.part(), new HashMap<>(bindings));
            return new Checked("not", null, !part.held(), List.of(), Map.of(), List.of(part));
        }
        if (when instanceof RuleConditions.Some some) {
            Checked part = when(some.part(), new HashMap<>(bindings));
            return new Checked("exists", null, part.held(), List.of(), Map.of(), List.of(part));
        }
        RuleConditions.Pattern pattern = (RuleConditions.Pattern) when;
        if (pattern.fact().equals("Answers")) {
            return answersPattern(pattern, bindings, answers);
        }
        if (pattern.fact().equals("Previous") && previous != null) {
            return answersPattern(pattern, bindings, previous);
        }
        // Without a previous assessment there is no Previous fact: the pattern matches nothing.
        return factPattern(pattern, bindings);
    }

    private Checked answersPattern(RuleConditions.Pattern pattern, Map<String, Object> bindings, Answers source) {
        List<Checked> parts = new ArrayList<>();
        for (RuleConditions.Constraint constraint : pattern.constraints()) {
            Evaluation evaluation = new Evaluation(null, source);
            Object value = evaluation.value(constraint.value(), bindings);
            boolean held;
            if (constraint.binds() != null) {
                bindings.put(constraint.binds(), value);
                held = true;
            } else {
                held = Boolean.TRUE.equals(value);
            }
            parts.add(new Checked("constraint", constraint.text(), held, List.copyOf(evaluation.looked),
                    evaluation.read, List.of()));
        }
        return new Checked("pattern", pattern.fact(), parts.stream().allMatch(Checked::held), List.of(), Map.of(),
                parts);
    }

    /** A pattern on a fact the rules insert: it holds when one such fact meets every constraint. */
    private Checked factPattern(RuleConditions.Pattern pattern, Map<String, Object> bindings) {
        Set<String> keys = facts.getOrDefault(pattern.fact(), Set.of());
        List<Looked> present = keys.stream().sorted().map(k -> new Looked(pattern.fact(), k)).toList();
        List<Checked> parts = new ArrayList<>();
        boolean anyFact = false;
        for (String key : keys) {
            boolean all = true;
            for (RuleConditions.Constraint constraint : pattern.constraints()) {
                all &= constraint.binds() != null
                        || Boolean.TRUE.equals(new Evaluation(key, answers).value(constraint.value(), bindings));
            }
            anyFact |= all;
        }
        for (RuleConditions.Constraint constraint : pattern.constraints()) {
            boolean held = constraint.binds() != null || keys.stream().anyMatch(key -> Boolean.TRUE.equals(
                    new Evaluation(key, answers).value(constraint.value(), bindings)));
            parts.add(new Checked("constraint", constraint.text(), held, List.of(), Map.of(), List.of()));
        }
        return new Checked("pattern", pattern.fact(), anyFact, present, Map.of(), parts);
    }

    /** One constraint's evaluation: what it asked and read. */
    private final class Evaluation {

        private final String property;
        private final Answers source;
        private final List<Looked> looked = new ArrayList<>();
        private final Map<String, Object> read = new LinkedHashMap<>();

        /**
         * @param property the matched fact's property value, or null for the answers
         * @param source   the answers its queries ask: this decision's, or the previous assessment's
         */
        Evaluation(String property, Answers source) {
            this.property = property;
            this.source = source;
        }

        Object value(Expr expr, Map<String, Object> bindings) {
            if (expr instanceof RuleConditions.Literal literal) {
                return literal.value();
            }
            if (expr instanceof RuleConditions.Bound bound) {
                return bindings.get(bound.name());
            }
            if (expr instanceof RuleConditions.Property) {
                return property;
            }
            if (expr instanceof RuleConditions.Not not) {
                return !Boolean.TRUE.equals(value(not.operand(), bindings));
            }
            if (expr instanceof RuleConditions.Logic logic) {
                // Both sides are evaluated, so that every value the condition could look at is reported.
                boolean left = Boolean.TRUE.equals(value(logic.left(), bindings));
                boolean right = Boolean.TRUE.equals(value(logic.right(), bindings));
                return logic.and() ? left && right : left || right;
            }
            if (expr instanceof RuleConditions.Compare compare) {
                return compare(compare.operator(), value(compare.left(), bindings), value(compare.right(), bindings));
            }
            RuleConditions.Query query = (RuleConditions.Query) expr;
            Object answer = query.ask(source);
            looked.add(new Looked(query.name() + "(" + String.join(", ", query.arguments().stream()
                    .map(a -> "\"" + a + "\"").toList()) + ")", answer));
            String first = query.arguments().get(0);
            if (isSectionQuery(query.name())) {
                (query.name().equals("countAtLeast") ? questionnaire.countedIdsOf(first)
                        : questionnaire.questionIdsOf(first)).stream().filter(source::answered)
                        .forEach(q -> read.put(q, source.value(q)));
            } else if (source.answered(first)) {
                read.put(first, source.value(first));
            }
            return answer;
        }
    }

    private static boolean isSectionQuery(String name) {
        return name.equals("yesCount") || name.equals("answeredCount") || name.equals("countAtLeast");
    }

    /** As the compiled rule compares: numbers by value, ordering with a missing value never holds. */
    private static boolean compare(String operator, Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            int order = Double.compare(a.doubleValue(), b.doubleValue());
            return switch (operator) {
                case "==" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
        return switch (operator) {
            case "==" -> java.util.Objects.equals(left, right);
            case "!=" -> !java.util.Objects.equals(left, right);
            default -> false;
        };
    }
}
