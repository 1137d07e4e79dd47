package org.rekindle.ruleset;

import java.util.Collection;

/** The known word a misspelt one most likely meant, for messages that say "did you mean ...?". */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The closest of {@code known} to {@code word}, if it is close enough to be a slip of the keys (at
     * most two edits, or a quarter of the word for long ids); null otherwise.
     */
    public static String closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        int allowed = Math.max(2, word.length() / 4);
        return best != null && bestDistance > 0 && bestDistance <= allowed ? best : null;
    }

    /** "; did you mean 'x'?" for the closest known word, or an empty string. */
    public static String suggest(String word, Collection<String> known) {
        String closest = closest(word, known);
        return closest == null ? "" : "; did you mean '" + closest + "'?";
    }

    /** Edits from one word to the other: a letter added, left out or changed, or two letters swapped. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        int[] beforePrevious = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    current[j] = Math.min(current[j], beforePrevious[j - 2] + 1); // two letters swapped
                }
            }
            int[] oldest = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = oldest;
        }
        return previous[b.length()];
    }
}
