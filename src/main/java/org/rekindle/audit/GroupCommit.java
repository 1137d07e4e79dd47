package org.rekindle.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Group commit: callers queue their decision and wait; one writer thread takes everything queued
 * (up to {@link #MAX_BATCH}), writes it in one transaction and then wakes each caller with its own
 * outcome. Under load many decisions share one commit (one fsync on SQLite, one round trip on
 * PostgreSQL); alone, a decision is committed at once.
 *
 * <p>Nothing is dropped: a caller returns normally only once its decision is committed. When the
 * transaction fails, every caller of that batch gets a {@link DecisionLogException}; when only its
 * own id already existed, only that caller does. {@link #close} rejects new decisions, commits what
 * is queued and stops the writer.
 */
final class GroupCommit implements AutoCloseable {

    /** The most decisions written in one transaction. */
    static final int MAX_BATCH = 256;

    /** How long a decision stays queued while the log is unavailable before it is refused unwritten. */
    static final long OUTAGE_WAIT_MILLIS = 1_000;

    /** Writes a batch in one transaction. */
    @FunctionalInterface
    interface Transaction {
        /**
         * Inserts the decisions and commits, or rolls back and throws.
         *
         * @return for each decision, in order, whether it was inserted; false when its id already existed
         */
        boolean[] commit(List<IndexedDecision> batch) throws Exception;

        /**
         * Upkeep on the writer thread, between batches: after each commit ({@code idle} false), and after
         * {@link #IDLE_MILLIS} with nothing queued (true). A failure is logged and the writer goes on.
         *
         * @param queued whether decisions are waiting: long upkeep should stop then
         */
        default void tidy(boolean idle, BooleanSupplier queued) throws Exception {
        }
    }

    /** How long the writer waits with nothing queued before it calls {@link Transaction#tidy} as idle. */
    static final long IDLE_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Transaction transaction;
    private final Outage outage;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread writer;
    private boolean closed;
    /** Once until it works again: the appends' outage is already logged. */
    private final FailureNotice tidyFailure = new FailureNotice(LOG, "upkeep between commits failed; it is tried"
            + " again after the next commit");

    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    GroupCommit(Transaction transaction, Outage outage) {
        this.transaction = transaction;
        this.outage = outage;
        this.writer = new Thread(this::run, "rekindle-decision-log-writer");
        // A daemon does not hold the JVM open when close() is forgotten; a decision still waiting
        // then was never acknowledged, so nothing promised is lost.
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the decision and blocks until it is committed; throws if it was not. */
    void append(IndexedDecision decision) {
        Pending pending = new Pending(decision);
        lock.lock();
        try {
            if (closed) {
                failed.incrementAndGet();
                throw new DecisionLogException("could not append decision " + pending.id()
                        + ": the decision log is closed", null);
            }
            queue.add(pending);
            queued.signal();
        } finally {
            lock.unlock();
        }
        if (!pending.awaitFor(OUTAGE_WAIT_MILLIS) && !outage.state().writable() && withdraw(pending)) {
            // During an outage each batch waits out the connection timeout: a decision queued behind one
            // would wait for two. It is refused now, never written, so the caller's 503 stays true.
            failed.incrementAndGet();
            outage.failed(1, "the decision log is unavailable");
            throw new DecisionLogException("could not append decision " + pending.id()
                    + ": the decision log is unavailable", null, true);
        }
        pending.await();
    }

    /** Takes a decision the writer has not taken yet off the queue; false when it is already being written. */
    private boolean withdraw(Pending pending) {
        lock.lock();
        try {
            return queue.remove(pending);
        } finally {
            lock.unlock();
        }
    }

    DecisionLog.Stats stats() {
        return new DecisionLog.Stats(appended.get(), failed.get(), commits.get());
    }

    /** Rejects new decisions, commits every queued one, then stops the writer. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            boolean idle;
            lock.lock();
            try {
                idle = !awaitQueued();
                if (queue.isEmpty() && closed) {
                    return;
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            } finally {
                lock.unlock();
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
            tidy(idle);
        }
    }

    /** Waits, holding the lock, up to {@link #IDLE_MILLIS} for a decision or close; false if neither came. */
    private boolean awaitQueued() {
        long nanos = TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
        while (queue.isEmpty() && !closed) {
            if (nanos <= 0) {
                return false;
            }
            try {
                nanos = queued.awaitNanos(nanos);
            } catch (InterruptedException e) {
                // Nothing interrupts the writer; were it to, it would still have decisions to commit.
                Thread.interrupted();
            }
        }
        return true;
    }

    private void tidy(boolean idle) {
        try {
            transaction.tidy(idle, this::hasQueued);
            tidyFailure.worked();
        } catch (Throwable e) {
            tidyFailure.failed(e);
        }
    }

    private boolean hasQueued() {
        lock.lock();
        try {
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Pending> batch) {
        List<IndexedDecision> records = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            records.add(pending.decision);
        }
        boolean[] inserted;
        try {
            inserted = transaction.commit(records);
        } catch (Throwable e) {
            // Catch everything: a writer that died would leave every later caller waiting forever.
            // Logged once per outage, not per batch: see Outage.
            failed.addAndGet(batch.size());
            outage.failed(batch.size(), e.getMessage());
            String reason = "its transaction of " + batch.size() + " decision(s) failed: " + e.getMessage();
            for (Pending pending : batch) {
                pending.fail("could not append decision " + pending.id() + ": " + reason, e, true);
            }
            return;
        }
        outage.succeeded();
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            if (inserted[i]) {
                appended.incrementAndGet();
                pending.succeed();
            } else {
                failed.incrementAndGet();
                LOG.warn("decision log: decision {} was not stored: a decision with this id already exists",
                        pending.id());
                pending.fail("could not append decision " + pending.id()
                        + ": a decision with this id already exists", null, false);
            }
        }
    }

    /** One queued decision and the outcome its caller waits for. */
    private static final class Pending {
        private final IndexedDecision decision;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile String failure;
        private volatile Throwable cause;
        private volatile boolean reported;

        Pending(IndexedDecision decision) {
            this.decision = decision;
        }

        String id() {
            return decision.record().id();
        }

        void succeed() {
            done.countDown();
        }

        void fail(String message, Throwable cause, boolean reported) {
            this.cause = cause;
            this.reported = reported;
            this.failure = message;
            done.countDown();
        }

        /** Whether the outcome came within the time; false also when interrupted (then {@link #await} says so). */
        boolean awaitFor(long millis) {
            try {
                return done.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }

        /** Thrown in the caller's thread, so its stack trace shows who appended. */
        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DecisionLogException("interrupted while waiting for decision " + id()
                        + " to be committed; it may still be stored", e);
            }
            if (failure != null) {
                throw new DecisionLogException(failure, cause, reported);
            }
        }
    }
}
