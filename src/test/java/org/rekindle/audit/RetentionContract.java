package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Eventually;
import org.rekindle.testing.Http;

/**
 * Retention: a server started with a retention period deletes exactly the decisions older than it, at
 * once and in batches, and counts them in /metrics. Run once per database (see the subclasses).
 */
abstract class RetentionContract {

    static final String OLD_SUBJECT = "retention-old-subject-7f3a9c";
    static final String NEW_SUBJECT = "retention-new-subject-2b8d41";

    /** The decision log setting for this database. */
    abstract String db();

    /** Checks, after the server stopped, that the deleted decisions' bytes are gone (where it can be seen). */
    abstract void assertBytesGone(String db) throws Exception;

    @Test
    void decisionsOlderThanTheRetentionPeriodAreDeletedInBatchesAndCounted() throws Exception {
        String db = db();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int old = Retention.BATCH + 7; // more than one batch
        try (Database database = Database.open(db)) {
            DecisionLog log = database.decisionLog();
            for (int i = 0; i < old; i++) {
                log.append(DecisionLogContract.record("old-" + i, now.minus(Duration.ofDays(30)).minusSeconds(i + 1),
                        OLD_SUBJECT));
            }
            // Just inside the period, and recent: kept.
            log.append(DecisionLogContract.record("edge", now.minus(Duration.ofDays(30)).plusSeconds(600), NEW_SUBJECT));
            log.append(DecisionLogContract.record("new", now, NEW_SUBJECT));
        }
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db).withRetentionDays(30))) {
            Http http = new Http(server.port());
            Eventually.await(Duration.ofSeconds(30), "retention to delete the old decisions", () ->
                    server.decisionLog().expired() == old ? true : null);
            assertThat(http.get("/metrics").body()).contains("rekindle_decision_log_expired_total " + old + ".0");
            DecisionLog log = server.decisionLog();
            assertThat(log.find("old-0")).isEmpty();
            assertThat(log.find("old-" + (old - 1))).isEmpty();
            assertThat(log.find("edge")).isPresent();
            assertThat(log.find("new")).isPresent();
            assertThat(log.query(new DecisionQuery(null, null, null, null, null, null, null, 1000)))
                    .extracting(DecisionSummary::id).containsExactly("new", "edge");
            // The keys of deleted decisions went with them.
            assertThat(log.counts(null, null).cards().get("steps.talk")).isEqualTo(2L);
        }
        assertBytesGone(db);
    }
}
