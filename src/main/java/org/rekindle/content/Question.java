package org.rekindle.content;

import java.util.List;

/**
 * One question of the questionnaire.
 *
 * @param options   the offered answers; built in for yes_no and frequency, empty for number
 * @param min       lowest accepted number (number questions only)
 * @param max       highest accepted number (number questions only)
 * @param isPrivate  true for the safety screen: never shown to the partner, masked in exports
 * @param required   a form must ask it (when it is enabled); the plan lists it while it is unanswered
 * @param sharpens   its answer would sharpen the plan; the plan lists it while it is unanswered
 * @param help       why we ask, and for a private question who sees the answer; null when none
 * @param enableWhen when it is asked; null when it is always asked
 * @param exclusive  options of a multi-choice question that cannot be combined with another option
 */
public record Question(
        String id,
        String section,
        String text,
        QuestionType type,
        List<Option> options,
        Double min,
        Double max,
        String unit,
        boolean isPrivate,
        boolean required,
        boolean sharpens,
        String help,
        EnableWhen enableWhen,
        List<String> exclusive) {

    public Question {
        exclusive = exclusive == null ? List.of() : List.copyOf(exclusive);
    }

    /** True when {@code value} is one of the offered options. */
    public boolean offers(String value) {
        for (Option option : options) {
            if (option.value().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The label of an option value, or the value itself when it is not an option. */
    public String labelOf(String value) {
        for (Option option : options) {
            if (option.value().equals(value)) {
                return option.label();
            }
        }
        return value;
    }
}
