package org.rekindle.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.rekindle.decision.DecisionKeys;
import org.rekindle.decision.DecisionRecord;

/** A decision queued for the log, with the keys it is indexed and counted by. */
record IndexedDecision(DecisionRecord record, DecisionKeys keys) {

    /** When the decision was made, as stored: to the microsecond, the precision of PostgreSQL's timestamps. */
    Instant createdAt() {
        return record.createdAt().truncatedTo(ChronoUnit.MICROS);
    }
}
