package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionKeys;
import org.rekindle.decision.DecisionRecord;

/**
 * The decision log over the {@link Database}. Appends go through {@link GroupCommit}: one writer thread
 * commits whatever is queued in one transaction. Reads, erasure and retention take connections from the
 * database's pool and run beside the writer.
 *
 * <p>Nothing here logs or puts into a message the answers, plans or traces; messages name the
 * operation and the decision id.
 */
final class JdbcDecisionLog implements DecisionLog {

    /** With no decision tried for this long during an outage, a readiness check asks the database itself. */
    private static final long PROBE_AFTER_NANOS = 1_000_000_000L;

    private static final String COLUMNS = "id, created_at, ruleset_version, subject, couple, partner, owner,"
            + " answers_json, plan_json, trace_json";
    private static final String INSERT_DECISION = "INSERT INTO decisions (" + COLUMNS + ", path)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    /** The most decisions one retention batch deletes, well under SQLite's limit of bound parameters. */
    static final int MAX_DELETE_BATCH = 10_000;
    /** How many decisions an export reads at a time. */
    private static final int EXPORT_PAGE = 500;
    private static final String FIND_DECISION = "SELECT " + COLUMNS + " FROM decisions WHERE id = ?";
    private static final String RECENT_DECISIONS = "SELECT " + COLUMNS + " FROM decisions"
            + " ORDER BY created_at DESC, id DESC LIMIT ?";

    private final Database database;
    private final Dialect dialect;
    private final KeySets keySets;
    private final KeyedQuery keyed;
    private final GroupCommit writer;
    private final KeyFlusher flusher;
    /** Null on PostgreSQL. */
    private final WalCheckpoints checkpoints;
    private final Coalesced afterErase;
    private final AtomicLong expired = new AtomicLong();
    private final Outage outage = new Outage(Clock.systemUTC());
    private final ReentrantLock probing = new ReentrantLock();

