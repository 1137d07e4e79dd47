package org.rekindle.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import org.postgresql.PGConnection;

import org.rekindle.audit.Database;
import org.rekindle.audit.DbSetting;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionKeys;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.RuleBook;

/**
 * Fills a decision log straight into its tables, for measuring queries over a million decisions when
 * appending them one by one through the group commit would take hours on this machine.
 *
 * <p>The rows are what the log itself would store: each is {@link DecisionCodec#write} of a real
 * evaluation (every answer set of {@link BenchData#everyAnswerSet}, drawn at random), spread evenly over
 * the period; its row of {@code decision_key_sets}, its batch's postings and its share of
 * {@code decision_counts} come from {@link DecisionCodec#keys}, the derivation the log's append uses, so
 * that a query or a count reads here exactly what it would read after real appends and flushes. What the
 * fill knows of the storage layout (the kinds {@code r}, {@code c}, {@code d}, {@code p}; the packed keys;
 * batches of 128 in time order; the UTC day; SQLite's timestamp text) is the migrations' documented
 * schema (V17); {@link #check} compares a sample of the counts with the rows.
 *
 * <p>PostgreSQL: {@code COPY} in chunks, with {@code session_replication_role = replica} for the
 * session (the key sets' foreign-key checks are skipped: the fill writes a decision before its keys).
 * SQLite: batched inserts, one transaction per chunk, {@code synchronous=OFF} for the fill's
 * connection. The fill is not crash-safe; a failed fill is dropped and started again.
 */
final class BulkFill {

    /** Decisions written per transaction (PostgreSQL: per COPY): whole batches of keys. */
    private static final int CHUNK = 16 * 128;
    /** Decisions per batch of keys, as the log's flush numbers them. */
    private static final int BATCH = 128;
    private static final String PLACEHOLDER_ID = "00000000-0000-0000-0000-0000000b0f11";
    private static final Instant PLACEHOLDER_AT = Instant.parse("1999-09-09T09:09:09.909090Z");
    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String url;
    private final boolean postgres;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Answers> answers = new ArrayList<>();
    /** Per answer set: its row with {@link #PLACEHOLDER_ID} and {@link #PLACEHOLDER_AT}, and its keys. */
    private final List<DecisionRecord> templates = new ArrayList<>();
    private final List<DecisionKeys> templateKeys = new ArrayList<>();
    /** The rules of the bench's ruleset, which a row of today's form leaves out of each firing. */
    private final RuleBook rules;

    BulkFill(String setting) {
        this.url = DbSetting.parse(setting).jdbcUrl();
        this.postgres = url.startsWith("jdbc:postgresql:");
        BenchData data = BenchData.load();
        this.rules = data.ruleset().ruleBook();
        for (Answers set : data.everyAnswerSet().values()) {
            answers.add(set);
            decisions.add(Engine.evaluate(data.ruleset(), set));
            int index = templates.size();
            templates.add(DecisionCodec.write(PLACEHOLDER_ID, PLACEHOLDER_AT, decisions.get(index), set,
                    new DecisionCodec.Parties(null, null, null, null), sent(index), rules));
            templateKeys.add(DecisionCodec.keys(templates.get(index)));
        }
    }

    /** How many distinct answer sets the rows are drawn from. */
    int answerSets() {
        return decisions.size();
    }

