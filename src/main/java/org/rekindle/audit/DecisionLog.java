package org.rekindle.audit;

import java.util.List;
import java.util.Optional;

import org.rekindle.decision.DecisionKeys;
import org.rekindle.decision.DecisionRecord;

/**
 * Where decisions go. The contract callers rely on:
 * <ul>
 *   <li>{@link #append} returns only once the record is durably committed (it survives a kill -9
 *       of the process right after); it throws {@link DecisionLogException} when it could not be
 *       stored, never drops a record silently.</li>
 *   <li>Implementations are thread-safe; concurrent appends may be committed together in one
 *       transaction (group commit), each caller still waiting for its own commit.</li>
 *   <li>Never log answers or plans: they are intimate personal data.</li>
 * </ul>
 * {@link Database#open} opens it, beside the {@link BundleArchive} in the same database; closing the
 * database commits what is queued.
 */
public interface DecisionLog {

    /**
     * Stores one decision durably, indexed by its keys; blocks until committed.
     *
     * @param keys the ids the decision is filtered and counted by, taken from the decision itself
     *             ({@code DecisionCodec.keys(decision)}) so that the one writer thread does not parse the
     *             row again
     */
    void append(DecisionRecord record, DecisionKeys keys);

    /** Stores one decision durably, its keys read from its JSON; blocks until committed. */
    void append(DecisionRecord record);

    /** The decision with this id, if stored. */
    Optional<DecisionRecord> find(String id);

    /** The most recent decisions, newest first, at most {@code limit}. */
    List<DecisionRecord> recent(int limit);

    /**
     * Every decision of a couple that {@code owner} created (every owner's when null), oldest first:
     * both partners' assessments, told apart by {@link DecisionRecord#partner()}.
     */
    List<DecisionRecord> ofCouple(String couple, String owner);

    /**
     * Every decision of a subject that {@code owner} created (every owner's when null), oldest first:
     * the subject's history.
     */
    List<DecisionRecord> ofSubject(String subject, String owner);

    /**
     * Stores feedback on the cards of a stored decision, durably, in one transaction; it is erased with
     * the decision.
     */
    void appendFeedback(List<FeedbackRecord> items);

    /** The feedback on one decision, in the order it was stored. */
    List<FeedbackRecord> feedback(String decisionId);

    /** Every feedback item stored, for the counts per rule and per card (no comments are read). */
    List<FeedbackRecord> allFeedback();

    /**
     * Deletes every decision of a subject that {@code owner} created (every owner's when null);
     * returns how many were deleted. Subjects are the apps' pseudonyms, so one app's subject "42"
     * is not another's.
     */
    int eraseSubject(String subject, String owner);

    /** Deletes one decision; returns whether it existed. */
    boolean erase(String id);

    /**
     * The decisions that match {@code query}, newest first (by creation time, then id), at most its
     * limit. Decisions stored before paths, rules and cards were indexed match only by time and version.
     */
    List<DecisionSummary> query(DecisionQuery query);

    /** What the decisions created in {@code [from, to)} count per rule, card and path (nulls: unbounded). */
    DecisionCounts counts(java.time.Instant from, java.time.Instant to);

    /**
     * Hands every decision created in {@code [from, to)} to {@code sink}, oldest first, reading in pages
     * so that a long period never sits in memory.
     */
    void export(java.time.Instant from, java.time.Instant to, java.util.function.Consumer<DecisionRecord> sink);

    /**
     * Deletes at most {@code batch} decisions created before {@code cutoff}, oldest first, in one short
     * transaction, with the same follow-up as an erasure (the bytes are gone, see the dialects); returns
     * how many. Retention calls it until it returns less than {@code batch}.
     */
    int deleteOlderThan(java.time.Instant cutoff, int batch);

    /** How many decisions {@link #deleteOlderThan} deleted since the log was opened. */
    long expired();

    /**
     * Whether decisions can be stored now, for readiness. Learnt from the log's own writes; while it
     * cannot write and no decision was tried for a moment, this may try the database itself (bounded by
     * the connection timeout, 1 s), so that readiness comes back without traffic.
     */
    Availability availability();

    /**
     * @param writable  the last write committed (or, with no traffic, the database answered)
     * @param downSince when the outage began; null while writable
     * @param refused   decisions refused since then
     * @param reason    what the first failure said; null while writable
     */
    record Availability(boolean writable, java.time.Instant downSince, long refused, String reason) {
    }

    /** Counts of what the log did since start, for /metrics. */
    Stats stats();

    /**
     * Monotonic counters since the log was opened.
     *
     * @param appended decisions committed
     * @param failed   appends that threw {@link DecisionLogException}: the decision was not stored
     *                 (its transaction failed, its id already existed, or the database was closed)
     * @param commits  transactions committed; with group commit, fewer than {@code appended}
     */
    record Stats(long appended, long failed, long commits) {
    }
}
