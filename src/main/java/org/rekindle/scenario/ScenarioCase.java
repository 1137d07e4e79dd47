package org.rekindle.scenario;

import java.util.List;
import java.util.Map;

import org.rekindle.bundle.Problem;
import org.rekindle.content.YamlFile;

/**
 * A coach's test: given these answers (and, optionally, a locale), expect these cards, rules, path and
 * focus. Every list may be empty.
 *
 * @param line     the line of the case's {@code name:}, and {@code column} its column
 * @param locale   the request's locale, which picks the help lines' region; null for none
 * @param first    the id the first card must have, or null when order does not matter
 * @param path     the path the plan must be on, or null when it does not matter
 * @param focus    the focus, exactly and in order; null when it does not matter
 * @param withheld cards the plan must hold back (withheld by a rule's tag or by the path)
 * @param partners for a couple case, each partner's answers by label ({@code a}, {@code b}), evaluated
 *                 together by the couple-level rules; null for a one-person case (which uses {@code answers})
 * @param previous the answers of the person's previous assessment, which rules read as {@code Previous};
 *                 null when the case has none (a first assessment)
 * @param spots    where the case writes each thing, by its path inside the case ({@code answers/q},
 *                 {@code expect/cards/0}, {@code expect/path}), so that a problem points at the line to fix
 */
public record ScenarioCase(String name, String file, int line, int column, Map<String, Object> answers,
        String locale, List<String> cards, List<String> absent, List<String> fired, List<String> notFired,
        List<String> findings, String first, String path, List<String> focus, List<String> withheld,
        Map<String, Map<String, Object>> partners, Map<String, Object> previous, Map<String, YamlFile.Spot> spots) {

    /** The rule ids the case names, in {@code fired} and {@code notFired}. */
    public List<String> namedRules() {
        List<String> named = new java.util.ArrayList<>(fired);
        named.addAll(notFired);
        return named;
    }

    /** True when the case expects nothing at all, so it could never fail. */
    public boolean expectsNothing() {
        return cards.isEmpty() && absent.isEmpty() && fired.isEmpty() && notFired.isEmpty() && findings.isEmpty()
                && first == null && path == null && focus == null && withheld.isEmpty();
    }

    /**
     * A problem with this case, at what it names by {@code where} ({@code expect/cards/1}), or at the nearest
     * thing around it the case writes, else at its name.
     */
    public Problem problemAt(String where, String message) {
        String at = where;
        while (!at.isEmpty()) {
            YamlFile.Spot spot = spots.get(at);
            if (spot != null) {
                return new Problem(file, spot.line(), spot.column(), message);
            }
            at = at.contains("/") ? at.substring(0, at.lastIndexOf('/')) : "";
        }
        return new Problem(file, line, column, message);
    }
}
