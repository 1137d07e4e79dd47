package org.rekindle.bench;

import java.util.List;

import org.rekindle.content.Question;

/** How an answer reads inside a reason, as the engine writes it: "often", "yes", "Quality time, Gifts", "25". */
final class AnswerTexts {

    private AnswerTexts() {
    }

    static String of(Question question, Object value) {
        return switch (question.type()) {
            case YES_NO, FREQUENCY -> String.valueOf(value);
            case CHOICE -> question.labelOf(String.valueOf(value));
            case MULTI_CHOICE -> labels(question, (List<?>) value);
            case NUMBER -> of(value);
        };
    }

    static String of(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static String labels(Question question, List<?> values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(question.labelOf(String.valueOf(value)));
        }
        return text.toString();
    }
}
