package org.rekindle.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.audit.BundleArchive;
import org.rekindle.audit.DecisionLogException;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;

/**
 * A replica that serves what is published in the database ({@code --rules-from db}). One thread waits
 * for a publication (a PostgreSQL notification, a reconnect, or {@link #PERIOD} without either), then
 * re-reads the published version; when it is not the live one it loads the version's files from the
 * archive and offers them to {@link LiveRuleset}, the same acceptance a reload runs. A version this
 * replica refuses is not tried again; the last good one stays live and {@link #status} says why. Every
 * turn also reports the replica's state (its heartbeat) to the database for the fleet view.
 */
public final class PublicationFollower implements AutoCloseable {

    /** The longest a replica goes without re-reading the published version (and without a heartbeat). */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    /**
     * What this replica knows of the published version.
     *
     * @param replica   this replica's name
     * @param published the published version last read, null before one was published
     * @param refused   the published version this replica could not accept, null when none
     * @param problems  why it was refused
     * @param shadow    what this replica knows of the version in shadow; null when none runs
     */
    public record Status(String replica, String published, String refused, List<Problem> problems,
            ShadowStatus shadow) {

        Status withShadow(ShadowStatus next) {
            return new Status(replica, published, refused, problems, next);
        }
    }

    /**
     * The version in shadow as this replica holds it.
     *
     * @param version  the version in shadow
     * @param ready    true once it is compiled and accepted here, so its diffs are stored and a promote is a swap
     * @param problems why this replica refused it (then it shadows nothing and would not promote it either)
     */
    public record ShadowStatus(String version, boolean ready, List<Problem> problems) {

        public boolean refused() {
            return !ready && !problems.isEmpty();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PublicationFollower.class);

    private final BundleArchive archive;
    private final LiveRuleset live;
    private final String replica;
    private final Clock clock;
    private final Thread thread;
    private volatile Status status;
    private volatile boolean closed;
    private boolean unreachable;

    private PublicationFollower(BundleArchive archive, LiveRuleset live, String replica, Clock clock) {
        this.archive = archive;
        this.live = live;
        this.replica = replica;
        this.clock = clock;
        this.status = new Status(replica, null, null, List.of(), null);
        this.thread = new Thread(this::run, "rekindle-publication-follower");
        thread.setDaemon(true);
    }

    /**
     * Follows the published version from now on. The caller has already made a ruleset live (the
     * published one, when there was one, through {@link #catchUp}).
     */
    public static PublicationFollower start(BundleArchive archive, LiveRuleset live, String replica, Clock clock) {
        PublicationFollower follower = new PublicationFollower(archive, live, replica, clock);
        follower.catchUp();
        follower.thread.start();
        return follower;
    }

    public Status status() {
        return status;
    }

    /**
     * Reads the published version and, if it is neither live nor already refused, offers it; then reports.
     * Called by the follower's thread, by start-up (which catches up before the port opens) and by {@code
     * POST /v1/admin/reload} on a replica (which re-reads now instead of within {@link #PERIOD}): one at a
     * time, so that two turns never offer the same version at once or overwrite each other's status.
     *
     * @return what this replica knows of the published version after the turn
     * @throws org.rekindle.audit.DecisionLogException when the database cannot be read
     */
    public synchronized Status catchUp() {
        Optional<BundleArchive.Publication> publication = archive.published();
        String liveVersion = liveVersion();
        if (publication.isPresent()) {
            String version = publication.get().version();
            Status known = status;
            if (!version.equals(liveVersion) && !version.equals(known.refused())) {
                offer(version);
            } else if (version.equals(liveVersion) && known.refused() != null) {
                status = new Status(replica, version, null, List.of(), known.shadow());
            } else if (!version.equals(known.published())) {
                status = new Status(replica, version, known.refused(), known.problems(), known.shadow());
            }
        }
        followShadow(archive.shadowed().map(BundleArchive.Publication::version).orElse(null));
        ShadowStatus shadow = status.shadow();
        archive.report(new BundleArchive.ReplicaReport(replica, liveVersion(), status.refused(),
                shadow != null && shadow.ready() ? shadow.version() : null,
                shadow != null && shadow.refused() ? shadow.version() : null, clock.instant()));
        return status;
    }

