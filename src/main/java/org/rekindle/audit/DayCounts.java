package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-day counts of {@code decision_counts}: one row per UTC day and key, added to as decisions are
 * appended (their own count and their path's) and as a flush numbers their rule and card keys' batch
 * ({@link KeySets#flush}); the deletion triggers take them away again.
 */
final class DayCounts {

    /**
     * Kinds of keys, as the packed key sets, the postings and {@code decision_counts} spell them: a rule
     * that fired, a card shown.
     */
    static final String RULE = "r";
    static final String CARD = "c";
    /** Kinds of {@code decision_counts} only: decisions (value ''), the plan's path. */
    static final String DECISION = "d";
    static final String PATH = "p";

    private static final String ADD = "INSERT INTO decision_counts (day, kind, value, n) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (day, kind, value) DO UPDATE SET n = decision_counts.n + excluded.n";

    private DayCounts() {
    }

    /**
     * Adds the counts, one upsert per day and key, in (day, kind, value) order (the map's), so that the
     * writers of several replicas take the rows in the same order.
     */
    static void add(Connection connection, Dialect dialect, Map<Key, Long> added) throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD)) {
            for (Map.Entry<Key, Long> count : added.entrySet()) {
                dialect.bindDay(statement, 1, count.getKey().day());
                statement.setString(2, count.getKey().kind());
                statement.setString(3, count.getKey().value());
                statement.setLong(4, count.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** A row of {@code decision_counts}, ordered as the writers take them. */
    record Key(LocalDate day, String kind, String value) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::day)
                .thenComparing(Key::kind).thenComparing(Key::value);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** What a count of a period adds up. */
    static final class Tally {
        long decisions;
        final Map<String, Long> rules = new TreeMap<>();
        final Map<String, Long> cards = new TreeMap<>();
        final Map<String, Long> paths = new TreeMap<>();

        void add(String kind, String value, long n) {
            switch (kind) {
                case DECISION -> decisions += n;
                case PATH -> paths.merge(value, n, Long::sum);
                case RULE -> rules.merge(value, n, Long::sum);
                case CARD -> cards.merge(value, n, Long::sum);
                default -> {
                    // A kind a later version counts: not part of these counts.
                }
            }
        }

        DecisionCounts counts() {
            return new DecisionCounts(decisions, rules, cards, paths);
        }
    }
}
