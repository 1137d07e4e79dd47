package org.rekindle.audit;

import java.sql.SQLException;

/**
 * A task that many threads ask for and one run serves: {@link #await} returns once a run that
 * started after the call has finished, and concurrent callers share that run instead of each starting
 * their own. Erasures use it for what follows them (the PostgreSQL {@code VACUUM}, the SQLite WAL
 * checkpoint): a burst of erasures is one batch, vacuumed once or twice, not once per erasure queued
 * behind each other on the table's lock.
 *
 * <p>A caller that finds a run in progress waits for it to end and then for a run of its own batch,
 * since the one in progress may have started before its rows were deleted. A failed run fails its
 * runner; the callers it would have served try again themselves.
 */
final class Coalesced {

    /** The work, run by one of the waiting callers. */
    @FunctionalInterface
    interface Task {
        void run() throws SQLException;
    }

    private final Task task;
    private long requested;
    private long finished;
    private boolean running;

    Coalesced(Task task) {
        this.task = task;
    }

    /** Returns once a run of the task that started after this call has finished. */
    void await() throws SQLException {
        long ticket;
        long batch;
        synchronized (this) {
            ticket = ++requested;
            while (true) {
                if (finished >= ticket) {
                    return;
                }
                if (!running) {
                    running = true;
                    batch = requested;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the follow-up of an erasure", e);
                }
            }
        }
        boolean done = false;
        try {
            task.run();
            done = true;
        } finally {
            synchronized (this) {
                running = false;
                if (done) {
                    finished = Math.max(finished, batch);
                }
                notifyAll();
            }
        }
    }
}
