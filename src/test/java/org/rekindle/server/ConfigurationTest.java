package org.rekindle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.rekindle.engine.EvaluationLimits;

/** The one configuration: what it holds when nothing is set, and how it refuses a bad setting. */
class ConfigurationTest {

    @Test
    void theDefaultsAreWhatServeRunsWithWhenNothingIsSet() {
        Configuration config = Configuration.defaults();

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.rules()).isEqualTo(Path.of("rules"));
        assertThat(config.content()).isEqualTo(Path.of("content"));
        assertThat(config.db().sqliteFile()).isEqualTo(Path.of("data/rekindle.db"));
        assertThat(config.access().isOpen()).isTrue();
        assertThat(config.maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(config.limits()).isEqualTo(EvaluationLimits.DEFAULT);
        assertThat(config.watch()).isTrue();
        assertThat(config.retentionDays()).isZero();
        assertThat(config.rulesFrom()).isEqualTo(Configuration.RulesFrom.FILE);
        assertThat(config.replica()).isNotBlank();
    }

    @Test
    void aChangeLeavesEverythingElseAsItWas() {
        Configuration config = Configuration.defaults().withPort(0).withDb("jdbc:postgresql://db/rekindle?password=x")
                .withRetentionDays(30);

        assertThat(config.port()).isZero();
        assertThat(config.db().shown()).isEqualTo("jdbc:postgresql://db/rekindle?password=***");
        assertThat(config.retentionDays()).isEqualTo(30);
        assertThat(config.withPort(1).watch()).isTrue();
        assertThat(config.maxBodyBytes()).isEqualTo(Configuration.DEFAULT_MAX_BODY_BYTES);
    }

    @Test
    void eachBadSettingIsRefusedNamingItsFlagAndVariable() {
        Configuration config = Configuration.defaults();

        assertThatThrownBy(() -> config.withPort(-1)).hasMessageContaining("--port (or REKINDLE_PORT)");
        assertThatThrownBy(() -> config.withMaxBodyBytes(10)).hasMessageContaining("--max-body");
        assertThatThrownBy(() -> config.withRetentionDays(-1))
                .hasMessageContaining("--retention-days (or REKINDLE_RETENTION_DAYS)");
        assertThatThrownBy(() -> config.withLimits(new EvaluationLimits(1, Duration.ofHours(1))))
                .hasMessageContaining("--evaluation-budget-ms (or REKINDLE_EVALUATION_BUDGET_MS)");
        assertThatThrownBy(() -> Configuration.RulesFrom.parse("s3"))
                .hasMessageContaining("--rules-from (or REKINDLE_RULES_FROM)");
        assertThatThrownBy(() -> config.withDb("jdbc:sqlite::memory:")).hasMessageContaining("in-memory");
    }
}
