package org.rekindle.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's WAL into the database file on a thread of its own, so that the decision writer does
 * not. SQLite's automatic checkpoint runs in the connection whose commit crosses the WAL's limit: that
 * commit, and every assessment waiting on it, waited while some 40 MB were copied and synced, about twice
 * a second under load, which set the 99th percentile. A {@code PASSIVE} checkpoint here every
 * {@link #PERIOD_MILLIS} copies what has been committed since, beside the writer (SQLite lets a
 * checkpoint run while a writer appends). The automatic one is kept: only a checkpoint with no writer
 * beside it lets the WAL start over, so the writer still runs it once the WAL holds
 * {@link Dialect#SQLITE_WAL_AUTOCHECKPOINT_PAGES}, but finds little left to copy. Every 10 ms: p99 86 to
 * 36 ms at the same throughput; every 200 ms left more for the writer's (95 to 77 ms;
 * docs/BENCHMARKS.md).
 */
final class WalCheckpoints implements AutoCloseable {

    static final long PERIOD_MILLIS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);

    private final Database database;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread checkpointer = new Thread(task, "rekindle-decision-log-checkpoint");
        checkpointer.setDaemon(true);
        return checkpointer;
    });
    /** Whether anything was committed since the last checkpoint. */
    private final AtomicBoolean committed = new AtomicBoolean();
    /** The writer's automatic checkpoint still bounds the WAL meanwhile. */
    private final FailureNotice failure = new FailureNotice(LOG, "a background WAL checkpoint failed; the"
            + " writer's automatic checkpoint copies the WAL meanwhile");

    WalCheckpoints(Database database) {
        this.database = database;
        thread.scheduleWithFixedDelay(this::checkpoint, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Tells that a transaction committed: the next period copies it. */
    void committed() {
        committed.set(true);
    }

    private void checkpoint() {
        if (!committed.getAndSet(false)) {
            return;
        }
        try (Connection connection = database.connection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            failure.worked();
        } catch (SQLException | RuntimeException e) {
            failure.failed(e);
        }
    }

    /** Stops checkpointing; the last committed pages are copied by SQLite as the last connection closes. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
