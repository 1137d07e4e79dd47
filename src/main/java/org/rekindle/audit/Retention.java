package org.rekindle.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the decisions older than the retention period, on a schedule: at start and then every
 * {@code every}, in batches of {@link #BATCH} (one short transaction each, then the same follow-up as an
 * erasure: SQLite's secure_delete and a WAL checkpoint, PostgreSQL's VACUUM of the table), pausing between
 * batches so that appends and reads are never stalled behind one long delete. Feedback and couples are
 * columns of the decision rows, so they go with them; ruleset versions stay (they hold no one's answers).
 */
public final class Retention implements AutoCloseable {

    /** Decisions deleted per transaction. */
    static final int BATCH = 500;
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final DecisionLog log;
    private final Duration keep;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private Retention(DecisionLog log, Duration keep, Clock clock) {
        this.log = log;
        this.keep = keep;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rekindle-retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts deleting decisions older than {@code days} days, now and then every {@code every}.
     *
     * @throws IllegalArgumentException when {@code days} is less than 1
     */
    public static Retention start(DecisionLog log, int days, Duration every, Clock clock) {
        if (days < 1) {
            throw new IllegalArgumentException("the retention period must be at least 1 day, was " + days);
        }
        Retention retention = new Retention(log, Duration.ofDays(days), clock);
        retention.scheduler.scheduleWithFixedDelay(retention::runQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return retention;
    }

    /** Deletes, batch by batch, every decision created before now minus the period; returns how many. */
    public long run() {
        Instant cutoff = clock.instant().minus(keep);
        long total = 0;
        while (true) {
            int deleted = log.deleteOlderThan(cutoff, BATCH);
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            }
        }
    }

    private void runQuietly() {
        try {
            long deleted = run();
            if (deleted > 0) {
                LOG.info("retention: deleted {} decision(s) older than {} day(s)", deleted, keep.toDays());
            }
        } catch (RuntimeException e) {
            // The next run tries again; the message names the operation, never a decision's content.
            LOG.error("retention: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
