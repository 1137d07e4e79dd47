package org.rekindle.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.rekindle.api.audit.DecisionExport;
import org.rekindle.audit.Database;
import org.rekindle.audit.DbSetting;
import org.rekindle.audit.DecisionCounts;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.DecisionQuery;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.live.RulesetArchive;

/**
 * Fills a decision log spread over a year, then times the auditor's queries and an export.
 * Usage: {@code DecisionLogBench DB [COUNT [THREADS]] [--bulk] [--retention BATCHES] [--no-queries]}; an
 * existing log is reused (and filled up) when it holds fewer than COUNT decisions.
 *
 * <p>By default the fill appends synthetic decisions (ids, paths, rules and cards drawn like the
 * checkout's: 8 paths, 170 rules, 120 cards, about 12 firings and 10 cards per decision; small JSON)
 * through {@code DecisionLog.append}: durable group commits of up to 256 decisions, as fast as the
 * THREADS (32 by default) keep the writer's queue full. With {@code --bulk} it writes real decisions
 * straight into the tables ({@link BulkFill}), about a hundred times faster, and checks a sample of the
 * per-day counts against the rows.
 *
 * <p>The filters are chosen from what is stored: the rule, card and path whose shares are nearest the
 * synthetic ones' (7 %, 8 % and 12.5 %), the rarest rule with at least 100 decisions, the newest
 * decision's version. {@code --retention BATCHES} then deletes that many retention batches of the
 * oldest decisions while four threads append, and prints each batch's time and the appends' latency.
 */
public final class DecisionLogBench {

    private static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(365);
    /** What one retention batch deletes (org.rekindle.audit.Retention.BATCH). */
    private static final int RETENTION_BATCH = 500;

