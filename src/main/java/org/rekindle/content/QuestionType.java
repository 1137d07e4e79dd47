package org.rekindle.content;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of question an app renders; the wire name is the snake_case form. */
public enum QuestionType {
    YES_NO("yes_no"),
    FREQUENCY("frequency"),
    CHOICE("choice"),
    MULTI_CHOICE("multi_choice"),
    NUMBER("number");

    private final String wireName;

    QuestionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if any. */
    public static Optional<QuestionType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
