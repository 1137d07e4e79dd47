package org.rekindle.content;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.rekindle.model.Answers;

/**
 * When a question is asked: conditions on the answers to other questions, all of which or any of which
 * must hold. A question without one is always asked. The shape follows FHIR's {@code enableWhen} and
 * {@code enableBehavior}, so that a FHIR Questionnaire can be written from it one to one (a frequency
 * {@code atLeast} becomes one {@code =} per level it admits).
 *
 * <p>A condition on a question that is unanswered, or not asked itself, does not hold: a question waits
 * for the answer it depends on.
 *
 * @param behavior whether every condition ({@code all}) or one of them ({@code any}) must hold
 */
public record EnableWhen(Behavior behavior, List<Condition> conditions) {

    public EnableWhen {
        conditions = List.copyOf(conditions);
    }

    /** How the conditions combine; the wire name is the one coaches write. */
    public enum Behavior {
        ALL("all"), ANY("any");

        private final String wireName;

        Behavior(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** What a condition asks of the answer it reads; the wire name is the key coaches write. */
    public enum Operator {
        /** Answered with this option (a multi-choice answer: this option is among those picked). */
        IS("is"),
        /** Answered, with another option (a multi-choice answer: this option is not among those picked). */
        NOT("not"),
        /** A frequency at this level or more often, or a number at least this large. */
        AT_LEAST("atLeast"),
        /** A frequency at this level or less often, or a number at most this large. */
        AT_MOST("atMost"),
        /** Answered at all. */
        ANSWERED("answered");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The operator coaches write as {@code key}, if any. */
        public static Optional<Operator> fromWire(String key) {
            return Arrays.stream(values()).filter(o -> o.wireName.equals(key)).findFirst();
        }

        /** Every key a condition may use, for messages. */
        static String keys() {
            return Arrays.stream(values()).map(Operator::wireName).collect(Collectors.joining(", "));
        }
    }

    /**
     * One condition on the answer to {@code question}.
     *
     * @param answer an option value (a String) for {@code is} and {@code not}, and for {@code atLeast} and
     *               {@code atMost} on a frequency question; a Double for {@code atLeast} and {@code atMost}
     *               on a number question; {@code true} for {@code answered}
     */
    public record Condition(String question, Operator operator, Object answer) {

        /**
         * True when {@code value}, the normalised answer to {@link #question()} (null when it is
         * unanswered or not asked), meets this condition.
         */
        public boolean holds(Object value) {
            if (value == null) {
                return false;
            }
            return switch (operator) {
                case ANSWERED -> true;
                case IS -> value instanceof List<?> picked ? picked.contains(answer) : answer.equals(value);
                case NOT -> value instanceof List<?> picked ? !picked.contains(answer) : !answer.equals(value);
                case AT_LEAST -> compare(value) >= 0;
                case AT_MOST -> compare(value) <= 0;
            };
        }

        /** The answer against the condition's bound: below zero when it is lower, above when higher. */
        private int compare(Object value) {
            if (value instanceof Number n && answer instanceof Double bound) {
                return Double.compare(n.doubleValue(), bound);
            }
            if (value instanceof String level && answer instanceof String bound) {
                return Integer.compare(Answers.FREQUENCY_SCALE.indexOf(level), Answers.FREQUENCY_SCALE.indexOf(bound));
            }
            // A bound of the wrong kind never holds; validate refuses such a condition before it goes live.
            return operator == Operator.AT_LEAST ? -1 : 1;
        }

        /** The condition in plain words, as a coach or an app developer reads it. */
        public String describe() {
            return switch (operator) {
                case ANSWERED -> "'" + question + "' is answered";
                case IS -> "'" + question + "' is '" + answer + "'";
                case NOT -> "'" + question + "' is answered and is not '" + answer + "'";
                case AT_LEAST -> "'" + question + "' is at least " + bound();
                case AT_MOST -> "'" + question + "' is at most " + bound();
            };
        }

        private String bound() {
            return answer instanceof Double d ? AnswerReader.format(d) : "'" + answer + "'";
        }
    }

    /** The questions the conditions read, in order, each once. */
    public List<String> questions() {
        return conditions.stream().map(Condition::question).distinct().toList();
    }

    /** The whole condition in plain words: "'a' is 'yes', or 'b' is at least 'often'". */
    public String describe() {
        return conditions.stream().map(Condition::describe)
                .collect(Collectors.joining(behavior == Behavior.ALL ? ", and " : ", or "));
    }
}
