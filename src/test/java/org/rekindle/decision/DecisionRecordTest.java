package org.rekindle.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DecisionRecordTest {

    @Test
    void toStringNamesTheDecisionButNotWhatWasInIt() {
        DecisionRecord record = new DecisionRecord("d-1", Instant.parse("2025-03-01T09:30:00Z"), "a1b2c3d4e5f6",
                "subject-1", "couple-1", "a", "owner", "{\"note\":\"secret answer\"}", "{\"plan\":\"secret plan\"}",
                null);

        assertThat(record.toString())
                .isEqualTo("DecisionRecord[id=d-1, createdAt=2025-03-01T09:30:00Z, rulesetVersion=a1b2c3d4e5f6,"
                        + " answersJson=24 chars, planJson=22 chars, traceJson=null]")
                .doesNotContain("secret");
    }
}
