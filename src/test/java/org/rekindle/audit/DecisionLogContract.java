package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionKeys;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.testing.LogCapture;

/**
 * What every {@link DecisionLog} on a real database must do. Each subclass runs the whole suite
 * against one database; each test gets a fresh, empty one.
 */
abstract class DecisionLogContract {

    /** Text that appears only inside the answers: it must never show up in a message. */
    static final String SECRET = "we have not touched in months";
    static final Instant T0 = Instant.parse("2025-03-01T09:30:00.123456Z");

    /** Makes a fresh, empty database and returns its db setting. */
    abstract String createDatabase() throws Exception;

    /** Removes what {@link #createDatabase} made; the log is closed by then. */
    abstract void dropDatabase() throws Exception;

    /** A plain JDBC connection to the database, beside the log. */
    abstract Connection connect() throws SQLException;

    String setting;
    Database database;
    DecisionLog log;
    BundleArchive archive;

    @BeforeEach
    void openLog() throws Exception {
        setting = createDatabase();
        open();
    }

    /** Opens the database of {@link #setting} and its two stores. */
    void open() {
        database = Database.open(setting);
        log = database.decisionLog();
        archive = database.archive();
    }

    @AfterEach
    void closeLog() throws Exception {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            dropDatabase();
        }
    }

    // --- append and read ---------------------------------------------------------------------

    @Test
    void appendThenFindReturnsEveryField() {
        DecisionRecord full = new DecisionRecord("d-1", T0, "a1b2c3d4e5f6", "subject-1", "couple-1", "b",
                "owner-hash-1",
                "{\"signs.q1\":\"yes\",\"note\":\"" + SECRET + " \u2014 Ich f\u00fchle mich allein \ud83d\udc94\"}",
                "{\"summary\":{\"disconnected\":true},\"cards\":[{\"id\":\"safety\"}]}",
                "{\"trace\":[{\"rule\":\"Show safety card\",\"line\":12}],\"withheld\":[]}");
        DecisionRecord minimal = new DecisionRecord("d-2", T0.plusSeconds(1), "a1b2c3d4e5f6", null, null, null,
                null, "{}", "{\"summary\":{},\"cards\":[]}", "{\"trace\":[],\"withheld\":[]}");

        log.append(full);
        log.append(minimal);

        assertThat(log.find("d-1")).contains(full);
        assertThat(log.find("d-2")).contains(minimal);
        assertThat(log.stats()).isEqualTo(new DecisionLog.Stats(2, 0, 2));
    }

    @Test
    void createdAtIsKeptToTheMicrosecond() {
        log.append(record("d-1", Instant.parse("2025-03-01T09:30:00.123456789Z"), null));

        assertThat(log.find("d-1").orElseThrow().createdAt()).isEqualTo("2025-03-01T09:30:00.123456Z");
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(log.find("nobody")).isEmpty();
    }

    @Test
    void recentIsNewestFirstAndLimited() {
        for (int i : new int[] {3, 0, 4, 1, 2}) {
            log.append(record("d-" + i, T0.plusSeconds(i), null));
        }

        assertThat(log.recent(3)).extracting(DecisionRecord::id).containsExactly("d-4", "d-3", "d-2");
        assertThat(log.recent(10)).extracting(DecisionRecord::id).containsExactly("d-4", "d-3", "d-2", "d-1", "d-0");
        assertThat(log.recent(0)).isEmpty();
        assertThatThrownBy(() -> log.recent(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.deleteOlderThan(Instant.now(), 0)).hasMessage("batch must be 1 to 10000, was 0");
        assertThatThrownBy(() -> log.deleteOlderThan(Instant.now(), 40_000))
                .hasMessage("batch must be 1 to 10000, was 40000");
    }

    // --- group commit ------------------------------------------------------------------------

    @Test
    void concurrentAppendsAreAllStoredInFewerCommits() throws Exception {
        int threads = 16;
        int perThread = 50;

        concurrently(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                log.append(record("t" + t + "-" + i, T0.plusMillis(t * 1000L + i), "subject-" + t));
            }
            return null;
        });

        assertThat(log.recent(10_000)).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(log.find("t" + t + "-" + i)).as("t%d-%d", t, i).isPresent();
            }
        }
        DecisionLog.Stats stats = log.stats();
        assertThat(stats.appended()).isEqualTo(threads * perThread);
        assertThat(stats.failed()).isZero();
        assertThat(stats.commits()).as("commits for %d appends", threads * perThread)
                .isPositive().isLessThan(threads * perThread);
    }

    @Test
    void aDuplicateIdFailsThatAppendOnlyAndTheLogKeepsWorking() {
        DecisionRecord original = record("d-1", T0, "subject-1");
        log.append(original);

        DecisionRecord duplicate = new DecisionRecord("d-1", T0.plusSeconds(5), "ffffffffffff", "subject-2", null,
                null, null, "{\"other\":\"" + SECRET + "\"}", "{}", "{}");
        try (LogCapture logged = LogCapture.start()) {
            assertThatThrownBy(() -> log.append(duplicate))
                    .isInstanceOf(DecisionLogException.class)
                    .hasMessageContaining("d-1")
                    .hasMessageContaining("already exists")
                    .satisfies(e -> assertNoDataIn(e));
            assertThat(logged.text()).contains("decision d-1 was not stored: a decision with this id already exists")
                    .doesNotContain(SECRET);
        }

        log.append(record("d-2", T0.plusSeconds(1), "subject-1"));
        assertThat(log.find("d-1")).contains(original);
        assertThat(log.find("d-2")).isPresent();
        assertThat(log.stats().appended()).isEqualTo(2);
        assertThat(log.stats().failed()).isEqualTo(1);
    }

    @Test
    void aDuplicateIdDoesNotFailTheOtherAppendsOfItsBatch() throws Exception {
        log.append(record("taken", T0, null));
        Set<String> failedIds = ConcurrentHashMap.newKeySet();

        try (LogCapture logged = LogCapture.start()) {
            concurrently(32, t -> () -> {
                String id = t == 7 ? "taken" : "d-" + t;
                try {
                    log.append(record(id, T0.plusSeconds(t), null));
                } catch (DecisionLogException e) {
                    failedIds.add(id);
                }
                return null;
            });
            assertThat(logged.text()).contains("decision taken was not stored");
        }

        assertThat(failedIds).containsExactly("taken");
        assertThat(log.recent(100)).hasSize(32);
        assertThat(log.stats().appended()).isEqualTo(32);
        assertThat(log.stats().failed()).isEqualTo(1);
    }

    @Test
    void aFailedTransactionFailsEveryAppendOfItsBatchAndTheLogRecovers() throws Exception {
        log.append(record("before", T0, null));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE decisions RENAME TO decisions_away");
        }
        List<DecisionLogException> failures = new ArrayList<>();

        List<Object> outcomes;
        try (LogCapture logged = LogCapture.start()) {
            outcomes = concurrently(16, t -> () -> {
                try {
                    log.append(record("lost-" + t, T0.plusSeconds(t), null));
                    return "stored";
                } catch (DecisionLogException e) {
                    return e;
                }
            });
            // One line for the whole outage, however many batches failed.
            assertThat(logged.text()).containsOnlyOnce("decision log unavailable: ").doesNotContain(SECRET);
            assertThat(log.availability().writable()).isFalse();
            assertThat(log.availability().refused()).isEqualTo(16);
        }
        for (int t = 0; t < outcomes.size(); t++) {
            assertThat(outcomes.get(t)).as("append of lost-%d", t).isInstanceOf(DecisionLogException.class);
            DecisionLogException failure = (DecisionLogException) outcomes.get(t);
            assertThat(failure).hasMessageStartingWith("could not append decision lost-" + t + ":");
            failures.add(failure);
        }
        failures.forEach(DecisionLogContract::assertNoDataIn);
        assertThat(log.stats().failed()).isEqualTo(16);

        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE decisions_away RENAME TO decisions");
        }
        try (LogCapture logged = LogCapture.start()) {
            log.append(record("after", T0.plusSeconds(100), null));
            assertThat(logged.text()).containsOnlyOnce("decision log available again after ")
                    .contains("16 decision(s) were refused");
        }
        assertThat(log.availability().writable()).isTrue();

        assertThat(log.recent(100)).extracting(DecisionRecord::id).containsExactly("after", "before");
        assertThat(log.stats().appended()).isEqualTo(2);
        assertThat(log.stats().failed()).isEqualTo(16);
    }

    @Test
    void closeCommitsWhatIsQueuedAndRejectsWhatComesAfter() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> rejected = ConcurrentHashMap.newKeySet();
        CountDownLatch someStored = new CountDownLatch(20);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                executor.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        String id = "t" + thread + "-" + i;
                        try {
                            log.append(record(id, T0.plusMillis(i), null));
                            acknowledged.add(id);
                            someStored.countDown();
                        } catch (DecisionLogException e) {
                            rejected.add(id);
                        }
                    }
                });
            }
            assertThat(someStored.await(60, TimeUnit.SECONDS)).isTrue();
            database.close();
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(acknowledged.size() + rejected.size()).isEqualTo(8_000);
        assertThat(rejected).isNotEmpty();
        assertThat(log.stats().appended()).isEqualTo(acknowledged.size());
        assertThat(log.stats().failed()).isEqualTo(rejected.size());
        assertThatThrownBy(() -> log.append(record("late", T0, null)))
                .isInstanceOf(DecisionLogException.class)
                .hasMessageContaining("late")
                .hasMessageContaining("closed");
        database.close();

        open();
        assertThat(log.recent(10_000)).extracting(DecisionRecord::id).containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void invalidRecordsAreRejectedBeforeTheyAreQueued() {
        assertThatThrownBy(() -> log.append(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(new DecisionRecord(" ", T0, "v", null, null, null, null, "{}", "{}", "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> log.append(new DecisionRecord("d-1", null, "v", null, null, null, null, "{}", "{}", "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d-1").hasMessageContaining("createdAt");
        assertThatThrownBy(() -> log.append(new DecisionRecord("d-1", T0, "v", null, null, null, null, null, "{}", "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answersJson");
        assertThatThrownBy(() -> log.append(new DecisionRecord("d-1", T0, "v", null, null, null, null,
                "{\"note\":\"" + SECRET + "\u0000\"}", "{}", "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("answersJson").hasMessageContaining("NUL")
                .hasMessageNotContaining(SECRET);

        assertThat(log.find("d-1")).isEmpty();
        assertThat(log.stats()).isEqualTo(new DecisionLog.Stats(0, 0, 0));
    }

    /**
     * Keys handed in with a decision are checked on the caller's thread, as the record is: one that could
     * not be written would fail the whole group commit on the writer thread, refusing the other callers'
     * decisions with it and reporting the log unavailable.
     */
    @Test
    void invalidKeysAreRejectedBeforeTheyAreQueued() {
        DecisionRecord record = record("d-1", T0, null);
        Set<String> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> log.append(record, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d-1").hasMessageContaining("keys");
        assertThatThrownBy(() -> log.append(record, new DecisionKeys(null, null, Set.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d-1").hasMessageContaining("rules");
        assertThatThrownBy(() -> log.append(record, new DecisionKeys(null, Set.of(), withNull)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d-1").hasMessageContaining("cards");
        assertThatThrownBy(() -> log.append(record, new DecisionKeys(null, Set.of("rule\u0000"), Set.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d-1").hasMessageContaining("NUL");
        assertThatThrownBy(() -> log.append(record, new DecisionKeys("path\u0000", Set.of(), Set.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d-1").hasMessageContaining("path");

        assertThat(log.availability().writable()).as("no batch failed for it").isTrue();
        assertThat(log.stats()).isEqualTo(new DecisionLog.Stats(0, 0, 0));
        log.append(record, DecisionCodec.keys(record));
        assertThat(log.find("d-1")).isPresent();
    }

    // --- erasure -----------------------------------------------------------------------------

    @Test
    void eraseSubjectDeletesEveryDecisionOfThatSubjectOnly() {
        log.append(record("a-1", T0, "subject-a"));
        log.append(record("a-2", T0.plusSeconds(1), "subject-a"));
        log.append(record("b-1", T0.plusSeconds(2), "subject-b"));
        log.append(record("none", T0.plusSeconds(3), null));

        assertThat(log.eraseSubject("subject-a", null)).isEqualTo(2);

        assertThat(log.find("a-1")).isEmpty();
        assertThat(log.find("a-2")).isEmpty();
        assertThat(log.recent(10)).extracting(DecisionRecord::id).containsExactly("none", "b-1");
        assertThat(log.eraseSubject("subject-a", null)).isZero();
        assertThat(log.eraseSubject("never-seen", null)).isZero();
        assertThatThrownBy(() -> log.eraseSubject(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eraseSubjectForAnOwnerLeavesOtherOwnersSubjectsAlone() {
        log.append(record("mine", T0, "subject-a"));
        log.append(new DecisionRecord("theirs", T0.plusSeconds(1), "a1b2c3d4e5f6", "subject-a", null, null,
                "other-owner", "{}", "{}", "{}"));

        assertThat(log.eraseSubject("subject-a", "owner-hash")).isEqualTo(1);

        assertThat(log.find("mine")).isEmpty();
        assertThat(log.find("theirs")).isPresent();
    }

    @Test
    void eraseDeletesOneDecision() {
        log.append(record("d-1", T0, "subject-a"));
        log.append(record("d-2", T0.plusSeconds(1), "subject-a"));

        assertThat(log.erase("d-1")).isTrue();
        assertThat(log.erase("d-1")).isFalse();

        assertThat(log.find("d-1")).isEmpty();
        assertThat(log.find("d-2")).isPresent();
        assertThat(rowCount("decisions")).isEqualTo(1);
    }

    // --- bundles -----------------------------------------------------------------------------

    @Test
    void aStoredBundleRebuildsWithTheSameVersionAndBytes() {
        Bundle bundle = sampleBundle();

        archive.store(bundle);
        Bundle rebuilt = archive.bundle(bundle.version()).orElseThrow();

        assertThat(rebuilt.version()).isEqualTo(bundle.version());
        assertThat(rebuilt.files()).hasSameSizeAs(bundle.files());
        for (int i = 0; i < bundle.files().size(); i++) {
            assertThat(rebuilt.files().get(i).path()).isEqualTo(bundle.files().get(i).path());
            assertThat(rebuilt.files().get(i).bytes()).isEqualTo(bundle.files().get(i).bytes());
        }
        assertThat(archive.bundle("000000000000")).isEmpty();
    }

    @Test
    void storingABundleTwiceIsANoOpAndSharedFilesAreStoredOnce() throws Exception {
        Bundle bundle = sampleBundle();
        archive.store(bundle);
        long files = rowCount("bundle_files");
        long entries = rowCount("bundle_versions");
        assertThat(files).isEqualTo(bundle.files().size());
        assertThat(entries).isEqualTo(bundle.files().size());

        archive.store(bundle);
        archive.store(new Bundle(bundle.files()));
        assertThat(rowCount("bundle_files")).isEqualTo(files);
        assertThat(rowCount("bundle_versions")).isEqualTo(entries);

        List<BundleFile> edited = new ArrayList<>(bundle.files());
        edited.set(0, new BundleFile(edited.get(0).path(), utf8("rule \"Edited\"\nwhen\nthen\nend\n")));
        Bundle next = new Bundle(edited);
        archive.store(next);

        assertThat(next.version()).isNotEqualTo(bundle.version());
        assertThat(rowCount("bundle_files")).as("only the edited file is new").isEqualTo(files + 1);
        assertThat(rowCount("bundle_versions")).isEqualTo(entries * 2);
        assertThat(archive.bundle(next.version()).orElseThrow().version()).isEqualTo(next.version());
        assertThat(archive.bundle(bundle.version()).orElseThrow().version()).isEqualTo(bundle.version());
    }

    @Test
    void aBundleWithoutFilesOrWithTwoFilesAtOnePathIsRejected() {
        assertThatThrownBy(() -> archive.store(new Bundle(List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no files");
        BundleFile file = new BundleFile("rules/a.drl", utf8("x"));
        assertThatThrownBy(() -> archive.store(new Bundle(List.of(file, file))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules/a.drl");
    }

    // --- durability --------------------------------------------------------------------------

    @Test
    void reopeningKeepsDecisionsAndBundles() {
        DecisionRecord decision = record("d-1", T0, "subject-1");
        Bundle bundle = sampleBundle();
        log.append(decision);
        archive.store(bundle);
        database.close();

        open();

        assertThat(log.find("d-1")).contains(decision);
        assertThat(archive.bundle(bundle.version()).orElseThrow().version()).isEqualTo(bundle.version());
        assertThat(log.stats()).isEqualTo(new DecisionLog.Stats(0, 0, 0));
    }

    @Test
    void countsEqualCountingTheRowsAfterAppendsErasureAndRetention() {
        Instant monday = Instant.parse("2025-03-03T00:00:00Z");
        List<DecisionRecord> stored = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 120; i++) {
            // Five days, some decisions exactly at midnight, in batches of every size.
            Instant at = monday.plusSeconds(i % 9 == 0 ? 86_400L * (i % 5) : random.nextInt(5 * 86_400))
                    .plusNanos(random.nextInt(1_000_000) * 1000L);
            stored.add(keyed("k-" + i, at, "subject-" + (i % 7), random));
        }
        ((JdbcDecisionLog) log).holdPendingKeys(true);
        concurrentlyAppend(stored);
        // A duplicate id is not counted twice.
        assertThatThrownBy(() -> log.append(stored.get(3))).isInstanceOf(DecisionLogException.class);
        // The rules and cards counted while their keys are pending, once part of them moved, and after.
        assertThat(pendingKeys()).isEqualTo(stored.size());
        assertCountsMatchTheRows(monday);
        assertThat(flushPendingKeys(50)).isEqualTo(50);
        assertCountsMatchTheRows(monday);

        // Erased with their keys, whether these are pending or not.
        assertThat(log.eraseSubject("subject-3", null)).isPositive();
        assertThat(log.erase("k-11")).isTrue();
        assertCountsMatchTheRows(monday);
        flushPendingKeys(Integer.MAX_VALUE);
        assertThat(pendingKeys()).isZero();
        assertCountsMatchTheRows(monday);

        Instant cutoff = monday.plusSeconds(86_400 + 3_600);
        while (log.deleteOlderThan(cutoff, 7) > 0) {
            // In small batches, as retention deletes.
        }
        assertCountsMatchTheRows(monday);
        assertThat(log.counts(null, cutoff).decisions()).isZero();

        // A statement by hand that deletes decisions of several days at once, several of one day, with
        // their keys going by the foreign key (PostgreSQL) or the trigger (SQLite): counted alike.
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("DELETE FROM decisions WHERE subject IN ('subject-5', 'subject-6')"))
                    .isGreaterThan(5);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertCountsMatchTheRows(monday);

        // Whole days are read from the per-day counts, not from the rows: changing a day's row shows.
        long before = log.counts(monday.plusSeconds(2 * 86_400), monday.plusSeconds(3 * 86_400)).decisions();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE decision_counts SET n = n + 1000 WHERE kind = 'd' AND day = '2025-03-05'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(log.counts(monday.plusSeconds(2 * 86_400), monday.plusSeconds(3 * 86_400)).decisions())
                .isEqualTo(before + 1000);
        assertThat(log.counts(monday.plusSeconds(2 * 86_400 + 1), monday.plusSeconds(3 * 86_400)).decisions())
                .isLessThan(before + 1000);
    }

    /** A retention batch deletes the feedback on its decisions, and only that. */
    @Test
    void retentionDeletesTheFeedbackOfTheDecisionsItDeletesAndNoOther() {
        log.append(record("old-1", T0, "subject-1"));
        log.append(record("old-2", T0.plusSeconds(1), "subject-2"));
        log.append(record("new-1", T0.plusSeconds(86_400), "subject-3"));
        for (String id : List.of("old-1", "old-2", "new-1")) {
            log.appendFeedback(List.of(new FeedbackRecord(id, "steps_acknowledge", List.of("steps.acknowledge"),
                    "done", true, null, null, "2026-11-30T09:00:00Z", "2026-11-30T09:00:01Z")));
        }
        assertThat(log.deleteOlderThan(T0.plusSeconds(3_600), 1)).isEqualTo(1);
        assertThat(log.feedback("old-1")).isEmpty();
        assertThat(log.feedback("old-2")).hasSize(1);
        assertThat(log.deleteOlderThan(T0.plusSeconds(3_600), 500)).isEqualTo(1);
        assertThat(log.allFeedback()).extracting(FeedbackRecord::decisionId).containsExactly("new-1");
        assertThat(log.deleteOlderThan(T0.plusSeconds(3_600), 500)).isZero();
    }

    /**
     * Paging by cursor through a rule or card filter (read from that key's rows), alone and with a second
     * key, a path or a version, returns every matching decision of the period once, newest first, ties in
     * time broken by id: the same as filtering the stored decisions by hand.
     */
    @Test
    void keyFiltersPageThroughEveryMatchingDecisionNewestFirst() {
        Instant monday = Instant.parse("2025-03-03T00:00:00Z");
        Random random = new Random(17);
        List<DecisionRecord> stored = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // Every tenth at the same instant, so that the order within a time is tested too.
            Instant at = i % 10 == 0 ? monday.plusSeconds(40_000) : monday.plusSeconds(random.nextInt(4 * 86_400))
                    .plusNanos(random.nextInt(1_000_000) * 1000L);
            stored.add(keyed(String.format("q-%03d", i), at, "subject-" + i, random));
        }
        ((JdbcDecisionLog) log).holdPendingKeys(true);
        concurrentlyAppend(stored);
        // All keys pending, about half posted (the oldest, in batches of 7, so that a page reads through
        // several rounds of postings), and all posted: the same pages each time.
        assertKeyFiltersPageLikeTheRows(stored, monday);
        for (int batch = 0; batch < 10; batch++) {
            assertThat(flushPendingKeys(7)).isEqualTo(7);
        }
        assertKeyFiltersPageLikeTheRows(stored, monday);
        flushPendingKeys(Integer.MAX_VALUE);
        assertKeyFiltersPageLikeTheRows(stored, monday);
    }

    void assertKeyFiltersPageLikeTheRows(List<DecisionRecord> stored, Instant monday) {
        Instant from = monday.plusSeconds(3_600);
        Instant to = monday.plusSeconds(3 * 86_400);
        String[][] filters = {{"rule-1", null, null}, {null, "card-2", null}, {"rule-3", "card-1", null},
            {"rule-0", null, "path-1"}};
        for (String[] filter : filters) {
            DecisionQuery query = new DecisionQuery(from, to, null, filter[0], filter[1], filter[2], null, 4);
            assertThat(pagedIds(query)).as("filter %s", String.join(",", java.util.Arrays.asList(filter)))
                    .hasSizeGreaterThan(4).containsExactlyElementsOf(matchingIds(stored, query));
        }
        assertThat(log.query(new DecisionQuery(from, to, "a1b2c3d4e5f6", "rule-1", null, null, null, 500)))
                .hasSize((int) stored.stream().filter(r -> !r.createdAt().isBefore(from) && r.createdAt().isBefore(to))
                        .filter(r -> DecisionCodec.keys(r).rules().contains("rule-1")).count());
        assertThat(log.query(new DecisionQuery(from, to, "elsewhere", "rule-1", null, null, null, 500))).isEmpty();
    }

    /** The ids of every page of {@code query}, each page asked for after the last one's cursor. */
    List<String> pagedIds(DecisionQuery query) {
        List<String> paged = new ArrayList<>();
        DecisionQuery.Cursor cursor = null;
        while (true) {
            List<DecisionSummary> page = log.query(new DecisionQuery(query.from(), query.to(), query.version(),
                    query.rule(), query.card(), query.path(), cursor, query.limit()));
            page.forEach(found -> paged.add(found.id()));
            if (page.size() < query.limit()) {
                return paged;
            }
            DecisionSummary last = page.get(page.size() - 1);
            cursor = new DecisionQuery.Cursor(last.createdAt(), last.id());
        }
    }

    /** What {@code query} should find among {@code records}, filtered by hand, newest first, ties by id. */
    static List<String> matchingIds(List<DecisionRecord> records, DecisionQuery query) {
        return records.stream()
                .filter(r -> query.from() == null || !r.createdAt().isBefore(query.from()))
                .filter(r -> query.to() == null || r.createdAt().isBefore(query.to()))
                .filter(r -> {
                    DecisionKeys keys = DecisionCodec.keys(r);
                    return (query.rule() == null || keys.rules().contains(query.rule()))
                            && (query.card() == null || keys.cards().contains(query.card()))
                            && (query.path() == null || query.path().equals(keys.path()));
                })
                .sorted(java.util.Comparator.comparing(DecisionRecord::createdAt)
                        .thenComparing(DecisionRecord::id).reversed())
                .map(DecisionRecord::id).toList();
    }

    /**
     * Replicas flush at once (on PostgreSQL each claims its own rows) while an erasure and retention run:
     * every decision is posted once, and the postings and counts equal the rows.
     */
    @Test
    void flushesRunningAtOnceBesideAnErasurePostEveryDecisionOnce() throws Exception {
        Instant base = Instant.parse("2025-03-03T00:00:00Z");
        Random random = new Random(7);
        ((JdbcDecisionLog) log).holdPendingKeys(true);
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            records.add(keyed(String.format("y-%04d", i), base.plusSeconds(random.nextInt(3 * 86_400)),
                    "subject-" + (i % 5), random));
        }
        concurrentlyAppend(records);
        concurrently(4, t -> () -> {
            if (t == 3) {
                log.eraseSubject("subject-1", null);
                log.deleteOlderThan(base.plusSeconds(3_600), 50);
                return null;
            }
            return ((JdbcDecisionLog) log).flushPendingKeys(Integer.MAX_VALUE);
        });
        assertThat(((JdbcDecisionLog) log).pendingKeys()).isZero();
        assertPostingsMatchTheKeySets();
        assertCountsMatchTheRows(base);
    }

    /**
     * Key filters paged by cursor, at random periods and page sizes, against filtering the rows by hand:
     * decisions share few distinct times (ties broken by id), flushes of random size leave some pending,
     * and each round erases a subject (one round also runs retention).
     */
    @Test
    void keyedPagesEqualFilteringTheRowsThroughTiesFlushesErasureAndRetention() throws Exception {
        Instant base = Instant.parse("2025-03-03T00:00:00Z");
        Random random = new Random(42);
        ((JdbcDecisionLog) log).holdPendingKeys(true);
        List<DecisionRecord> live = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 150; i++) {
                // Few distinct times: many ties, out of insertion order.
                Instant at = base.plusSeconds(random.nextInt(40) * 60L);
                DecisionRecord r = keyed(String.format("x-%04d", n++), at, "subject-" + random.nextInt(12), random);
                log.append(r);
                live.add(r);
            }
            ((JdbcDecisionLog) log).flushPendingKeys(random.nextInt(200));
            String subject = "subject-" + random.nextInt(12);
            log.eraseSubject(subject, null);
            live.removeIf(r -> r.subject().equals(subject));
            if (round == 3) {
                Instant cutoff = base.plusSeconds(5 * 60L);
                while (log.deleteOlderThan(cutoff, 7) > 0) {
                    // In small batches, as retention deletes.
                }
                live.removeIf(r -> r.createdAt().isBefore(cutoff));
            }
            for (int q = 0; q < 12; q++) {
                String rule = "rule-" + random.nextInt(8);
                String card = random.nextBoolean() ? "card-" + random.nextInt(6) : null;
                Instant from = random.nextBoolean() ? base.plusSeconds(random.nextInt(40) * 60L) : null;
                Instant to = random.nextBoolean() ? base.plusSeconds(random.nextInt(40) * 60L) : null;
                int limit = 1 + random.nextInt(7);
                DecisionQuery query = new DecisionQuery(from, to, null, rule, card, null, null, limit);
                assertThat(pagedIds(query)).as("round %d: %s", round, query)
                        .containsExactlyElementsOf(matchingIds(live, query));
            }
            assertCountsMatchTheRows(base);
            assertPostingsMatchTheKeySets();
        }
    }

    /**
     * Erasure and retention take the per-day counts while the group commit adds to the same rows (today's
     * decisions, erased as they are appended), and flushes move pending keys into both: none of them
     * deadlocks (PostgreSQL would abort one), no key outlives its decision, and the counts end up equal
     * to the rows.
     */
    @Test
    void erasingTodaysDecisionsWhileTheyAreAppendedKeepsTheCountsExact() throws Exception {
        Instant monday = Instant.parse("2025-03-03T00:00:00Z");
        Random random = new Random(13);
        List<DecisionRecord> records = new ArrayList<>();
        // Subjects 0 to 2 are erased while they are appended; subject 3 never is, so that decisions are left
        // to count however the threads interleave (all of 0 to 2 may be erased after their last append).
        for (int i = 0; i < 240; i++) {
            records.add(keyed("e-" + i, monday.plusSeconds(random.nextInt(2 * 86_400)), "subject-" + (i % 4), random));
        }
        concurrently(5, t -> () -> {
            if (t == 0) {
                for (int round = 0; round < 8; round++) {
                    log.eraseSubject("subject-" + (round % 3), null);
                    log.deleteOlderThan(monday.plusSeconds(round * 3_600L), 5);
                }
            } else if (t == 4) {
                for (int round = 0; round < 40; round++) {
                    flushPendingKeys(7);
                }
            } else {
                for (int i = t - 1; i < records.size(); i += 3) {
                    log.append(records.get(i));
                }
            }
            return null;
        });
        assertThat(log.counts(null, null).decisions()).isPositive();
        assertCountsMatchTheRows(monday);
        flushPendingKeys(Integer.MAX_VALUE);
        assertCountsMatchTheRows(monday);
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet orphans = statement.executeQuery("SELECT COUNT(*) FROM decision_key_sets k WHERE NOT EXISTS"
                     + " (SELECT 1 FROM decisions d WHERE d.id = k.decision_id)")) {
            orphans.next();
            assertThat(orphans.getLong(1)).as("keys of erased decisions").isZero();
        }
        assertPostingsMatchTheKeySets();
    }

    /**
     * Erasure and retention rebuild the postings of the batches they take decisions from: no posting
     * says that a key occurs in a batch once no decision of it holds that key (a rule id can tell that
     * someone's private safety screen was positive).
     */
    @Test
    void erasureAndRetentionLeaveNoPostingOfAKeyThatNoDecisionHolds() {
        Instant monday = Instant.parse("2025-03-03T00:00:00Z");
        ((JdbcDecisionLog) log).holdPendingKeys(true);
        log.append(withKeys("only-erased", monday, List.of("safety.screen_positive", "shared")));
        log.append(withKeys("kept-1", monday.plusSeconds(1), List.of("shared")));
        log.append(withKeys("kept-2", monday.plusSeconds(2), List.of("shared", "later")));
        assertThat(flushPendingKeys(10)).isEqualTo(3);
        assertThat(postingsOf("safety.screen_positive")).isEqualTo(1);

        assertThat(log.erase("only-erased")).isTrue();
        assertThat(postingsOf("safety.screen_positive")).as("the erased decision's own key").isZero();
        assertThat(postingsOf("shared")).isEqualTo(1);
        assertThat(log.query(new DecisionQuery(null, null, null, "shared", null, null, null, 10)))
                .extracting(DecisionSummary::id).containsExactly("kept-2", "kept-1");
        assertPostingsMatchTheKeySets();

        assertThat(log.deleteOlderThan(monday.plusSeconds(2), 10)).isEqualTo(1);
        assertThat(log.query(new DecisionQuery(null, null, null, "shared", null, null, null, 10)))
                .extracting(DecisionSummary::id).containsExactly("kept-2");
        assertPostingsMatchTheKeySets();
        assertThat(log.deleteOlderThan(monday.plusSeconds(3), 10)).isEqualTo(1);
        assertThat(rowCount("decision_key_postings")).as("postings once every decision is gone").isZero();
    }

    private static DecisionRecord withKeys(String id, Instant createdAt, List<String> rules) {
        String trace = "{\"trace\":[" + rules.stream().map(r -> "{\"ruleId\":\"" + r + "\"}")
                .collect(Collectors.joining(",")) + "],\"withheld\":[]}";
        return new DecisionRecord(id, createdAt, "a1b2c3d4e5f6", "subject-" + id, null, null, null, "{}",
                "{\"cards\":[]}", trace);
    }

    private long postingsOf(String rule) {
        return rowCount("decision_key_postings WHERE kind = 'r' AND value = '" + rule + "'");
    }

    /** Each posting names a key that a decision of its batch holds, and each held key of a batch is posted. */
    void assertPostingsMatchTheKeySets() {
        Set<String> posted = new TreeSet<>();
        Set<String> held = new TreeSet<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT kind, value, batch FROM decision_key_postings")) {
                while (row.next()) {
                    posted.add(row.getString(1) + row.getString(2) + " in " + row.getLong(3));
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT packed, batch FROM decision_key_sets"
                    + " WHERE batch IS NOT NULL")) {
                while (row.next()) {
                    for (String key : row.getString(1).split("\n")) {
                        if (!key.isEmpty()) {
                            held.add(key + " in " + row.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(posted).isEqualTo(held);
    }

    /**
     * The writer moves pending keys on its own: after enough appends under load, and when idle (which is
     * also how keys an earlier run left pending are moved after a restart).
     */
    @Test
    void theWriterMovesPendingKeysAfterEnoughAppendsAndWhenIdle() throws Exception {
        Instant monday = Instant.parse("2025-03-03T00:00:00Z");
        Random random = new Random(5);
        List<DecisionRecord> stored = new ArrayList<>();
        for (int i = 0; i < KeyFlusher.AFTER + 10; i++) {
            stored.add(keyed("w-" + i, monday.plusSeconds(i), "subject-" + i, random));
        }
        for (DecisionRecord record : stored.subList(0, KeyFlusher.AFTER - 1)) {
            log.append(record);
        }
        assertThat(pendingKeys()).isEqualTo(KeyFlusher.AFTER - 1);
        stored.subList(KeyFlusher.AFTER - 1, stored.size()).forEach(log::append);
        // The flush after the commit that reached KeyFlusher.AFTER follows it (on PostgreSQL on a thread of its own).
        awaitPendingKeys(count -> count < KeyFlusher.AFTER, "a flush after the appends");
        database.close();
        assertThat(rowCount("decision_key_sets WHERE batch IS NULL")).as("left pending by the closed log").isPositive();
        open();
        awaitPendingKeys(count -> count == 0, "an idle writer's flush after a restart");
        assertCountsMatchTheRows(monday);
        assertThat(log.query(new DecisionQuery(null, null, null, "rule-1", null, null, null, 500)))
                .extracting(DecisionSummary::id)
                .containsExactlyElementsOf(stored.stream().filter(r -> DecisionCodec.keys(r).rules().contains("rule-1"))
                        .sorted(java.util.Comparator.comparing(DecisionRecord::createdAt).reversed())
                        .map(DecisionRecord::id).toList());
    }

    private void awaitPendingKeys(java.util.function.LongPredicate until, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * (GroupCommit.IDLE_MILLIS + 1_000) * 1_000_000L;
        while (!until.test(pendingKeys())) {
            assertThat(System.nanoTime()).as("pending keys (%d) after %s", pendingKeys(), what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * Decisions stored before the per-day counts (V14) and the postings (V17): the older ones with their
     * keys as rows of decision_keys, the newest with their keys pending (V16). The migrations count and
     * post them: counts and key queries equal the rows, the newest stay pending until a flush, and erasure
     * keeps it so.
     */
    @Test
    void theMigrationsCountAndPostTheDecisionsStoredBeforeThem() throws Exception {
        Instant monday = Instant.parse("2025-03-03T00:00:00Z");
        Random random = new Random(11);
        List<DecisionRecord> stored = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            stored.add(keyed(String.format("m-%03d", i), monday.plusSeconds(random.nextInt(3 * 86_400))
                    .plusNanos(random.nextInt(1_000_000) * 1000L), "subject-" + (i % 9), random));
        }
        List<DecisionRecord> older = stored.subList(0, 200);
        List<DecisionRecord> newest = stored.subList(200, stored.size());
        database.close();
        dropDatabase();
        setting = createDatabase();
        Dialect dialect = setting.startsWith("jdbc:postgresql") ? Dialect.POSTGRESQL : Dialect.SQLITE;
        migrateTo("13");
        try (Connection connection = connect()) {
            for (DecisionRecord record : stored) {
                insertAsStoredBefore(connection, dialect, record, older.contains(record));
            }
        }
        migrateTo("16");
        try (Connection connection = connect();
             PreparedStatement pending = connection.prepareStatement("INSERT INTO decision_keys_pending"
                     + " (decision_id, created_at, packed) VALUES (?, ?, ?)")) {
            for (DecisionRecord record : newest) {
                pending.setString(1, record.id());
                pending.setObject(2, dialect.instant(record.createdAt()));
                pending.setString(3, KeySets.pack(DecisionCodec.keys(record)));
                pending.executeUpdate();
            }
        }
        open();

        assertThat(pendingKeys()).isEqualTo(newest.size());
        assertThat(rowCount("decision_key_postings")).isPositive();
        assertPostingsMatchTheKeySets();
        assertCountsMatchTheRows(monday);
        assertKeyFiltersPageLikeTheRows(stored, monday);
        flushPendingKeys(Integer.MAX_VALUE);
        assertCountsMatchTheRows(monday);
        assertKeyFiltersPageLikeTheRows(stored, monday);
        assertThat(log.eraseSubject("subject-4", null)).isPositive();
        assertCountsMatchTheRows(monday);
        assertPostingsMatchTheKeySets();
    }

    /** Brings a new database's schema up to {@code version}, as a release before this one left it. */
    private void migrateTo(String version) throws Exception {
        boolean postgres = setting.startsWith("jdbc:postgresql");
        if (!postgres) {
            Files.createDirectories(Path.of(setting).toAbsolutePath().getParent());
        }
        Flyway.configure()
                .dataSource(postgres ? setting : "jdbc:sqlite:" + setting, null, null)
                .locations((postgres ? Dialect.POSTGRESQL : Dialect.SQLITE).migrations())
                .target(version)
                .load()
                .migrate();
    }

    /** A decision as V2 to V13 stored it: its row, and with {@code keyRows} a row of decision_keys per key. */
    private static void insertAsStoredBefore(Connection connection, Dialect dialect, DecisionRecord record,
            boolean keyRows) throws SQLException {
        DecisionKeys keys = DecisionCodec.keys(record);
        try (PreparedStatement decision = connection.prepareStatement("INSERT INTO decisions (id, created_at,"
                + " ruleset_version, subject, couple, partner, owner, answers_json, plan_json, trace_json, path)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement key = connection.prepareStatement("INSERT INTO decision_keys (decision_id, kind,"
                     + " value, created_at) VALUES (?, ?, ?, ?)")) {
            decision.setString(1, record.id());
            decision.setObject(2, dialect.instant(record.createdAt()));
            decision.setString(3, record.rulesetVersion());
            decision.setString(4, record.subject());
            decision.setString(5, record.couple());
            decision.setString(6, record.partner());
            decision.setString(7, record.owner());
            decision.setString(8, record.answersJson());
            decision.setString(9, record.planJson());
            decision.setString(10, record.traceJson());
            decision.setString(11, keys.path());
            decision.executeUpdate();
            if (!keyRows) {
                return;
            }
            for (String[] pair : keyPairs(keys)) {
                key.setString(1, record.id());
                key.setString(2, pair[0]);
                key.setString(3, pair[1]);
                key.setObject(4, dialect.instant(record.createdAt()));
                key.executeUpdate();
            }
        }
    }

    private static List<String[]> keyPairs(DecisionKeys keys) {
        List<String[]> pairs = new ArrayList<>();
        keys.rules().forEach(rule -> pairs.add(new String[] {DayCounts.RULE, rule}));
        keys.cards().forEach(card -> pairs.add(new String[] {DayCounts.CARD, card}));
        return pairs;
    }

    // --- helpers -----------------------------------------------------------------------------

    int flushPendingKeys(int limit) {
        return ((JdbcDecisionLog) log).flushPendingKeys(limit);
    }

    long pendingKeys() {
        return ((JdbcDecisionLog) log).pendingKeys();
    }

    static DecisionRecord record(String id, Instant createdAt, String subject) {
        return new DecisionRecord(id, createdAt, "a1b2c3d4e5f6", subject, "couple-1", "a", "owner-hash",
                "{\"signs.q1\":\"yes\",\"note\":\"" + SECRET + "\"}",
                "{\"summary\":{\"disconnected\":true},\"cards\":[{\"id\":\"steps.talk\"}]}",
                "{\"trace\":[{\"rule\":\"Suggest talking\",\"file\":\"rules/steps.drl\",\"line\":3}],\"withheld\":[]}");
    }

    /** A decision with a path, rules and cards drawn from small sets, so that they repeat across decisions. */
    static DecisionRecord keyed(String id, Instant createdAt, String subject, Random random) {
        String path = random.nextInt(6) == 0 ? null : "path-" + random.nextInt(3);
        List<String> rules = random.ints(0, 8).distinct().limit(1 + random.nextInt(4)).mapToObj(r -> "rule-" + r)
                .toList();
        List<String> cards = random.ints(0, 6).distinct().limit(random.nextInt(4)).mapToObj(c -> "card-" + c)
                .toList();
        String plan = "{" + (path == null ? "" : "\"path\":{\"id\":\"" + path + "\"},") + "\"cards\":["
                + cards.stream().map(c -> "{\"id\":\"" + c + "\"}").collect(Collectors.joining(",")) + "]}";
        String trace = "{\"trace\":[" + rules.stream().map(r -> "{\"ruleId\":\"" + r + "\"}")
                .collect(Collectors.joining(",")) + "],\"withheld\":[]}";
        return new DecisionRecord(id, createdAt, "a1b2c3d4e5f6", subject, null, null, null, "{}", plan, trace);
    }

    /** Appends from several threads, so that the decisions are committed in batches of different sizes. */
    void concurrentlyAppend(List<DecisionRecord> records) {
        try {
            concurrently(6, t -> () -> {
                for (int i = t; i < records.size(); i += 6) {
                    log.append(records.get(i));
                }
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The counts over periods with and without partial days at their edges, within one day, and
     * unbounded, each equal to counting the decisions the log exports for that period.
     */
    void assertCountsMatchTheRows(Instant monday) {
        Instant[][] periods = {
            {null, null},
            {monday, monday.plusSeconds(5 * 86_400)},
            {monday.plusSeconds(86_400), monday.plusSeconds(3 * 86_400)},
            {monday.plusSeconds(5_000), monday.plusSeconds(3 * 86_400 + 7_000)},
            {monday.plusSeconds(86_400 + 100), monday.plusSeconds(86_400 + 50_000)},
            {monday.plusSeconds(1), null},
            {null, monday.plusSeconds(2 * 86_400 + 1)},
            {monday.plusSeconds(4 * 86_400).plusNanos(1000), monday.plusSeconds(5 * 86_400)},
        };
        for (Instant[] period : periods) {
            assertThat(log.counts(period[0], period[1])).as("counts from %s to %s", period[0], period[1])
                    .isEqualTo(rowCounts(period[0], period[1]));
        }
    }

    /** The counts of {@code [from, to)}, from the decisions themselves. */
    DecisionCounts rowCounts(Instant from, Instant to) {
        long[] decisions = {0};
        Map<String, Long> rules = new TreeMap<>();
        Map<String, Long> cards = new TreeMap<>();
        Map<String, Long> paths = new TreeMap<>();
        log.export(from, to, record -> {
            decisions[0]++;
            DecisionKeys keys = DecisionCodec.keys(record);
            if (keys.path() != null) {
                paths.merge(keys.path(), 1L, Long::sum);
            }
            keys.rules().forEach(rule -> rules.merge(rule, 1L, Long::sum));
            keys.cards().forEach(card -> cards.merge(card, 1L, Long::sum));
        });
        return new DecisionCounts(decisions[0], rules, cards, paths);
    }

    static Bundle sampleBundle() {
        byte[] spreadsheet = new byte[10_000];
        new Random(42).nextBytes(spreadsheet);
        return new Bundle(List.of(
                new BundleFile("rules/signs.drl", utf8("package signs\nrule \"Show the signs card\"\nwhen\nthen\nend\n")),
                new BundleFile("rules/steps.drl.xlsx", spreadsheet),
                new BundleFile("content/guidance/signs.yaml", utf8("title: Stille Zeichen \u2014 \u00fcberh\u00f6rt\n")),
                new BundleFile("content/empty.yaml", new byte[0])));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    long rowCount(String table) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Neither the message nor anything it wraps quotes the answers. */
    static void assertNoDataIn(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        collect(failure, seen);
        for (Throwable t : seen) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                    .doesNotContain(SECRET);
        }
        assertThat(seen.stream().map(String::valueOf).collect(Collectors.joining("\n"))).doesNotContain(SECRET);
    }

    private static void collect(Throwable t, List<Throwable> into) {
        if (t == null || into.contains(t)) {
            return;
        }
        into.add(t);
        collect(t.getCause(), into);
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, into);
        }
        if (t instanceof SQLException sql) {
            collect(sql.getNextException(), into);
        }
    }

    /** Runs {@code threads} tasks at once (released together) and returns their results in order. */
    static List<Object> concurrently(int threads, IntFunction<Callable<Object>> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Object> work = task.apply(t);
                futures.add(executor.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent task failed", e.getCause());
                }
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
