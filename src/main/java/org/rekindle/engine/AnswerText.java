package org.rekindle.engine;

import java.util.List;
import java.util.stream.Collectors;

import org.rekindle.content.Question;

/** How an answer reads inside a sentence: "often", "yes", "Quality time, Gifts", "25". */
final class AnswerText {

    private AnswerText() {
    }

    static String of(Question question, Object value) {
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
