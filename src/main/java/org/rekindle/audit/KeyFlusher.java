package org.rekindle.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the pending keys ({@link KeySets}) are posted, and on which thread. The group-commit writer
 * calls {@link #tidy} between its batches: once {@link #AFTER} decisions were appended since the last
 * flush, the oldest {@link #BATCH} are posted; an idle writer posts them all. On SQLite, which has one
 * writer at a time, the flush runs on the writer thread itself: on another it would hold the write lock while
 * the writer's commit waited in SQLite's busy back-off, longer than the flush. On PostgreSQL it runs on a
 * thread of its own, beside the appends: they add to other rows of the counts.
 */
final class KeyFlusher implements AutoCloseable {

    /**
     * A batch of 128 decisions posts some 300 keys, each on its key's page once; the flush stays short
     * beside the appends it holds up on SQLite.
     */
    static final int AFTER = 64;
    static final int BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(KeyFlusher.class);

    private final Database database;
    private final KeySets pending;
    /** Null on SQLite: flushes run on the writer thread. */
    private final ExecutorService background;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Decisions appended since the last flush. */
    private final AtomicInteger unflushed = new AtomicInteger();
    /** Whether an idle writer may find keys to move (at first: those an earlier run left pending). */
    private volatile boolean maybePending = true;
    private volatile boolean held;
    /** The keys stay pending meanwhile, and queries and counts read them there. */
    private final FailureNotice failure = new FailureNotice(LOG, "posting pending keys failed; tried again after"
            + " the next commits");

    KeyFlusher(Database database, KeySets pending) {
        this.database = database;
        this.pending = pending;
        this.background = database.dialect() == Dialect.POSTGRESQL
                ? Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "rekindle-decision-log-keys");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    /** Counts decisions whose keys the writer's last commit left pending. */
    void appended(int decisions) {
        unflushed.addAndGet(decisions);
    }

    /** The writer's upkeep between batches; see {@link GroupCommit.Transaction#tidy}. */
    void tidy(boolean idle, BooleanSupplier queued) throws SQLException {
        if (held || (idle ? !maybePending && unflushed.get() == 0 : unflushed.get() < AFTER)) {
            return;
        }
        if (background == null) {
            flush(idle, queued);
        } else if (running.compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    // Beside the appends: an idle drain need not stop for them.
                    flush(idle, () -> false);
                    failure.worked();
                } catch (SQLException | RuntimeException e) {
                    failure.failed(e);
                } finally {
                    running.set(false);
                }
            });
        }
    }

    private void flush(boolean idle, BooleanSupplier queued) throws SQLException {
        try (Connection connection = database.connection()) {
            int moved;
            do {
                int batch = pending.flush(connection, BATCH);
                unflushed.updateAndGet(n -> Math.max(0, n - batch));
                moved = batch;
            } while (idle && moved == BATCH && !queued.getAsBoolean());
            maybePending = moved == BATCH || unflushed.get() > 0;
        }
    }

    /** Stops (or lets again) the writer posting pending keys by itself; for tests that need them kept. */
    void hold(boolean hold) {
        held = hold;
    }

    /** Waits for a flush under way to end. */
    @Override
    public void close() {
        if (background == null) {
            return;
        }
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("decision log: a flush of pending keys did not end within 30 s of closing; its keys stay"
                        + " pending until the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