    /**
     * Holds the version in shadow compiled and accepted beside the live one (or lets it go when the shadow
     * ended). A candidate refused here is not tried again; it is reported and never served or compared.
     */
    private void followShadow(String version) {
        ShadowStatus known = status.shadow();
        if (version == null || version.equals(liveVersion())) {
            if (known != null) {
                live.unstage();
                status = status.withShadow(null);
            }
            return;
        }
        if (known != null && known.version().equals(version)) {
            return; // ready, or refused: either way decided
        }
        Optional<Bundle> bundle = archive.bundle(version);
        long start = System.nanoTime();
        LiveRuleset.Attempt attempt = bundle.isPresent() ? live.stage(bundle.get())
                : new LiveRuleset.Attempt(clock.instant(), version, false, List.of(Problem.inFile("rules/",
                        "ruleset " + version + " is in shadow but its files are not in the decision log")));
        if (attempt.accepted()) {
            status = status.withShadow(new ShadowStatus(version, true, List.of()));
            LOG.info("ruleset {} is in shadow here, ready in {} ms: live requests are compared with it",
                    version, (System.nanoTime() - start) / 1_000_000);
        } else {
            live.unstage();
            status = status.withShadow(new ShadowStatus(version, false, attempt.problems()));
            LOG.warn("ruleset {} in shadow was refused here with {} problem(s); nothing is compared, ruleset {} "
                    + "stays live (GET /v1/ruleset shows why)", version, attempt.problems().size(), liveVersion());
        }
    }

    private void offer(String version) {
        long start = System.nanoTime();
        // A promoted candidate is already compiled and accepted here: the swap needs no files.
        Optional<LiveRuleset.Attempt> promoted = live.promote(version);
        Optional<Bundle> bundle = promoted.isPresent() ? Optional.empty() : archive.bundle(version);
        LiveRuleset.Attempt attempt = promoted.orElseGet(() -> bundle.isPresent() ? live.offer(bundle.get())
                : live.failed(version, Problem.inFile("rules/", "ruleset " + version + " is published but its files "
                        + "are not in the decision log")));
        ShadowStatus shadow = status.shadow();
        if (shadow != null && shadow.version().equals(version)) {
            shadow = null; // promoted: no longer in shadow
        }
        if (attempt.accepted()) {
            status = new Status(replica, version, null, List.of(), shadow);
            LOG.info("ruleset {} is live in {} ms: it was published{}", version, (System.nanoTime() - start) / 1_000_000,
                    promoted.isPresent() ? " (promoted from shadow, no compiling)" : "");
        } else {
            status = new Status(replica, version, version, attempt.problems(), shadow);
            LOG.warn("published ruleset {} was refused here with {} problem(s); ruleset {} stays live (GET /health "
                    + "and GET /v1/ruleset show it)", version, attempt.problems().size(), liveVersion());
        }
    }

    private String liveVersion() {
        return live.version().orElse(null);
    }

    private void run() {
        while (!closed) {
            archive.awaitPublication(PERIOD.toMillis());
            if (closed) {
                return;
            }
            try {
                catchUp();
                if (unreachable) {
                    LOG.info("the published ruleset can be read again");
                    unreachable = false;
                }
            } catch (DecisionLogException e) {
                if (!unreachable) { // once per outage; the next turn tries again
                    LOG.warn("could not read the published ruleset: {}; ruleset {} stays live", e.getMessage(),
                            liveVersion());
                    unreachable = true;
                }
            } catch (RuntimeException e) {
                LOG.error("following the published ruleset failed: {}; trying again in {} ms", e.toString(),
                        PERIOD.toMillis());
            }
        }
    }

    /** Stops following; waits for a turn in progress to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Reloader.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
