package org.rekindle.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the decision log can write, learnt from its own writes: the first failed write starts an
 * outage, the first one that commits ends it. An outage is logged twice, when it starts (with the
 * reason) and when it ends (with how long it lasted and how many decisions were refused meanwhile),
 * not once per refused decision: a database that is down for a minute under load would otherwise
 * write tens of thousands of identical lines.
 *
 * <p>Thread-safe; every method is short and never does I/O.
 */
final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final Clock clock;
    private Instant since;
    private long refused;
    private String reason;
    private long lastWriteNanos = System.nanoTime();

    Outage(Clock clock) {
        this.clock = clock;
    }

    /** A write of {@code decisions} decisions (0 for a probe) failed. */
    synchronized void failed(int decisions, String why) {
        lastWriteNanos = System.nanoTime();
        refused += decisions;
        if (since == null) {
            since = clock.instant();
            reason = why;
            LOG.error("decision log unavailable: {}; decisions are refused with 503 and /health answers 503 until a "
                    + "write succeeds again (further failures are counted, not logged)", why);
        }
    }

    /** A write committed. */
    synchronized void succeeded() {
        lastWriteNanos = System.nanoTime();
        if (since != null) {
            Duration lasted = Duration.between(since, clock.instant());
            LOG.warn("decision log available again after {} ms; {} decision(s) were refused with 503 meanwhile",
                    lasted.toMillis(), refused);
            since = null;
            reason = null;
            refused = 0;
        }
    }

    synchronized DecisionLog.Availability state() {
        return new DecisionLog.Availability(since == null, since, refused, reason);
    }

    /** Nanoseconds since the last write or probe ended, to tell whether a probe should stand in for traffic. */
    synchronized long idleNanos() {
        return System.nanoTime() - lastWriteNanos;
    }
}
