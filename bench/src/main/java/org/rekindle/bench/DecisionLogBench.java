package org.rekindle.bench;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.rekindle.api.audit.DecisionExport;
import org.rekindle.audit.Database;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.DecisionQuery;
import org.rekindle.decision.DecisionRecord;

/**
 * Fills a decision log with synthetic decisions spread over a year (ids, paths, rules and cards drawn
 * like the checkout's: 8 paths, 170 rules, 120 cards, about 12 firings and 10 cards per decision; small
 * JSON, since what is measured is the indexes, not the payload), then times the auditor's queries and
 * an export. Usage: {@code DecisionLogBench DB [COUNT [THREADS]]}; an existing log is reused (and filled
 * up) when it holds fewer than COUNT decisions. Appends are durable group commits of up to 256
 * decisions, so the fill is as fast as the threads keep the writer's queue full: 32 by default, 256 to
 * fill a million on a slow disk.
 */
public final class DecisionLogBench {

    private static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(365);

    private DecisionLogBench() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        try (Database database = Database.open(db)) {
            DecisionLog log = database.decisionLog();
            long have = log.counts(null, null).decisions();
            if (have < count) {
                long start = System.nanoTime();
                fill(log, (int) have, count, threads);
                System.out.printf("filled %,d decisions in %.1f s%n", count - have, (System.nanoTime() - start) / 1e9);
            }
            Instant monthAgo = END.minus(Duration.ofDays(30));
            Instant weekAgo = END.minus(Duration.ofDays(7));
            System.out.println("| query | median ms | rows |");
            System.out.println("|---|---:|---:|");
            time("newest 100, no filter", () -> log.query(new DecisionQuery(null, null, null, null, null, null, null,
                    100)).size());
            time("rule R, last 30 days, 100", () -> log.query(new DecisionQuery(monthAgo, END, null, "rule.r17", null,
                    null, null, 100)).size());
            time("card C, last 30 days, 100", () -> log.query(new DecisionQuery(monthAgo, END, null, null, "card.c42",
                    null, null, 100)).size());
            time("path P, last 7 days, 100", () -> log.query(new DecisionQuery(weekAgo, END, null, null, null,
                    "path.p3", null, 100)).size());
            time("rare rule (1 in 1000), whole year, 100", () -> log.query(new DecisionQuery(null, null, null,
                    "rule.rare", null, null, null, 100)).size());
            time("version V, 100", () -> log.query(new DecisionQuery(null, null, "version0007", null, null, null, null,
                    100)).size());
            time("10th page of rule R (cursor), 100", () -> {
                DecisionQuery.Cursor cursor = null;
                int rows = 0;
                for (int page = 0; page < 10; page++) {
                    var found = log.query(new DecisionQuery(null, END, null, "rule.r17", null, null, cursor, 100));
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
            int[] exported = {0};
            long written = DecisionExport.write(log, monthAgo, END, null, OutputStream.nullOutputStream());
            exported[0] = (int) written;
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("| export last 30 days as NDJSON | %.0f | %,d (%,.0f decisions/s) |%n", seconds * 1000,
                    exported[0], exported[0] / seconds);
        }
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
