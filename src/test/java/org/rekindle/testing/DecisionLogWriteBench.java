package org.rekindle.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.rekindle.audit.DecisionLog;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.server.Rekindle;

/**
 * How many decision rows per second the decision log takes on PostgreSQL, with group commit, when
 * nothing else limits it: the capacity of one database in front of many replicas. The rows are real
 * stored-form decisions (a server in this JVM stores a few full questionnaires first, and their rows are
 * written again under fresh ids), appended by {@code threads} callers for {@code seconds} through
 * {@code replicas} decision logs (each replica has its own, with its own group-commit writer and so its
 * own PostgreSQL backend). In a fresh schema of the test server, dropped afterwards:
 * {@code java -cp target/rekindle.jar:target/test-classes org.rekindle.testing.DecisionLogWriteBench 64 10 3}.
 */
public final class DecisionLogWriteBench {

    private DecisionLogWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Rekindle server = Rekindle.start(Configs.onFreePort().withDb(database.jdbcUrl()))) {
            Http http = new Http(server.port());
            ObjectMapper json = new ObjectMapper();
            for (boolean safety : new boolean[] {false, true}) {
                Http.Response created = http.post("/v1/assessments",
                        json.writeValueAsString(java.util.Map.of("answers", Checkout.everythingWrong(safety))));
                if (created.status() != 201) {
                    throw new IllegalStateException("could not store a template decision: " + created.body());
                }
            }
            List<DecisionRecord> templates = server.decisionLog().recent(2);
            List<org.rekindle.audit.Database> databases = new ArrayList<>();
            List<DecisionLog> logs = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                databases.add(org.rekindle.audit.Database.open(database.jdbcUrl()));
                logs.add(databases.get(r).decisionLog());
            }
            long bytes = templates.stream().mapToLong(r -> r.answersJson().length() + r.planJson().length()
                    + r.traceJson().length()).sum() / templates.size();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong failed = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DecisionRecord template = templates.get(t % templates.size());
                DecisionLog log = logs.get(t % replicas);
                Thread writer = new Thread(() -> {
                    while (running.get()) {
                        try {
                            log.append(new DecisionRecord(UUID.randomUUID().toString(), java.time.Instant.now(),
                                    template.rulesetVersion(), template.subject(), template.couple(),
                                    template.partner(), template.owner(), template.answersJson(),
                                    template.planJson(), template.traceJson()));
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
                writers.add(writer);
            }
            long start = System.nanoTime();
            writers.forEach(Thread::start);
            Thread.sleep(seconds * 1_000L);
            running.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long rows = logs.stream().mapToLong(l -> l.stats().appended()).sum();
            long commits = logs.stream().mapToLong(l -> l.stats().commits()).sum();
            databases.forEach(org.rekindle.audit.Database::close);
            System.out.printf("decision log on PostgreSQL, %d logs, %d callers, %.1f s: %d rows (%.0f rows/s), "
                    + "%d commits (%.1f rows per commit), %d failed; stored-form row %d chars of JSON%n", replicas,
                    threads, elapsed, rows,
                    rows / elapsed, commits, commits == 0 ? 0.0 : (double) rows / commits, failed.get(), bytes);
        }
    }
}