    JdbcDecisionLog(Database database) {
        this.database = database;
        this.dialect = database.dialect();
        this.keySets = new KeySets(dialect);
        this.keyed = new KeyedQuery(dialect);
        this.flusher = new KeyFlusher(database, keySets);
        this.checkpoints = dialect == Dialect.SQLITE ? new WalCheckpoints(database) : null;
        this.writer = new GroupCommit(new GroupCommit.Transaction() {
            @Override
            public boolean[] commit(List<IndexedDecision> batch) throws SQLException {
                return insert(batch);
            }

            @Override
            public void tidy(boolean idle, BooleanSupplier queued) throws SQLException {
                flusher.tidy(idle, queued);
            }
        }, outage);
        this.afterErase = new Coalesced(() -> {
            try (Connection connection = database.connection()) {
                dialect.afterErase(connection);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code createdAt} is stored to the microsecond (finer digits are dropped), the precision of
     * PostgreSQL's {@code timestamptz}, on both databases.
     *
     * @throws IllegalArgumentException when a required field (id, createdAt, rulesetVersion or one of
     *                                  the JSON fields) is missing, or a field holds a NUL character; when
     *                                  the keys, or one of their sets, are missing, or a key is null or holds
     *                                  a NUL character
     */
    @Override
    public void append(DecisionRecord record, DecisionKeys keys) {
        check(record);
        check(record.id(), keys);
        writer.append(new IndexedDecision(record, keys));
    }

    /** {@inheritDoc} Same checks and precision as {@link #append(DecisionRecord, DecisionKeys)}. */
    @Override
    public void append(DecisionRecord record) {
        check(record);
        DecisionKeys keys = DecisionCodec.keys(record);
        check(record.id(), keys);
        writer.append(new IndexedDecision(record, keys));
    }

    @Override
    public Optional<DecisionRecord> find(String id) {
        Database.requireText(id, "id");
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(FIND_DECISION)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not find decision " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DecisionRecord> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
        }
        if (limit == 0) {
            return new ArrayList<>();
        }
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(RECENT_DECISIONS)) {
            statement.setInt(1, limit);
            return decisions(statement);
        } catch (SQLException e) {
            throw new DecisionLogException("could not read the " + limit + " most recent decisions: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<DecisionRecord> ofCouple(String couple, String owner) {
        Database.requireText(couple, "couple");
        // The couple is a pseudonym of two people: it stays out of messages like the data does.
        return select("couple", couple, owner, "the decisions of a couple");
    }

    @Override
    public List<DecisionRecord> ofSubject(String subject, String owner) {
        Database.requireText(subject, "subject");
        return select("subject", subject, owner, "the decisions of a subject");
    }

    @Override
    public void appendFeedback(List<FeedbackRecord> items) {
        if (items.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO feedback (id, decision_id, received_at, position, card, rules, outcome, done,"
                + " reason, user_comment, outcome_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = database.connection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int position = 0;
                for (FeedbackRecord item : items) {
                    statement.setString(1, UUID.randomUUID().toString());
                    statement.setString(2, item.decisionId());
                    statement.setString(3, item.receivedAt());
                    statement.setInt(4, position++);
                    statement.setString(5, item.card());
                    statement.setString(6, String.join(",", item.rules()));
                    statement.setString(7, item.outcome());
                    statement.setBoolean(8, item.done());
                    statement.setString(9, item.reason());
                    statement.setString(10, item.userComment());
                    statement.setString(11, item.outcomeAt());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not store feedback on decision " + items.get(0).decisionId() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<FeedbackRecord> feedback(String decisionId) {
        Database.requireText(decisionId, "decisionId");
        return readFeedback(" WHERE decision_id = ?", decisionId, "the feedback on decision " + decisionId);
    }

    @Override
    public List<FeedbackRecord> allFeedback() {
        return readFeedback("", null, "the feedback");
    }

    private List<FeedbackRecord> readFeedback(String where, String key, String what) {
        String sql = "SELECT decision_id, card, rules, outcome, done, reason, user_comment, outcome_at, received_at"
                + " FROM feedback" + where + " ORDER BY received_at, decision_id, position";
        List<FeedbackRecord> items = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (key != null) {
                statement.setString(1, key);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String rules = row.getString(3);
                    items.add(new FeedbackRecord(row.getString(1), row.getString(2),
                            rules.isEmpty() ? List.of() : List.of(rules.split(",")), row.getString(4),
                            row.getBoolean(5), row.getString(6), row.getString(7), row.getString(8),
                            row.getString(9)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new DecisionLogException("could not read " + what + ": " + e.getMessage(), e);
        }
    }

    /** Every decision row {@code statement} selects ({@link #COLUMNS}), in its order. */
    private List<DecisionRecord> decisions(PreparedStatement statement) throws SQLException {
        List<DecisionRecord> records = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                records.add(read(row));
            }
        }
        return records;
    }

    /** The decisions whose {@code column} (a constant of this class) is {@code key}, oldest first. */
    private List<DecisionRecord> select(String column, String key, String owner, String what) {
        String sql = "SELECT " + COLUMNS + " FROM decisions WHERE " + column + " = ?"
                + (owner == null ? "" : " AND owner = ?") + " ORDER BY created_at, id";
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            if (owner != null) {
                statement.setString(2, owner);
            }
            return decisions(statement);
        } catch (SQLException e) {
            // A subject's history is read on the way to a decision (its previous assessment): a database that
            // cannot be read is an outage like one that cannot be written, reported once, not per request.
            outage.failed(0, e.getMessage());
            throw new DecisionLogException("could not read " + what + ": " + e.getMessage(), e, true);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The rows are deleted, not marked, and this returns once nothing of them is left in the tables'
     * pages: on SQLite, {@code secure_delete} overwrites them and the WAL is checkpointed and truncated;
     * on PostgreSQL, the table is vacuumed, so no dead tuple or index entry keeps them (what that does
     * not cover is in {@code Dialect.POSTGRESQL.afterErase}). Concurrent erasures share that follow-up.
     */
    @Override
    public int eraseSubject(String subject, String owner) {
        Database.requireText(subject, "subject");
        // The subject is a person's id: it stays out of messages like the data does.
        return owner == null
                ? erase("subject = ?", List.of(subject), "the decisions of a subject")
                : erase("subject = ? AND owner = ?", List.of(subject, owner), "the decisions of a subject");
    }

    /** {@inheritDoc} See {@link #eraseSubject} for what deletion means here. */
    @Override
    public boolean erase(String id) {
        Database.requireText(id, "id");
        return erase("id = ?", List.of(id), "decision " + id) > 0;
    }

    /**
     * Deletes (and commits), then waits for the dialect's follow-up, shared with concurrent erasures;
     * the connection goes back to the pool in between, so waiting erasures hold none.
     */
    private int erase(String where, List<String> keys, String what) {
        int deleted;
        try (Connection connection = database.connection()) {
            // The decisions' feedback goes with them, in the same transaction.
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                dialect.lockCounts(connection);
                deleted = delete(connection, where, "decision_id IN (SELECT id FROM decisions WHERE " + where + ")",
                        new ArrayList<>(keys));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not erase " + what + ": " + e.getMessage(), e);
        }
        if (deleted > 0) {
            try {
                afterErase.await();
            } catch (SQLException e) {
                throw new DecisionLogException("erased " + what + ", but could not clear what the database keeps of "
                        + "it: " + e.getMessage(), e);
            }
        }
        return deleted;
    }

    /**
     * Deletes the decisions {@code where} selects (its {@code values} bound to it and to
     * {@code feedbackWhere} alike) with their feedback, in the caller's transaction, and rebuilds the
     * postings of the batches their keys were in: no posting may still say that a key occurs in a batch
     * that lost its last holder. Their keys and counts go by the deletion triggers.
     *
     * @param feedbackWhere selects the same decisions' feedback (feedback has no foreign key)
     * @return how many decisions were deleted
     */
    private int delete(Connection connection, String where, String feedbackWhere, List<Object> values)
            throws SQLException {
        Set<Long> batches = keySets.batchesOf(connection, where, values);
        try (PreparedStatement feedback = connection.prepareStatement("DELETE FROM feedback WHERE " + feedbackWhere);
             PreparedStatement decisions = connection.prepareStatement("DELETE FROM decisions WHERE " + where)) {
            dialect.bind(feedback, values);
            feedback.executeUpdate();
            dialect.bind(decisions, values);
            int deleted = decisions.executeUpdate();
            keySets.repost(connection, batches);
            return deleted;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The probe asks the pool for a connection and checks it is valid: it proves the database answers,
     * not that a write would commit (a SQLite file on a full disk still answers); under traffic the
     * decisions themselves keep the outage open until one commits. One caller probes at a time; the
     * others get the state as it is.
     */
    @Override
    public Availability availability() {
        Availability state = outage.state();
        if (state.writable() || outage.idleNanos() < PROBE_AFTER_NANOS || !probing.tryLock()) {
            return state;
        }
        try {
            try (Connection connection = database.connection()) {
                if (connection.isValid(1)) {
                    outage.succeeded();
                } else {
                    outage.failed(0, "the database did not answer a validity check");
                }
            } catch (SQLException e) {
                outage.failed(0, e.getMessage());
            }
            return outage.state();
        } finally {
            probing.unlock();
        }
    }

    @Override
    public Stats stats() {
        return writer.stats();
    }

    /** Commits every queued decision and stops the writer; appends after this throw. Idempotent. */
    void close() {
        writer.close();
        flusher.close();
        if (checkpoints != null) {
            checkpoints.close();
        }
    }

    /** The group-commit transaction: inserts the batch, skipping ids that already exist, and commits. */
    private boolean[] insert(List<IndexedDecision> decisions) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(INSERT_DECISION)) {
                for (IndexedDecision decision : decisions) {
                    DecisionRecord record = decision.record();
                    statement.setString(1, record.id());
                    dialect.bindInstant(statement, 2, decision.createdAt());
                    statement.setString(3, record.rulesetVersion());
                    statement.setString(4, record.subject());
                    statement.setString(5, record.couple());
                    statement.setString(6, record.partner());
                    statement.setString(7, record.owner());
                    statement.setString(8, record.answersJson());
                    statement.setString(9, record.planJson());
                    statement.setString(10, record.traceJson());
                    statement.setString(11, decision.keys().path());
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                if (counts.length != decisions.size()) {
                    throw new SQLException("the database reported " + counts.length + " results for a batch of "
                            + decisions.size() + " decisions");
                }
                boolean[] inserted = new boolean[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0 && counts[i] != 1) {
                        // Without a count, a duplicate id could not be told from a stored decision.
                        throw new SQLException("the database reported update count " + counts[i]
                                + " for decision " + decisions.get(i).record().id() + "; expected 0 or 1");
                    }
                    inserted[i] = counts[i] == 1;
                }
                List<IndexedDecision> stored = new ArrayList<>(decisions.size());
                for (int i = 0; i < inserted.length; i++) {
                    if (inserted[i]) {
                        stored.add(decisions.get(i));
                    }
                }
                keySets.insert(connection, stored);
                addCounts(connection, stored);
                connection.commit();
                flusher.appended(stored.size());
                if (checkpoints != null) {
                    checkpoints.committed();
                }
                return inserted;
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            }
        }
    }

    /**
     * Adds the decisions to their days' counts and their paths'; their rule and card keys are counted as
     * a flush numbers their batch ({@link KeySets#flush}).
     */
    private void addCounts(Connection connection, List<IndexedDecision> stored) throws SQLException {
        Map<DayCounts.Key, Long> added = new TreeMap<>();
        for (IndexedDecision decision : stored) {
            LocalDate day = LocalDate.ofInstant(decision.createdAt(), ZoneOffset.UTC);
            added.merge(new DayCounts.Key(day, DayCounts.DECISION, ""), 1L, Long::sum);
            if (decision.keys().path() != null) {
                added.merge(new DayCounts.Key(day, DayCounts.PATH, decision.keys().path()), 1L, Long::sum);
            }
        }
        DayCounts.add(connection, dialect, added);
    }

    /**
     * Posts and counts the keys of at most {@code limit} of the oldest pending decisions, as the writer
     * does between commits; for tests.
     *
     * @return how many decisions' keys were posted
     */
    int flushPendingKeys(int limit) {
        try (Connection connection = database.connection()) {
            int moved = 0;
            int last;
            do {
                last = keySets.flush(connection, Math.min(KeyFlusher.BATCH, limit - moved));
                moved += last;
            } while (last > 0 && moved < limit);
            return moved;
        } catch (SQLException e) {
            throw new DecisionLogException("could not flush the pending keys: " + e.getMessage(), e);
        }
    }

    /** Stops (or lets again) the writer moving pending keys by itself; for tests that need them kept. */
    void holdPendingKeys(boolean hold) {
        flusher.hold(hold);
    }

    /** How many decisions' keys wait in the pending list; for tests. */
    long pendingKeys() {
        try (Connection connection = database.connection()) {
            return keySets.pending(connection);
        } catch (SQLException e) {
            throw new DecisionLogException("could not count the pending keys: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a rule or card filter, the decisions are read through that key's postings, newest first,
     * and the scan stops at the page's end ({@link KeyedQuery}); without one, through the decisions'
     * time index.
     */
    @Override
    public List<DecisionSummary> query(DecisionQuery query) {
        List<KeyedQuery.Key> keys = new ArrayList<>();
        if (query.rule() != null) {
            keys.add(new KeyedQuery.Key(DayCounts.RULE, query.rule()));
        }
        if (query.card() != null) {
            keys.add(new KeyedQuery.Key(DayCounts.CARD, query.card()));
        }
        try (Connection connection = database.connection()) {
            if (keys.isEmpty()) {
                return KeyedQuery.read(connection, dialect, new StringBuilder("SELECT d.id, d.created_at,"
                        + " d.ruleset_version, d.path FROM decisions d WHERE 1 = 1"), new ArrayList<>(), query,
                        "d.created_at", "d.id");
            }
            return inSnapshot(connection, () -> keyed.page(connection, query, keys));
        } catch (SQLException e) {
            throw new DecisionLogException("could not query the decisions: " + e.getMessage(), e);
        }
    }

    /** Reads of several statements that must see one committed state. */
    @FunctionalInterface
    private interface Reads<T> {
        T read() throws SQLException;
    }

    /**
     * Runs {@code reads} in one snapshot ({@link Dialect#beginSnapshot}): the indexed and the pending keys
     * read in two statements, which a flush in between would otherwise show twice or not at all.
     */
    private <T> T inSnapshot(Connection connection, Reads<T> reads) throws SQLException {
        dialect.beginSnapshot(connection);
        try {
            T result = reads.read();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            Database.rollback(connection, e);
            throw e;
        } finally {
            dialect.endSnapshot(connection);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Whole UTC days of the period are read from the per-day counts ({@code decision_counts}, one row
     * per day and key); only the partial days at its edges are counted from the decisions themselves.
     * So a month costs about what a day does, and the counts equal what counting the rows would give.
     * The rules and cards of the newest decisions, still pending ({@link KeySets}), are counted from
     * their rows, read in the same snapshot.
     */
    @Override
    public DecisionCounts counts(Instant from, Instant to) {
        Instant start = from == null ? null : from.truncatedTo(ChronoUnit.MICROS);
        Instant end = to == null ? null : to.truncatedTo(ChronoUnit.MICROS);
        // Whole days: from the first midnight at or after start to the last midnight at or before end.
        LocalDate firstDay = start == null ? null : LocalDate.ofInstant(start.minusNanos(1000), ZoneOffset.UTC)
                .plusDays(1);
        LocalDate endDay = end == null ? null : LocalDate.ofInstant(end, ZoneOffset.UTC);
        DayCounts.Tally tally = new DayCounts.Tally();
        try (Connection connection = database.connection()) {
            inSnapshot(connection, () -> {
                if (firstDay != null && endDay != null && !firstDay.isBefore(endDay)) {
                    countRows(connection, start, end, tally);
                } else {
                    if (start != null && start.isBefore(midnight(firstDay))) {
                        countRows(connection, start, midnight(firstDay), tally);
                    }
                    countDays(connection, firstDay, endDay, tally);
                    keySets.tally(connection, firstDay == null ? null : midnight(firstDay),
                            endDay == null ? null : midnight(endDay), true, tally);
                    if (end != null && midnight(endDay).isBefore(end)) {
                        countRows(connection, midnight(endDay), end, tally);
                    }
                }
                return tally;
            });
        } catch (SQLException e) {
            throw new DecisionLogException("could not count the decisions: " + e.getMessage(), e);
        }
        return tally.counts();
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Adds the per-day counts of the days {@code [firstDay, endDay)}; null is open. */
    private void countDays(Connection connection, LocalDate firstDay, LocalDate endDay, DayCounts.Tally tally)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT kind, value, SUM(n) FROM decision_counts WHERE 1 = 1");
        if (firstDay != null) {
            sql.append(" AND day >= ?");
        }
        if (endDay != null) {
            sql.append(" AND day < ?");
        }
        sql.append(" GROUP BY kind, value");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (firstDay != null) {
                dialect.bindDay(statement, index++, firstDay);
            }
            if (endDay != null) {
                dialect.bindDay(statement, index, endDay);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    tally.add(row.getString(1), row.getString(2), row.getLong(3));
                }
            }
        }
    }

    /**
     * Adds the decisions of {@code [from, to)} (both given: at most a partial day) counted row by row,
     * through the decisions' time index.
     */
    private void countRows(Connection connection, Instant from, Instant to, DayCounts.Tally tally)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT path, COUNT(*) FROM decisions WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        Dialect.period(sql, values, "created_at", from, to);
        sql.append(" GROUP BY path");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            dialect.bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    tally.add(DayCounts.DECISION, "", row.getLong(2));
                    if (row.getString(1) != null) {
                        tally.add(DayCounts.PATH, row.getString(1), row.getLong(2));
                    }
                }
            }
        }
        keySets.tally(connection, from, to, false, tally);
    }

    @Override
    public void export(Instant from, Instant to, Consumer<DecisionRecord> sink) {
        DecisionRecord last = null;
        while (true) {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM decisions WHERE 1 = 1");
            List<Object> values = new ArrayList<>();
            Dialect.period(sql, values, "created_at", from, to);
            if (last != null) {
                sql.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
                values.add(last.createdAt());
                values.add(last.createdAt());
                values.add(last.id());
            }
            sql.append(" ORDER BY created_at, id LIMIT ?");
            values.add(EXPORT_PAGE);
            List<DecisionRecord> page = new ArrayList<>(EXPORT_PAGE);
            try (Connection connection = database.connection();
                 PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                dialect.bind(statement, values);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        page.add(read(row));
                    }
                }
            } catch (SQLException e) {
                throw new DecisionLogException("could not export the decisions: " + e.getMessage(), e);
            }
            // The connection is back in the pool while the sink writes.
            page.forEach(sink);
            if (page.size() < EXPORT_PAGE) {
                return;
            }
            last = page.get(page.size() - 1);
        }
    }

    @Override
    public long expired() {
        return expired.get();
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batch) {
        if (batch < 1 || batch > MAX_DELETE_BATCH) {
            // Each id of a batch is one bound parameter; SQLite takes at most 32,766 in a statement.
            throw new IllegalArgumentException("batch must be 1 to " + MAX_DELETE_BATCH + ", was " + batch);
        }
        int deleted;
        try (Connection connection = database.connection()) {
            // One transaction, so that the per-day counts lose exactly what the batch deleted.
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            // The batch's ids first, so that its feedback is found by them (feedback has no foreign key),
            // not by reading every decision's id inside the transaction that holds the counts.
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM decisions WHERE created_at < ?"
                     + " ORDER BY created_at, id LIMIT ?")) {
                dialect.lockCounts(connection);
                dialect.bindInstant(select, 1, cutoff.truncatedTo(ChronoUnit.MICROS));
                select.setInt(2, batch);
                List<String> ids = new ArrayList<>(batch);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getString(1));
                    }
                }
                deleted = 0;
                if (!ids.isEmpty()) {
                    String in = " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
                    deleted = delete(connection, "id" + in, "decision_id" + in, new ArrayList<>(ids));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not delete the decisions older than " + cutoff + ": "
                    + e.getMessage(), e);
        }
        expired.addAndGet(deleted);
        if (deleted > 0) {
            try {
                afterErase.await();
            } catch (SQLException e) {
                throw new DecisionLogException("deleted " + deleted + " expired decisions, but could not clear what "
                        + "the database keeps of them: " + e.getMessage(), e);
            }
        }
        return deleted;
    }

    private DecisionRecord read(ResultSet row) throws SQLException {
        return new DecisionRecord(
                row.getString(1),
                dialect.readInstant(row, 2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getString(9),
                row.getString(10));
    }

    private static void check(DecisionRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("decision record is null");
        }
        String id = record.id();
        Database.requireText(id, "decision id");
        require(id, "createdAt", record.createdAt());
        require(id, "rulesetVersion", record.rulesetVersion());
        require(id, "answersJson", record.answersJson());
        require(id, "planJson", record.planJson());
        require(id, "traceJson", record.traceJson());
        String[] names = {"id", "rulesetVersion", "subject", "couple", "partner", "owner",
            "answersJson", "planJson", "traceJson"};
        String[] values = {id, record.rulesetVersion(), record.subject(), record.couple(), record.partner(),
            record.owner(), record.answersJson(), record.planJson(), record.traceJson()};
        for (int i = 0; i < names.length; i++) {
            refuseNul(id, names[i], values[i]);
        }
    }

    /**
     * Keys handed in with a decision are checked here, on the caller's thread, as the record is: a key the
     * database cannot hold would fail the writer's whole transaction, refusing every decision in its batch
     * and reporting the log unavailable.
     */
    private static void check(String id, DecisionKeys keys) {
        if (keys == null) {
            throw new IllegalArgumentException("decision " + id + " has no keys: pass DecisionCodec.keys"
                    + " of its decision, or append the record alone to have them read from its JSON");
        }
        refuseNul(id, "its path key", keys.path());
        checkKeys(id, "rules", keys.rules());
        checkKeys(id, "cards", keys.cards());
    }

    private static void checkKeys(String id, String kind, Set<String> values) {
        if (values == null) {
            throw new IllegalArgumentException("decision " + id + " cannot be stored: its " + kind + " keys are "
                    + "missing; pass an empty set for none");
        }
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException("decision " + id + " cannot be stored: one of its " + kind
                        + " keys is null");
            }
            refuseNul(id, "one of its " + kind + " keys", value);
            if (!KeySets.packable(value)) {
                throw new IllegalArgumentException("decision " + id + " cannot be stored: one of its " + kind
                        + " keys contains a line break, which no rule or card id holds");
            }
        }
    }

    /** A field or key the decision is stored with; null passes (whether it may be null is checked apart). */
    private static void refuseNul(String id, String what, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("decision " + id.replace('\0', '?') + " cannot be stored: " + what
                    + " contains a NUL character, which PostgreSQL text cannot hold");
        }
    }

    private static void require(String id, String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("decision " + id + " cannot be stored: " + field + " is missing");
        }
    }

}
