package org.rekindle.content;

import java.util.Arrays;
import java.util.Optional;

/** How urgent a card is, as in CDS Hooks; declaration order is display order. */
public enum Indicator {
    CRITICAL("critical"),
    WARNING("warning"),
    INFO("info");

    private final String wireName;

    Indicator(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The indicator with this wire name, if any. */
    public static Optional<Indicator> fromWire(String name) {
        return Arrays.stream(values()).filter(i -> i.wireName.equals(name)).findFirst();
    }
}