    private DecisionLogBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> plain = new ArrayList<>();
        boolean bulk = false;
        boolean queries = true;
        int retentionBatches = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bulk" -> bulk = true;
                case "--no-queries" -> queries = false;
                case "--retention" -> retentionBatches = Integer.parseInt(args[++i]);
                default -> plain.add(args[i]);
            }
        }
        String db = plain.get(0);
        int count = plain.size() > 1 ? Integer.parseInt(plain.get(1)) : 1_000_000;
        int threads = plain.size() > 2 ? Integer.parseInt(plain.get(2)) : 32;
        BulkFill bulkFill = bulk || retentionBatches > 0 ? new BulkFill(db) : null;
        long have;
        try (Database database = Database.open(db)) {
            have = database.decisionLog().counts(null, null).decisions();
            if (have < count && !bulk && retentionBatches == 0) {
                long start = System.nanoTime();
                fill(database.decisionLog(), (int) have, count, threads);
                System.out.printf("filled %,d decisions in %.1f s%n", count - have, (System.nanoTime() - start) / 1e9);
            }
        }
        if (have < count && bulk) {
            // The schema is there (Database.open migrated it); the fill writes beside no running log.
            long start = System.nanoTime();
            bulkFill.fill((int) have, count, count, END, SPAN);
            System.out.printf("bulk-filled %,d decisions (%d answer sets) in %.1f s%n", count - have,
                    bulkFill.answerSets(), (System.nanoTime() - start) / 1e9);
            System.out.println("check: " + bulkFill.check(40));
        }
        try (Database database = Database.open(db)) {
            DecisionLog log = database.decisionLog();
            if (queries) {
                // The bulk fill's rows are of the bench's ruleset, whose rules an export reads them with.
                database.archive().store(BenchData.load().ruleset().bundle());
                queries(log, RulesetArchive.ofStored(database.archive(), RulesetArchive.CAPACITY));
            }
            if (retentionBatches > 0) {
                retentionTransaction(db);
                retention(log, bulkFill, retentionBatches);
                System.out.println("check: " + bulkFill.check(40));
            }
        }
    }

    private static void queries(DecisionLog log, RulesetArchive archive) throws IOException {
        DecisionCounts all = log.counts(null, null);
        String rule = nearest(all.rules(), all.decisions(), 12.0 / 170);
        String card = nearest(all.cards(), all.decisions(), 10.0 / 120);
        String path = nearest(all.paths(), all.decisions(), 1.0 / 8);
        String rare = all.rules().entrySet().stream().filter(e -> e.getValue() >= 100)
                .min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String version = log.recent(1).get(0).rulesetVersion();
        System.out.printf("%,d decisions; rule R = %s (%s), card C = %s (%s), path P = %s (%s), rare rule = %s"
                + " (%s), version V = %s%n", all.decisions(), rule, share(all.rules().get(rule), all), card,
                share(all.cards().get(card), all), path, share(all.paths().get(path), all), rare,
                share(all.rules().get(rare), all), version);
        Instant monthAgo = END.minus(Duration.ofDays(30));
        Instant weekAgo = END.minus(Duration.ofDays(7));
        System.out.println("| query | median ms | rows |");
        System.out.println("|---|---:|---:|");
        time("newest 100, no filter", () -> log.query(new DecisionQuery(null, null, null, null, null, null, null,
                100)).size());
        time("rule R, last 30 days, 100", () -> log.query(new DecisionQuery(monthAgo, END, null, rule, null,
                null, null, 100)).size());
        time("card C, last 30 days, 100", () -> log.query(new DecisionQuery(monthAgo, END, null, null, card,
                null, null, 100)).size());
        time("path P, last 7 days, 100", () -> log.query(new DecisionQuery(weekAgo, END, null, null, null,
                path, null, 100)).size());
        time("rare rule, whole year, 100", () -> log.query(new DecisionQuery(null, null, null,
                rare, null, null, null, 100)).size());
        time("version V, 100", () -> log.query(new DecisionQuery(null, null, version, null, null, null, null,
                100)).size());
        time("10th page of rule R (cursor), 100", () -> {
            DecisionQuery.Cursor cursor = null;
            int rows = 0;
            for (int page = 0; page < 10; page++) {
                var found = log.query(new DecisionQuery(null, END, null, rule, null, null, cursor, 100));
                rows = found.size();
                var last = found.get(found.size() - 1);
                cursor = new DecisionQuery.Cursor(last.createdAt(), last.id());
            }
            return rows;
        });
        time("counts per rule/card/path, last 7 days", () -> (int) log.counts(weekAgo, END).decisions());
        time("counts per rule/card/path, last 30 days", () -> (int) log.counts(monthAgo, END).decisions());
        // Not at midnight: partial days at both ends, counted from the rows.
        time("counts per rule/card/path, last 30 days from 12:00 to 18:00", () -> (int) log.counts(
                monthAgo.plus(Duration.ofHours(12)), END.minus(Duration.ofHours(6))).decisions());
        time("counts per rule/card/path, everything", () -> (int) log.counts(null, null).decisions());
        long start = System.nanoTime();
        long written = DecisionExport.write(log, monthAgo, END, null, archive,
                OutputStream.nullOutputStream());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("| export last 30 days as NDJSON | %.0f | %,d (%,.0f decisions/s) |%n", seconds * 1000,
                written, written / seconds);
    }

    /** The key whose share of the decisions is nearest {@code share}. */
    private static String nearest(Map<String, Long> counts, long decisions, double share) {
        return counts.entrySet().stream()
                .min(Comparator.comparingDouble(e -> Math.abs((double) e.getValue() / decisions - share)))
                .orElseThrow().getKey();
    }

    private static String share(long n, DecisionCounts all) {
        return String.format("%.2f %%", 100.0 * n / all.decisions());
    }

    /**
     * Deletes {@code batches} retention batches (the oldest decisions, {@value #RETENTION_BATCH} each, as
     * {@code Retention} does, with its 20 ms pause) while four threads append real decisions, after 5 s
     * of the same appends alone; prints each batch's time and the appends' latency in both phases.
     */
    private static void retention(DecisionLog log, BulkFill fill, int batches) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> alone = new CopyOnWriteArrayList<>();
        List<Long> during = new CopyOnWriteArrayList<>();
        AtomicReference<List<Long>> sink = new AtomicReference<>(alone);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> appenders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            appenders.add(pool.submit(() -> {
                Random random = new Random(seed);
                while (!stop.get()) {
                    DecisionRecord record = fill.fresh(random, END.minusSeconds(random.nextInt(3_600)));
                    long start = System.nanoTime();
                    log.append(record);
                    sink.get().add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        Thread.sleep(5_000);
        sink.set(during);
        Instant cutoff = END.minus(SPAN).plus(Duration.ofDays(60));
        long[] nanos = new long[batches];
        int deleted = 0;
        for (int b = 0; b < batches; b++) {
            long start = System.nanoTime();
            deleted += log.deleteOlderThan(cutoff, RETENTION_BATCH);
            nanos[b] = System.nanoTime() - start;
            Thread.sleep(20);
        }
        stop.set(true);
        for (Future<?> appender : appenders) {
            appender.get();
        }
        pool.shutdown();
        System.out.printf("retention: %d batches, %,d decisions deleted; per batch (transaction, then the"
                + " follow-up of an erasure) ms: %s; median %.0f, max %.0f%n", batches, deleted,
                Arrays.stream(nanos).mapToObj(n -> String.format("%.0f", n / 1e6)).toList(), median(nanos) / 1e6,
                Arrays.stream(nanos).max().orElse(0) / 1e6);
        System.out.println("appends alone (5 s):      " + latency(alone));
        System.out.println("appends during retention: " + latency(during));
    }

    /**
     * The transaction of one retention batch alone, without the follow-up (VACUUM, checkpoint) that
     * {@code deleteOlderThan} runs after it: {@code JdbcDecisionLog.deleteOlderThan}'s statements on the
     * 500 oldest decisions, rolled back, five times on a connection of its own; prints the median.
     */
    private static void retentionTransaction(String db) throws Exception {
        String url = DbSetting.parse(db).jdbcUrl();
        boolean postgres = url.startsWith("jdbc:postgresql:");
        long[] nanos = new long[5];
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    if (postgres) {
                        statement.execute("LOCK TABLE decision_counts IN EXCLUSIVE MODE");
                    }
                    // deleteOlderThan reads these ids first, then deletes by them.
                    String batch = "(SELECT id FROM decisions ORDER BY created_at, id LIMIT " + RETENTION_BATCH + ")";
                    statement.executeUpdate("DELETE FROM feedback WHERE decision_id IN " + batch);
                    statement.executeUpdate("DELETE FROM decisions WHERE id IN " + batch);
                }
                nanos[i] = System.nanoTime() - start;
                connection.rollback();
            }
        }
        System.out.printf("one retention batch's transaction alone (rolled back), ms: %s; median %.0f%n",
                Arrays.stream(nanos).mapToObj(n -> String.format("%.0f", n / 1e6)).toList(), median(nanos) / 1e6);
    }

    private static String latency(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "none";
        }
        return String.format("%,d appends, median %.1f ms, p99 %.1f ms, max %.1f ms", sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void fill(DecisionLog log, int from, int to, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger(from);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    log.append(decision(i, to));
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
    }

    private static DecisionRecord decision(int i, int count) {
        Random random = new Random(i);
        Instant at = END.minus(SPAN).plusMillis((long) ((double) i / count * SPAN.toMillis()));
        StringBuilder trace = new StringBuilder("{\"format\":3,\"trace\":[");
        int[] rules = random.ints(0, 170).distinct().limit(12).toArray();
        for (int r = 0; r < rules.length; r++) {
            trace.append(r == 0 ? "" : ",").append("{\"seq\":").append(r + 1).append(",\"ruleId\":\"rule.r")
                    .append(rules[r]).append("\"}");
        }
        if (i % 1000 == 0) {
            trace.append(",{\"seq\":13,\"ruleId\":\"rule.rare\"}");
        }
        trace.append("],\"withheld\":[]}");
        StringBuilder plan = new StringBuilder("{\"path\":{\"id\":\"path.p").append(random.nextInt(8))
                .append("\",\"because\":[1]},\"cards\":[");
        int[] cards = random.ints(0, 120).distinct().limit(10).toArray();
        plan.append(String.join(",", Arrays.stream(cards).mapToObj(c -> "{\"id\":\"card.c" + c + "\",\"because\":[1]}")
                .toList())).append("]}");
        return new DecisionRecord(String.format("d%08d", i), at, String.format("version%04d", i * 12 / count),
                "subject-" + random.nextInt(200_000), null, null, null,
                "{\"sa_unseen\":\"yes\",\"talk_minutes_per_day\":" + random.nextInt(120) + "}", plan.toString(),
                trace.toString());
    }

    private static void time(String what, Supplier<Integer> query) {
        query.get(); // warm
        long[] nanos = new long[5];
        int rows = 0;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            rows = query.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("| %s | %.1f | %,d |%n", what, nanos[2] / 1e6, rows);
    }
}
