package org.rekindle.audit;

import java.time.Instant;

/** One decision as a list of decisions shows it: who made it when and with what, not what was answered. */
public record DecisionSummary(String id, Instant createdAt, String rulesetVersion, String path) {
}
