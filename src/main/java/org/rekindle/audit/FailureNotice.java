package org.rekindle.audit;

import org.slf4j.Logger;

/**
 * A background task's failure, logged once until the task works again: a database that is down fails
 * every round of the log's upkeep, and a warning per round would drown the one that matters (the
 * appends' outage is logged on its own).
 */
final class FailureNotice {

    private final Logger log;
    private final String what;
    private volatile boolean failing;

    /** @param what the task and what follows a failure, as the warning says it */
    FailureNotice(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** The task failed: warns, unless it already failed since it last worked. */
    void failed(Throwable e) {
        if (!failing) {
            log.warn("decision log: {} ({})", what, e.getMessage());
        }
        failing = true;
    }

    /** The task worked: its next failure is warned of again. */
    void worked() {
        failing = false;
    }
}
