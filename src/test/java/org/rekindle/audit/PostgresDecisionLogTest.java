package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.rekindle.decision.DecisionRecord;
import org.rekindle.testing.PostgresTestDatabase;

/**
 * The decision log contract on PostgreSQL, each test in a schema of its own. Skipped with a
 * message when no server is reachable, failed instead when {@code REKINDLE_REQUIRE_PG=1}.
 */
class PostgresDecisionLogTest extends DecisionLogContract {

    private PostgresTestDatabase database;

    @Override
    String createDatabase() {
        database = PostgresTestDatabase.create();
        return database.jdbcUrl();
    }

    @Override
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    Connection connect() throws SQLException {
        return database.connect();
    }

    /**
     * The erasure guarantee on PostgreSQL, checked on the pages themselves: once {@code eraseSubject}
     * returns, no tuple (live or dead) of the decisions table, of its TOAST table or of any of its
     * indexes holds the pseudonym or the answers. Read with pageinspect's {@code heap_page_items} and
     * {@code bt_page_items} over {@code get_raw_page}, which show dead tuples and index entries that SQL
     * cannot see; a plain DELETE leaves both there (checked too, so that the check can fail). The freed
     * space inside a page is not covered (see {@code Dialect.POSTGRESQL.afterErase}).
     */
    @Test
    void erasureLeavesNoTupleOrIndexEntryOfTheDecisionInAnyPage() throws SQLException {
        try (Connection connection = connect()) {
            requirePageinspect(connection);
            String pseudonym = "pseudonym-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
            // Incompressible, so that the TOAST chunks hold it as it is and the check can see it there.
            String answer = SECRET + " " + pseudonym.substring(10);
            // Base64, not hex: lz4 (the column's compression) finds repeats in hex's 16 symbols, and a repeat
            // within the first 64 characters hid the needle inside a compressed chunk now and then.
            byte[] noise = new byte[12_000];
            new SecureRandom().nextBytes(noise);
            String large = Base64.getEncoder().encodeToString(noise);
            log.append(new DecisionRecord("d-small", T0, "v", pseudonym, pseudonym + "-couple", "a", null,
                    "{\"note\":\"" + answer + "\"}", "{}", "{}"));
            log.append(new DecisionRecord("d-large", T0, "v", pseudonym, null, null, null,
                    "{\"note\":\"" + large + "\"}", "{}", "{}"));
            log.append(record("kept", T0, "someone-else"));
            // A DELETE on its own leaves the rows as dead tuples and index entries: what the vacuum is for.
            log.append(record("deleted-only", T0, pseudonym + "-control"));
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM decisions WHERE id = 'deleted-only'");
            }
            assertThat(tuplesHolding(connection, pseudonym + "-control")).as("a plain DELETE leaves dead tuples")
                    .isNotEmpty();
            assertThat(tuplesHolding(connection, pseudonym)).as("stored before the erasure")
                    .anyMatch(where -> where.startsWith("decisions_subject"))
                    .anyMatch(where -> where.startsWith("decisions:"));
            assertThat(tuplesHolding(connection, answer)).as("answers stored before the erasure").isNotEmpty();
            assertThat(tuplesHolding(connection, large.substring(0, 64))).as("TOASTed before the erasure")
                    .anyMatch(where -> where.startsWith("pg_toast"));

            assertThat(log.eraseSubject(pseudonym, null)).isEqualTo(2);

            assertThat(tuplesHolding(connection, pseudonym)).as("pseudonym (and couple) after the erasure").isEmpty();
            assertThat(tuplesHolding(connection, answer)).as("answers after the erasure").isEmpty();
            assertThat(tuplesHolding(connection, large.substring(0, 64))).as("TOAST after the erasure").isEmpty();
            assertThat(log.find("kept")).isPresent();
        }
    }

    /**
     * The same guarantee for feedback on the cards: the person's own words on an override
     * ({@code userComment}) are in no tuple, live or dead, of the feedback table, its TOAST table or its
     * indexes once the subject is erased. A plain DELETE of another decision's feedback is checked to
     * leave its comment in the pages, so that the check can fail.
     */
    @Test
    void erasureLeavesNoTupleOfTheSubjectsFeedbackInAnyPage() throws SQLException {
        try (Connection connection = connect()) {
            requirePageinspect(connection);
            HexFormat hex = HexFormat.of();
            String pseudonym = "feedback-" + hex.formatHex(new SecureRandom().generateSeed(6));
            String comment = "my own words " + hex.formatHex(new SecureRandom().generateSeed(8));
            String control = "control words " + hex.formatHex(new SecureRandom().generateSeed(8));
            log.append(record("fb-erased", T0, pseudonym));
            log.append(record("fb-deleted-only", T0, "control-" + hex.formatHex(new SecureRandom().generateSeed(6))));
            log.appendFeedback(List.of(feedback("fb-erased", comment)));
            log.appendFeedback(List.of(feedback("fb-deleted-only", control)));
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM feedback WHERE decision_id = 'fb-deleted-only'");
            }
            assertThat(tuplesHolding(connection, "feedback", control)).as("a plain DELETE leaves dead tuples")
                    .isNotEmpty();
            assertThat(tuplesHolding(connection, "feedback", comment)).as("stored before the erasure").isNotEmpty();

            assertThat(log.eraseSubject(pseudonym, null)).isEqualTo(1);

            assertThat(log.feedback("fb-erased")).isEmpty();
            assertThat(tuplesHolding(connection, "feedback", comment)).as("the comment after the erasure").isEmpty();
            assertThat(tuplesHolding(connection, "decisions", pseudonym)).as("the pseudonym after the erasure")
                    .isEmpty();
        }
    }

    /**
     * An erased decision's rule and card keys, posted or still pending, are in no
     * tuple or index entry of those tables: they say which rules fired for it (the private safety screen's
     * among them), and the app that holds its id could read them. A plain DELETE of another decision's keys
     * is checked to leave them in the pages, so that the check can fail.
     */
    @Test
    void erasureLeavesNoKeyOfTheDecisionInAnyPage() throws SQLException {
        try (Connection connection = connect()) {
            requirePageinspect(connection);
            HexFormat hex = HexFormat.of();
            String pseudonym = "keys-" + hex.formatHex(new SecureRandom().generateSeed(6));
            String moved = "moved-" + hex.formatHex(new SecureRandom().generateSeed(6));
            String pending = "pending-" + hex.formatHex(new SecureRandom().generateSeed(6));
            String control = "control-" + hex.formatHex(new SecureRandom().generateSeed(6));
            ((JdbcDecisionLog) log).holdPendingKeys(true);
            log.append(keyedRecord(moved, pseudonym));
            log.append(keyedRecord(control, "someone-else"));
            assertThat(((JdbcDecisionLog) log).flushPendingKeys(10)).isEqualTo(2);
            log.append(keyedRecord(pending, pseudonym));
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM decision_key_sets WHERE decision_id = '" + control + "'");
            }
            assertThat(tuplesHolding(connection, "decision_key_sets", control)).as("a plain DELETE leaves dead tuples")
                    .isNotEmpty();
            assertThat(tuplesHolding(connection, "decision_key_sets", moved)).as("posted keys before the erasure")
                    .isNotEmpty();
            assertThat(tuplesHolding(connection, "decision_key_sets", pending)).as("pending keys before")
                    .isNotEmpty();

            assertThat(log.eraseSubject(pseudonym, null)).isEqualTo(2);

            assertThat(tuplesHolding(connection, "decision_key_sets", moved)).as("posted keys after the erasure").isEmpty();
            assertThat(tuplesHolding(connection, "decision_key_sets", pending)).as("pending keys after").isEmpty();
        }
    }

    /**
     * An erased decision's private rule id is in no page of the postings or the per-day counts, their
     * indexes included, once the postings are of a production size: by default (PostgreSQL 14+) a vacuum
     * of a table with few dead rows skips its indexes, and the counts' dead versions list the keys.
     */
    @Test
    void erasureLeavesNoPrivateKeyInThePagesOfThePostingsOrTheCounts() throws SQLException {
        try (Connection connection = connect()) {
            requirePageinspect(connection);
            HexFormat hex = HexFormat.of();
            String secretRule = "private.screen-" + hex.formatHex(new SecureRandom().generateSeed(6));
            String pseudonym = "keys-" + hex.formatHex(new SecureRandom().generateSeed(6));
            try (Statement statement = connection.createStatement()) {
                // An ordinary production size: some 20,000 postings from earlier batches.
                statement.executeUpdate("INSERT INTO decision_key_postings (kind, value, last_at, batch, first_at)"
                        + " SELECT 'r', 'filler.rule-' || g, now(), 1000000 + g, now()"
                        + " FROM generate_series(1, 20000) g");
                statement.execute("VACUUM ANALYZE decision_key_postings");
            }
            ((JdbcDecisionLog) log).holdPendingKeys(true);
            log.append(new DecisionRecord("erased-one", T0, "v", pseudonym, null, null, null, "{}",
                    "{\"cards\":[{\"id\":\"safety_help\"}]}",
                    "{\"trace\":[{\"ruleId\":\"" + secretRule + "\"},{\"ruleId\":\"common\"}],\"withheld\":[]}"));
            log.append(keyedRecord("kept-one", "someone-else"));
            assertThat(((JdbcDecisionLog) log).flushPendingKeys(10)).isEqualTo(2);
            assertThat(tuplesHolding(connection, "decision_key_postings", secretRule)).as("posted").isNotEmpty();
            assertThat(tuplesHolding(connection, "decision_counts", secretRule)).as("counted").isNotEmpty();

            assertThat(log.eraseSubject(pseudonym, null)).isEqualTo(1);

            List<String> postings = tuplesHolding(connection, "decision_key_postings", secretRule);
            List<String> counts = tuplesHolding(connection, "decision_counts", secretRule);
            assertThat(postings).as("postings after the erasure").isEmpty();
            assertThat(counts).as("counts after the erasure").isEmpty();
        }
    }

    /** The same for the pseudonym in the decisions table's indexes, once the table holds 20,000 decisions. */
    @Test
    void erasureLeavesNoPseudonymInTheIndexesOfALargeDecisionsTable() throws SQLException {
        try (Connection connection = connect()) {
            requirePageinspect(connection);
            String pseudonym = "pseudonym-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO decisions (id, created_at, ruleset_version, subject, answers_json,"
                        + " plan_json, trace_json) SELECT 'f-' || g, now(), 'v', 'filler-subject-' || g, '{}', '{}',"
                        + " '{}'"
                        + " FROM generate_series(1, 20000) g");
                statement.execute("VACUUM ANALYZE decisions");
            }
            log.append(record("erased-one", T0, pseudonym));
            assertThat(tuplesHolding(connection, pseudonym)).isNotEmpty();
            assertThat(log.eraseSubject(pseudonym, null)).isEqualTo(1);
            List<String> left = tuplesHolding(connection, pseudonym);
            assertThat(left).isEmpty();
        }
    }

    private static DecisionRecord keyedRecord(String id, String subject) {
        return new DecisionRecord(id, T0, "v", subject, null, null, null, "{}",
                "{\"cards\":[{\"id\":\"safety_help\"}]}",
                "{\"trace\":[{\"ruleId\":\"safety.screen_positive\"}],\"withheld\":[]}");
    }

    private static FeedbackRecord feedback(String decision, String comment) {
        return new FeedbackRecord(decision, "steps_acknowledge", List.of("steps.acknowledge"), "overridden", false,
                "not_relevant", comment, "2026-11-30T09:00:00Z", "2026-11-30T09:00:01Z");
    }

    private static void requirePageinspect(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            // Database-wide; created once in public, where concurrent test runs share it.
            statement.execute("CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public");
        } catch (SQLException e) {
            String why = "pageinspect is not available on this PostgreSQL server (" + e.getMessage()
                    + "): the page-level erasure checks need it (Debian: postgresql-contrib)";
            if ("1".equals(System.getenv(PostgresTestDatabase.REQUIRE_VARIABLE))) {
                throw new IllegalStateException(why + "; " + PostgresTestDatabase.REQUIRE_VARIABLE + "=1 requires them");
            }
            System.err.println("WARNING: " + why);
            Assumptions.abort(why);
        }
    }

    /**
     * Where {@code text} appears in a tuple of the decisions table, its TOAST table or one of their
     * indexes, live or dead, as {@code relation:page}; index entries are compared as hex.
     */
    private static List<String> tuplesHolding(Connection connection, String text) throws SQLException {
        return tuplesHolding(connection, "decisions", text);
    }

    /** As above, for {@code table} ({@code decisions} or {@code feedback}), its TOAST table and their indexes. */
    private static List<String> tuplesHolding(Connection connection, String table, String text) throws SQLException {
        List<String> places = new ArrayList<>();
        String needle = HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String relations = ("SELECT c.oid::regclass::text, c.relkind, (pg_relation_size(c.oid) / 8192)::int"
                + " FROM pg_class c WHERE c.oid IN ("
                + "  SELECT 'T'::regclass"
                + "  UNION SELECT reltoastrelid FROM pg_class WHERE oid = 'T'::regclass"
                + "  UNION SELECT indexrelid FROM pg_index WHERE indrelid IN ('T'::regclass,"
                + "    (SELECT reltoastrelid FROM pg_class WHERE oid = 'T'::regclass)))").replace("'T'", "'" + table + "'");
        try (Statement statement = connection.createStatement();
             ResultSet relation = statement.executeQuery(relations)) {
            while (relation.next()) {
                String name = relation.getString(1);
                boolean index = "i".equals(relation.getString(2));
                int pages = relation.getInt(3);
                // Page 0 of a B-tree is its meta page, which bt_page_items refuses.
                for (int page = index ? 1 : 0; page < pages; page++) {
                    if (pageHolds(connection, name, index, page, needle)) {
                        places.add(name.substring(name.lastIndexOf('.') + 1) + ":" + page);
                    }
                }
            }
        }
        return places;
    }

    private static boolean pageHolds(Connection connection, String relation, boolean index, int page, String needle)
            throws SQLException {
        String sql = index
                ? "SELECT count(*) FROM public.bt_page_items(public.get_raw_page(?, ?))"
                        + " WHERE position(? IN replace(data, ' ', '')) > 0"
                : "SELECT count(*) FROM public.heap_page_items(public.get_raw_page(?, ?))"
                        + " WHERE t_data IS NOT NULL AND position(? IN encode(t_data, 'hex')) > 0";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, relation);
            query.setInt(2, page);
            query.setString(3, needle);
            try (ResultSet count = query.executeQuery()) {
                return count.next() && count.getInt(1) > 0;
            }
        }
    }
}
