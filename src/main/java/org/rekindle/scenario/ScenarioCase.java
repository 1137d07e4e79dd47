package org.rekindle.scenario;

import java.util.List;
import java.util.Map;

/**
 * A coach's test: given these answers, expect these cards and rules. Every list may be empty.
 *
 * @param first the id the first card must have, or null when order does not matter
 */
public record ScenarioCase(String name, String file, int line, Map<String, Object> answers, List<String> cards,
        List<String> absent, List<String> fired, List<String> notFired, List<String> findings, String first) {

    /** The rule ids the case names, in {@code fired} and {@code notFired}. */
    public List<String> namedRules() {
        List<String> named = new java.util.ArrayList<>(fired);
        named.addAll(notFired);
        return named;
    }

    /** True when the case expects nothing at all, so it could never fail. */
    public boolean expectsNothing() {
        return cards.isEmpty() && absent.isEmpty() && fired.isEmpty() && notFired.isEmpty() && findings.isEmpty()
                && first == null;
    }
}
