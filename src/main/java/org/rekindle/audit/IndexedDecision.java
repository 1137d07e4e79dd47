package org.rekindle.audit;

import org.rekindle.decision.DecisionKeys;
import org.rekindle.decision.DecisionRecord;

/** A decision queued for the log, with the keys it is indexed and counted by. */
record IndexedDecision(DecisionRecord record, DecisionKeys keys) {
}
