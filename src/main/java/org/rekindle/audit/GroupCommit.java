package org.rekindle.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Writes a batch in one transaction. */
    @FunctionalInterface
    interface Transaction {
        /**
         * Inserts the decisions and commits, or rolls back and throws.
         *
         * @return for each decision, in order, whether it was inserted; false when its id already existed
         */
        boolean[] commit(List<DecisionRecord> batch) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Transaction transaction;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread writer;
    private boolean closed;

    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    GroupCommit(Transaction transaction) {
        this.transaction = transaction;
        this.writer = new Thread(this::run, "rekindle-decision-log-writer");
        // A daemon does not hold the JVM open when close() is forgotten; a decision still waiting
        // then was never acknowledged, so nothing promised is lost.
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the decision and blocks until it is committed; throws if it was not. */
    void append(DecisionRecord record) {
        Pending pending = new Pending(record);
        lock.lock();
        try {
            if (closed) {
                failed.incrementAndGet();
                throw new DecisionLogException("could not append decision " + record.id()
                        + ": the decision log is closed", null);
            }
            queue.add(pending);
            queued.signal();
        } finally {
            lock.unlock();
        }
        pending.await();
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
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            } finally {
                lock.unlock();
            }
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        List<DecisionRecord> records = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            records.add(pending.record);
        }
        boolean[] inserted;
        try {
            inserted = transaction.commit(records);
        } catch (Throwable e) {
            // Catch everything: a writer that died would leave every later caller waiting forever.
            failed.addAndGet(batch.size());
            String reason = "its transaction of " + batch.size() + " decision(s) failed: " + e.getMessage();
            LOG.error("decision log: {}; each caller was told", reason);
            for (Pending pending : batch) {
                pending.fail("could not append decision " + pending.record.id() + ": " + reason, e);
            }
            return;
        }
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            if (inserted[i]) {
                appended.incrementAndGet();
                pending.succeed();
            } else {
                failed.incrementAndGet();
                LOG.warn("decision log: decision {} was not stored: a decision with this id already exists",
                        pending.record.id());
                pending.fail("could not append decision " + pending.record.id()
                        + ": a decision with this id already exists", null);
            }
        }
    }

    /** One queued decision and the outcome its caller waits for. */
    private static final class Pending {
        private final DecisionRecord record;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile String failure;
        private volatile Throwable cause;

        Pending(DecisionRecord record) {
            this.record = record;
        }

        void succeed() {
            done.countDown();
        }

        void fail(String message, Throwable cause) {
            this.cause = cause;
            this.failure = message;
            done.countDown();
        }

        /** Thrown in the caller's thread, so its stack trace shows who appended. */
        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DecisionLogException("interrupted while waiting for decision " + record.id()
                        + " to be committed; it may still be stored", e);
            }
            if (failure != null) {
                throw new DecisionLogException(failure, cause);
            }
        }
    }
}
