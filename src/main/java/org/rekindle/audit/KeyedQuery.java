package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One page of decisions found by a rule or card key, read through the key's postings ({@link KeySets}).
 *
 * <p>The pending decisions are read first. Then the key's postings, newest batch first (by the time of
 * the newest decision holding the key), a few batches at a time: each batch's decisions are confirmed
 * against their packed keys and the query's other filters, and kept in the log's order. A batch's
 * decisions are no newer than its posting's {@code last_at}, so once the page is full and its last
 * decision is newer than the next posting's {@code last_at}, no batch still unread can change it: a page
 * costs the batches that hold its decisions, however many decisions that key matched before it. Runs in
 * the caller's snapshot, so that a flush in between neither shows a decision twice nor hides it.
 */
final class KeyedQuery {

    /** Batches read at the first round trip; each next one reads twice as many, up to {@link #MOST_BATCHES}. */
    private static final int FIRST_BATCHES = 2;
    private static final int MOST_BATCHES = 32;
    private static final Comparator<DecisionSummary> ORDER = Comparator.comparing(DecisionSummary::createdAt)
            .thenComparing(DecisionSummary::id).reversed();

    private final Dialect dialect;

    KeyedQuery(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A key as the packed rows and the postings spell it. */
    record Key(String kind, String value) {
        String needle() {
            return KeySets.needle(kind, value);
        }
    }

    /**
     * The query's page; {@code keys} (one or two) must all be held. The key with fewer postings in the
     * period drives the reading: a rule in 7% of the decisions and a card that seldom comes with it would
     * otherwise read every batch of the rule.
     */
    List<DecisionSummary> page(Connection connection, DecisionQuery query, List<Key> keys) throws SQLException {
        if (query.limit() < 1) {
            return List.of();
        }
        Key driving = keys.get(0);
        if (keys.size() > 1 && postingCount(connection, query, keys.get(1)) < postingCount(connection, query,
                driving)) {
            driving = keys.get(1);
        }
        List<DecisionSummary> page = new ArrayList<>(summaries(connection, query, keys, List.of()));
        Posting after = null;
        int batches = FIRST_BATCHES;
        while (true) {
            List<Posting> postings = postings(connection, query, driving, after, batches);
            if (postings.isEmpty() || page.size() >= query.limit()
                    && page.get(query.limit() - 1).createdAt().isAfter(postings.get(0).lastAt())) {
                return page;
            }
            page.addAll(summaries(connection, query, keys, postings));
            page.sort(ORDER);
            if (page.size() > query.limit()) {
                page.subList(query.limit(), page.size()).clear();
            }
            after = postings.get(postings.size() - 1);
            batches = Math.min(MOST_BATCHES, batches * 2);
        }
    }

    /** A posting: the key occurs in {@code batch}, its newest holder created at {@code lastAt}. */
    private record Posting(Instant lastAt, long batch) {
    }

    /** How many postings the key has that may hold decisions of the query's period and page. */
    private long postingCount(Connection connection, DecisionQuery query, Key key) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM decision_key_postings WHERE ");
        List<Object> values = new ArrayList<>();
        within(sql, values, query, key);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            dialect.bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The condition that a posting is the key's and may hold decisions of the query's period and page. */
    private static void within(StringBuilder sql, List<Object> values, DecisionQuery query, Key key) {
        sql.append("kind = ? AND value = ?");
        values.add(key.kind());
        values.add(key.value());
        if (query.from() != null) {
            sql.append(" AND last_at >= ?");
            values.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" AND first_at < ?");
            values.add(query.to());
        }
        if (query.after() != null) {
            sql.append(" AND first_at <= ?");
            values.add(query.after().createdAt());
        }
    }

    /** The key's next {@code limit} postings after {@code after} (newest first), within the query's period. */
    private List<Posting> postings(Connection connection, DecisionQuery query, Key key, Posting after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT last_at, batch FROM decision_key_postings WHERE ");
        List<Object> values = new ArrayList<>();
        within(sql, values, query, key);
        if (after != null) {
            sql.append(" AND (last_at < ? OR (last_at = ? AND batch < ?))");
            values.add(after.lastAt());
            values.add(after.lastAt());
            values.add(after.batch());
        }
        sql.append(" ORDER BY last_at DESC, batch DESC LIMIT ?");
        values.add(limit);
        List<Posting> postings = new ArrayList<>(limit);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            dialect.bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    postings.add(new Posting(dialect.readInstant(row, 1), row.getLong(2)));
                }
            }
        }
        return postings;
    }

    /**
     * The first page of the decisions of {@code postings}' batches (the pending ones when there are none)
     * that hold every key and pass the query's filters.
     */
    private List<DecisionSummary> summaries(Connection connection, DecisionQuery query, List<Key> keys,
            List<Posting> postings) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT d.id, d.created_at, d.ruleset_version, d.path FROM"
                + " decision_key_sets k JOIN decisions d ON d.id = k.decision_id WHERE ");
        List<Object> values = new ArrayList<>();
        if (postings.isEmpty()) {
            sql.append("k.batch IS NULL");
        } else {
            sql.append("k.batch IN (").append(String.join(", ", Collections.nCopies(postings.size(), "?")))
                    .append(")");
            postings.forEach(posting -> values.add(posting.batch()));
        }
        for (Key key : keys) {
            sql.append(" AND ").append(dialect.contains("k.packed"));
            values.add(key.needle());
        }
        return read(connection, dialect, sql, values, query, "k.created_at", "k.decision_id");
    }

    /**
     * Adds the query's own filters (period, version, path, the cursor), its order and its limit to
     * {@code sql}, over the given time and id columns, and reads the page.
     */
    static List<DecisionSummary> read(Connection connection, Dialect dialect, StringBuilder sql, List<Object> values,
            DecisionQuery query, String time, String id) throws SQLException {
        Dialect.period(sql, values, time, query.from(), query.to());
        if (query.version() != null) {
            sql.append(" AND d.ruleset_version = ?");
            values.add(query.version());
        }
        if (query.path() != null) {
            sql.append(" AND d.path = ?");
            values.add(query.path());
        }
        if (query.after() != null) {
            // The first bound is the index range; the second the exact place in the order.
            sql.append(" AND ").append(time).append(" <= ? AND (").append(time).append(" < ? OR (").append(time)
                    .append(" = ? AND ").append(id).append(" < ?))");
            values.add(query.after().createdAt());
            values.add(query.after().createdAt());
            values.add(query.after().createdAt());
            values.add(query.after().id());
        }
        sql.append(" ORDER BY ").append(time).append(" DESC, ").append(id).append(" DESC LIMIT ?");
        values.add(query.limit());
        List<DecisionSummary> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            dialect.bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    found.add(new DecisionSummary(row.getString(1), dialect.readInstant(row, 2), row.getString(3),
                            row.getString(4)));
                }
            }
        }
        return found;
    }
}