    /**
     * Writes decisions {@code from} to {@code to - 1} of {@code count} spread over {@code [end - span,
     * end)}, with their keys and counts. The schema must exist ({@link Database#open} migrates it).
     */
    void fill(int from, int to, int count, Instant end, Duration span) throws SQLException, IOException {
        verify(from, to, count, end, span);
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(postgres ? "SET session_replication_role = replica" : "PRAGMA synchronous = OFF");
            }
            Map<String, Long> counts = new TreeMap<>();
            long started = System.nanoTime();
            for (int chunk = from; chunk < to; chunk += CHUNK) {
                int first = chunk;
                int last = Math.min(to, chunk + CHUNK);
                List<DecisionRecord> rows = IntStream.range(first, last).parallel()
                        .mapToObj(i -> record(i, count, end, span)).toList();
                List<DecisionKeys> keys = IntStream.range(first, last)
                        .mapToObj(i -> templateKeys.get(new Random(i).nextInt(decisions.size()))).toList();
                List<Posting> postings = postings(first, rows, keys);
                if (postgres) {
                    copy(connection, first, rows, keys, postings);
                } else {
                    insert(connection, first, rows, keys, postings);
                }
                for (int i = 0; i < rows.size(); i++) {
                    tally(counts, rows.get(i), keys.get(i));
                }
                if ((last - from) % 50_000 < CHUNK || last == to) {
                    System.out.printf("  %,d of %,d decisions written (%.0f s)%n", last - from, to - from,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            addCounts(connection, counts);
            if (postgres) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT setval('decision_key_batch', (SELECT MAX(batch) FROM decision_key_sets)"
                            + " + 1, false)");
                }
            }
        }
    }

    /** A key's posting in a batch: the times of the batch's first and last decisions holding it. */
    private record Posting(String kind, String value, long batch, Instant firstAt, Instant lastAt) {
    }

    /** Decision {@code i}'s batch, numbered from 1 in time order. */
    private static long batch(int i) {
        return i / BATCH + 1;
    }

    /** The postings of the rows {@code first} onwards, one per key and batch, as a flush writes them. */
    private static List<Posting> postings(int first, List<DecisionRecord> rows, List<DecisionKeys> keys) {
        Map<String, Posting> postings = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            long batch = batch(first + i);
            Instant at = rows.get(i).createdAt();
            for (String key : packed(keys.get(i)).split("\n")) {
                if (!key.isEmpty()) {
                    Posting only = new Posting(key.substring(0, 1), key.substring(1), batch, at, at);
                    postings.merge(batch + "\t" + key, only,
                            (a, b) -> new Posting(a.kind(), a.value(), batch, a.firstAt(), b.lastAt()));
                }
            }
        }
        return List.copyOf(postings.values());
    }

    /** A decision's keys as {@code decision_key_sets.packed} holds them: kind letter and id, one per line. */
    private static String packed(DecisionKeys keys) {
        StringBuilder packed = new StringBuilder("\n");
        keys.rules().forEach(rule -> packed.append('r').append(rule).append('\n'));
        keys.cards().forEach(card -> packed.append('c').append(card).append('\n'));
        return packed.toString();
    }

    /**
     * Decision {@code i}: an answer set drawn by {@code i}, at its place in the period. Writing the JSON of
     * a million decisions costs about a millisecond each here, so each answer set's row is written once,
     * with a placeholder id and time, and row {@code i} is that text with its own id and time put in
     * (both appear in the plan; the keys do not depend on them). {@link #verify} checks that this equals
     * {@link DecisionCodec#write} for a sample.
     */
    private DecisionRecord record(int i, int count, Instant end, Duration span) {
        Random random = new Random(i);
        int set = random.nextInt(decisions.size());
        Instant at = end.minus(span).plusNanos((long) ((double) i / count * span.toNanos()))
                .truncatedTo(ChronoUnit.MICROS);
        String id = new UUID(0x13L, i).toString();
        String subject = "subject-" + random.nextInt(count / 3 + 1);
        DecisionRecord template = templates.get(set);
        return new DecisionRecord(id, at, template.rulesetVersion(), subject, null, null, null,
                template.answersJson(), put(template.planJson(), id, at), put(template.traceJson(), id, at));
    }

    private static String put(String json, String id, Instant at) {
        return json.replace(PLACEHOLDER_ID, id).replace("\"" + PLACEHOLDER_AT + "\"", "\"" + at + "\"");
    }

    /** {@link #record} against {@link DecisionCodec#write} of the same decision, id, time and subject. */
    private DecisionRecord written(int i, int count, Instant end, Duration span) {
        Random random = new Random(i);
        int set = random.nextInt(decisions.size());
        DecisionRecord row = record(i, count, end, span);
        return DecisionCodec.write(row.id(), row.createdAt(), decisions.get(set), answers.get(set),
                new DecisionCodec.Parties(row.subject(), null, null, null), sent(set), rules);
    }

    /** The hash of what the app was sent: of the same length as a real one, not of a real reply. */
    private static StoredDecision.Sent sent(int set) {
        return StoredDecision.Sent.of("plan", new byte[] {(byte) set, (byte) (set >> 8)});
    }

    private void verify(int from, int to, int count, Instant end, Duration span) {
        for (int i = from; i < to; i += Math.max(1, (to - from) / 50)) {
            DecisionRecord row = record(i, count, end, span);
            if (!row.equals(written(i, count, end, span))) {
                throw new IllegalStateException("the bulk fill's row " + i + " differs from DecisionCodec.write");
            }
            if (!DecisionCodec.keys(row).equals(templateKeys.get(new Random(i).nextInt(decisions.size())))) {
                throw new IllegalStateException("the bulk fill's keys of row " + i + " differ from DecisionCodec.keys");
            }
        }
    }

    /** A decision to append through the log now, with an id of its own, drawn like the fill's. */
    DecisionRecord fresh(Random random, Instant at) {
        int set = random.nextInt(decisions.size());
        String id = UUID.randomUUID().toString();
        return DecisionCodec.write(id, at.truncatedTo(ChronoUnit.MICROS), decisions.get(set), answers.get(set),
                new DecisionCodec.Parties("subject-" + random.nextInt(1_000_000), null, null, null),
                StoredDecision.Sent.of("plan", id.getBytes(StandardCharsets.UTF_8)), rules);
    }

    /** Adds a decision to the per-day counts as the log's append does: one per decision, path, rule, card. */
    private static void tally(Map<String, Long> counts, DecisionRecord record, DecisionKeys keys) {
        String day = LocalDate.ofInstant(record.createdAt(), ZoneOffset.UTC).toString();
        counts.merge(day + "\td\t", 1L, Long::sum);
        if (keys.path() != null) {
            counts.merge(day + "\tp\t" + keys.path(), 1L, Long::sum);
        }
        keys.rules().forEach(rule -> counts.merge(day + "\tr\t" + rule, 1L, Long::sum));
        keys.cards().forEach(card -> counts.merge(day + "\tc\t" + card, 1L, Long::sum));
    }

    private void copy(Connection connection, int first, List<DecisionRecord> rows, List<DecisionKeys> keys,
            List<Posting> postings) throws SQLException, IOException {
        StringBuilder decisionRows = new StringBuilder();
        StringBuilder setRows = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            DecisionRecord r = rows.get(i);
            String at = r.createdAt().toString();
            copyRow(decisionRows, r.id(), at, r.rulesetVersion(), r.subject(), r.couple(), r.partner(), r.owner(),
                    r.answersJson(), r.planJson(), r.traceJson(), keys.get(i).path());
            copyRow(setRows, r.id(), at, packed(keys.get(i)), Long.toString(batch(first + i)));
        }
        StringBuilder postingRows = new StringBuilder();
        for (Posting posting : postings) {
            copyRow(postingRows, posting.kind(), posting.value(), posting.lastAt().toString(),
                    Long.toString(posting.batch()), posting.firstAt().toString());
        }
        var copier = connection.unwrap(PGConnection.class).getCopyAPI();
        copier.copyIn("COPY decisions (id, created_at, ruleset_version, subject, couple, partner, owner,"
                + " answers_json, plan_json, trace_json, path) FROM STDIN", new StringReader(decisionRows.toString()));
        copier.copyIn("COPY decision_key_sets (decision_id, created_at, packed, batch) FROM STDIN",
                new StringReader(setRows.toString()));
        copier.copyIn("COPY decision_key_postings (kind, value, last_at, batch, first_at) FROM STDIN",
                new StringReader(postingRows.toString()));
    }

    /** One line of COPY's text format. */
    private static void copyRow(StringBuilder out, String... fields) {
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                out.append('\t');
            }
            copyField(out, fields[f]);
        }
        out.append('\n');
    }

    /** A field in COPY's text format: {@code \N} for null, backslash, tab and line breaks escaped. */
    private static void copyField(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static void insert(Connection connection, int first, List<DecisionRecord> rows,
            List<DecisionKeys> keys, List<Posting> postings) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement decision = connection.prepareStatement("INSERT INTO decisions (id, created_at,"
                + " ruleset_version, subject, couple, partner, owner, answers_json, plan_json, trace_json, path)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement set = connection.prepareStatement("INSERT INTO decision_key_sets (decision_id,"
                     + " created_at, packed, batch) VALUES (?, ?, ?, ?)");
             PreparedStatement post = connection.prepareStatement("INSERT INTO decision_key_postings (kind, value,"
                     + " last_at, batch, first_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                DecisionRecord r = rows.get(i);
                String at = SQLITE_TIME.format(r.createdAt());
                String[] fields = {r.id(), at, r.rulesetVersion(), r.subject(), r.couple(), r.partner(), r.owner(),
                    r.answersJson(), r.planJson(), r.traceJson(), keys.get(i).path()};
                for (int f = 0; f < fields.length; f++) {
                    decision.setString(f + 1, fields[f]);
                }
                decision.addBatch();
                set.setString(1, r.id());
                set.setString(2, at);
                set.setString(3, packed(keys.get(i)));
                set.setLong(4, batch(first + i));
                set.addBatch();
            }
            for (Posting posting : postings) {
                post.setString(1, posting.kind());
                post.setString(2, posting.value());
                post.setString(3, SQLITE_TIME.format(posting.lastAt()));
                post.setLong(4, posting.batch());
                post.setString(5, SQLITE_TIME.format(posting.firstAt()));
                post.addBatch();
            }
            decision.executeBatch();
            set.executeBatch();
            post.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void addCounts(Connection connection, Map<String, Long> counts) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO decision_counts (day, kind,"
                + " value, n) VALUES (?, ?, ?, ?) ON CONFLICT (day, kind, value) DO UPDATE SET"
                + " n = decision_counts.n + excluded.n")) {
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                String[] key = count.getKey().split("\t", -1);
                bindDay(statement, 1, key[0]);
                statement.setString(2, key[1]);
                statement.setString(3, key[2]);
                statement.setLong(4, count.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void bindDay(PreparedStatement statement, int index, String day) throws SQLException {
        if (postgres) {
            statement.setObject(index, LocalDate.parse(day));
        } else {
            statement.setString(index, day);
        }
    }

    /**
     * Compares {@code samples} per-day counts, drawn at random, and the total of decisions, with counting
     * the rows; throws on the first difference. Returns what was compared, for the report.
     */
    String check(int samples) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            List<String[]> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    // The days are UTC days: the date bounds below are midnights in UTC.
                    statement.execute("SET TIME ZONE 'UTC'");
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT day, kind, value, n FROM decision_counts"
                         + " ORDER BY random() LIMIT " + samples)) {
                while (row.next()) {
                    rows.add(new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)});
                }
            }
            String period = postgres
                    ? "created_at >= ?::date AND created_at < ?::date + 1"
                    : "created_at >= ? AND created_at < date(?, '+1 day')";
            for (String[] count : rows) {
                String sql = switch (count[1]) {
                    case "d" -> "SELECT COUNT(*) FROM decisions WHERE " + period + " AND '' = ?";
                    case "p" -> "SELECT COUNT(*) FROM decisions WHERE " + period + " AND path = ?";
                    default -> "SELECT COUNT(*) FROM decision_key_sets WHERE " + period + " AND "
                            + (postgres ? "strpos" : "instr") + "(packed, ?) > 0";
                };
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, count[0]);
                    statement.setString(2, count[0]);
                    statement.setString(3, count[1].equals("d") || count[1].equals("p") ? count[2]
                            : "\n" + count[1] + count[2] + "\n");
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        if (row.getLong(1) != Long.parseLong(count[3])) {
                            throw new IllegalStateException("decision_counts " + String.join("/", count)
                                    + " but the rows count " + row.getLong(1));
                        }
                    }
                }
            }
            long counted;
            long total;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT (SELECT COUNT(*) FROM decisions),"
                         + " (SELECT SUM(n) FROM decision_counts WHERE kind = 'd')")) {
                row.next();
                counted = row.getLong(1);
                total = row.getLong(2);
            }
            if (counted != total) {
                throw new IllegalStateException("decision_counts sum to " + total + " decisions, the table has "
                        + counted);
            }
            return rows.size() + " per-day counts drawn at random and the total (" + counted
                    + " decisions) equal counting the rows";
        }
    }
}
