package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import org.rekindle.bundle.Bundle;
import org.rekindle.decision.DecisionRecord;

/** The decision log contract on an SQLite file, plus what only SQLite needs: its pragmas and files. */
class SqliteDecisionLogTest extends DecisionLogContract {

    @TempDir
    Path folder;
    private Path file;

    @Override
    String createDatabase() {
        // Folders that do not exist yet: open() creates them.
        file = folder.resolve("nested/folders/rekindle.db");
        return file.toString();
    }

    /** Deletes the database's files, so that the next {@link #createDatabase} starts empty. */
    @Override
    void dropDatabase() throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    @Override
    Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Dialect.BUSY_TIMEOUT_MILLIS);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /**
     * A publication made while another connection holds SQLite's write lock (the decision writer under
     * load) waits its turn instead of failing with SQLITE_BUSY: a transaction that read before it wrote
     * could not take the lock once the other had committed, and a reload that publishes was refused.
     */
    @Test
    void aPublicationWaitsForAWriterThatHoldsTheLock() throws Exception {
        Bundle bundle = sampleBundle();
        archive.store(bundle);
        whileAnotherWriterHoldsTheLock(() -> {
            archive.publish(bundle.version());
            return null;
        });
        assertThat(archive.published().orElseThrow().version()).isEqualTo(bundle.version());
    }

    /**
     * Retention (and erasure) read the decisions they delete before they delete them: a transaction that
     * read first could not take the write lock once the decision writer had committed meanwhile, and
     * failed at once with SQLITE_BUSY. Taking the lock first, it waits its turn.
     */
    @Test
    void aRetentionBatchWaitsForAWriterThatHoldsTheLock() throws Exception {
        log.append(record("old-1", Instant.parse("2020-01-01T00:00:00Z"), null));
        assertThat(whileAnotherWriterHoldsTheLock(() -> log.deleteOlderThan(Instant.parse("2021-01-01T00:00:00Z"),
                10))).isEqualTo(1);
        assertThat(log.find("old-1")).isEmpty();
    }

    /**
     * Runs {@code action} while another connection holds the write lock and has written (as the decision
     * writer does under load), checks that it waits rather than fails, then commits the other and returns
     * what the action gave.
     */
    private <T> T whileAnotherWriterHoldsTheLock(Supplier<T> action) throws Exception {
        try (Connection writer = connect(); Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO bundle_files (sha256, bytes) VALUES ('held by another writer', x'00')");
            CompletableFuture<T> acting = CompletableFuture.supplyAsync(action);
            Thread.sleep(300); // the action is now waiting for the lock
            assertThat(acting).as("waits while the lock is held").isNotDone();
            statement.execute("COMMIT");
            return acting.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyConnectionSyncsEachCommitAndOverwritesErasedRows() throws SQLException {
        try (Connection first = database.dataSource().getConnection();
             Connection second = database.dataSource().getConnection()) {
            for (Connection connection : new Connection[] {first, second}) {
                assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(connection, "synchronous")).as("2 is FULL").isEqualTo("2");
                assertThat(pragma(connection, "secure_delete")).isEqualTo("1");
                assertThat(pragma(connection, "busy_timeout")).isEqualTo("10000");
                assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(connection, "cache_size")).as("KiB when negative")
                        .isEqualTo(String.valueOf(-Dialect.SQLITE_CACHE_KIB));
                assertThat(pragma(connection, "wal_autocheckpoint"))
                        .isEqualTo(String.valueOf(Dialect.SQLITE_WAL_AUTOCHECKPOINT_PAGES));
            }
        }
    }

    @Test
    void erasureLeavesNothingOfTheDecisionInTheDatabaseOrItsWal() throws Exception {
        String small = "small-" + SECRET;
        String large = "large-" + SECRET + " " + "x".repeat(20_000); // spills into overflow pages
        log.append(new DecisionRecord("d-small", T0, "v", "subject-x", null, null, null,
                "{\"note\":\"" + small + "\"}", "{}", "{}"));
        log.append(new DecisionRecord("d-large", T0, "v", "subject-x", null, null, null,
                "{\"note\":\"" + large + "\"}", "{}", "{}"));
        log.append(record("kept", T0, "subject-y"));
        Path wal = Path.of(file + "-wal");
        assertThat(contains(file, "small-") || contains(wal, "small-")).as("stored before erasure").isTrue();
        assertThat(contains(file, "large-") || contains(wal, "large-")).as("stored before erasure").isTrue();

        assertThat(log.eraseSubject("subject-x", null)).isEqualTo(2);

        assertThat(Files.exists(wal) ? Files.size(wal) : 0L).as("WAL truncated by the checkpoint").isZero();
        assertThat(contains(file, "small-")).as("small decision overwritten").isFalse();
        assertThat(contains(file, "large-")).as("large decision overwritten").isFalse();
        assertThat(log.find("kept")).isPresent();
    }

    /**
     * What a commit wrote to the WAL reaches the database file soon after, without the writer's automatic
     * checkpoint (which needs 10,000 pages): the log copies it on a thread of its own (WalCheckpoints).
     */
    @Test
    void committedDecisionsReachTheDatabaseFileWithoutTheWritersCheckpoint() throws Exception {
        String marker = "subject-" + UUID.randomUUID();
        log.append(record("copied", T0, marker));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!contains(file, marker)) {
            assertThat(System.nanoTime()).as("the decision in the database file, not only in the WAL")
                    .isLessThan(deadline);
            Thread.sleep(WalCheckpoints.PERIOD_MILLIS);
        }
    }

    /** An erased decision's private rule id, posted among 300 others, is in neither the file nor the WAL. */
    @Test
    void erasureLeavesNoPrivateKeyInTheFileOrTheWal() throws Exception {
        String secretRule = "private.screen-0123456789";
        ((JdbcDecisionLog) log).holdPendingKeys(true);
        for (int i = 0; i < 300; i++) {
            log.append(record("filler-" + i, T0.minusSeconds(1000 - i), "subject-f"));
        }
        log.append(new DecisionRecord("erased-one", T0, "v", "subject-x", null, null, null, "{}",
                "{\"cards\":[{\"id\":\"safety_help\"}]}",
                "{\"trace\":[{\"ruleId\":\"" + secretRule + "\"},{\"ruleId\":\"common\"}],\"withheld\":[]}"));
        log.append(record("kept", T0.plusSeconds(1), "subject-y"));
        ((JdbcDecisionLog) log).flushPendingKeys(Integer.MAX_VALUE);
        Path wal = Path.of(file + "-wal");
        assertThat(contains(file, secretRule) || contains(wal, secretRule)).as("stored").isTrue();
        assertThat(log.eraseSubject("subject-x", null)).isEqualTo(1);
        assertThat(Files.exists(wal) ? Files.size(wal) : 0L).as("WAL truncated").isZero();
        assertThat(contains(file, secretRule)).as("private rule id after erasure").isFalse();
    }

    @Test
    void aJdbcSqliteUrlWorksAndGetsItsFolderCreated() {
        Path other = folder.resolve("url/form/log.db");

        try (Database byUrl = Database.open("jdbc:sqlite:" + other)) {
            byUrl.decisionLog().append(record("d-1", T0, null));
            assertThat(byUrl.decisionLog().find("d-1")).isPresent();
        }
        assertThat(other).exists();
    }

    /**
     * The durability contract, for real: a separate JVM appends, reports it, and is killed with
     * SIGKILL at once; no close, no shutdown hook, no checkpoint. The decision is still there.
     */
    @Test
    void aDecisionSurvivesKillNineRightAfterAppendReturns() throws Exception {
        Path killed = folder.resolve("killed/rekindle.db");
        Path childErrors = folder.resolve("child.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classpath, AppendAndWait.class.getName(),
                killed.toString(), "survivor")
                .redirectError(childErrors.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).as("child output; its stderr:\n%s", Files.exists(childErrors)
                    ? Files.readString(childErrors) : "").isEqualTo("appended survivor");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        try (Database reopened = Database.open(killed.toString())) {
            assertThat(reopened.decisionLog().find("survivor")).contains(record("survivor", T0, "subject-k"));
        }
    }

    /** The child of {@link #aDecisionSurvivesKillNineRightAfterAppendReturns}: append, say so, wait to be killed. */
    public static final class AppendAndWait {
        public static void main(String[] args) throws InterruptedException {
            DecisionLog log = Database.open(args[0]).decisionLog();
            log.append(record(args[1], T0, "subject-k"));
            System.out.println("appended " + args[1]);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static boolean contains(Path path, String text) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        byte[] haystack = Files.readAllBytes(path);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
