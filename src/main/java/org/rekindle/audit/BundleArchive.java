package org.rekindle.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.rekindle.bundle.Bundle;

/**
 * The archive of ruleset versions beside the decision log, in the same database: the files of every
 * version that went live (content-addressed, never erased: they hold no one's answers, and every stored
 * decision is rebuilt and replayed from them), which version is published to the fleet, and what each
 * replica serves. Implementations are thread-safe.
 */
public interface BundleArchive {

    /** Stores the files of a ruleset version (content-addressed; storing one twice is a no-op). */
    void store(Bundle bundle);

    /** The files of a stored ruleset version, to rebuild it exactly. */
    Optional<Bundle> bundle(String version);

    /**
     * Makes a stored ruleset version the published one, the version every replica that follows the
     * database serves, and (on PostgreSQL) notifies the listening replicas in the same transaction.
     *
     * @throws IllegalArgumentException when no bundle of this version is stored
     */
    void publish(String version);

    /** The published ruleset version, if one was ever published. */
    Optional<Publication> published();

    /**
     * Waits up to {@code millis} for a publication to be announced, or returns at once after a lost
     * connection was re-established (a notification sent meanwhile is lost, so the caller re-reads
     * {@link #published}). Without notifications (SQLite), it simply waits.
     */
    void awaitPublication(long millis);

    /**
     * Puts a stored version in shadow: replicas that follow the database compile and accept it beside the
     * published one and evaluate live requests with it too, without serving it. Replaces any shadow
     * running; notifies like {@link #publish}.
     *
     * @throws IllegalArgumentException when no bundle of this version is stored
     */
    void shadow(String version);

    /** The version in shadow and since when, if one is. */
    Optional<Publication> shadowed();

    /** Ends the shadow, if one runs (its diffs stay, erased with their decisions); true when one ran. */
    boolean stopShadow();

    /**
     * Publishes the version in shadow and ends the shadow, in one transaction: replicas that hold the
     * candidate compiled swap to it without compiling again.
     *
     * @return the version now published
     * @throws IllegalStateException when no version is in shadow
     */
    String promote();

    /** Records what one replica serves now (a heartbeat). */
    void report(ReplicaReport report);

    /** The last report of every replica, by name. */
    List<ReplicaReport> replicas();

    /** A published version and when it was published. */
    record Publication(String version, Instant at) {
    }

    /**
     * @param replica  the replica's name, unique in the fleet (the host name by default)
     * @param live     the version it serves
     * @param refused  the published version it could not accept, if any (it keeps serving {@code live})
     * @param shadowReady   the version in shadow it holds compiled and accepted, ready to promote; null when none
     * @param shadowRefused the version in shadow it could not accept, if any (it shadows nothing then)
     * @param at       when it reported
     */
    record ReplicaReport(String replica, String live, String refused, String shadowReady, String shadowRefused,
            Instant at) {
    }
}
