package org.rekindle.engine;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.rekindle.content.Question;

/** How an answer reads inside a sentence: "often", "yes", "Quality time, Gifts", "25". */
final class AnswerText {

    private AnswerText() {
    }

    static String of(Question question, Object value) {
        if (value instanceof Map<?, ?> partners) {
            // A couple's answer: each partner's, side by side ("a: yes, b: no").
            return partners.entrySet().stream().map(e -> e.getKey() + ": " + of(question, e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return switch (question.type()) {
            case YES_NO, FREQUENCY -> String.valueOf(value);
            case CHOICE -> question.labelOf(String.valueOf(value));
            case MULTI_CHOICE -> ((List<?>) value).stream().map(v -> question.labelOf(String.valueOf(v)))
                    .collect(Collectors.joining(", "));
            case NUMBER -> of(value);
        };
    }

    static String of(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
