package org.rekindle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import io.javalin.Javalin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.api.RekindleApp;
import org.rekindle.api.access.Access;
import org.rekindle.audit.Database;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.Reloader;
import org.rekindle.server.Configuration;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/** A start-up says what matters once, and nothing false. */
class QuietStartTest {

    @TempDir
    Path dir;

    @Test
    void theOpenAccessWarningIsLoggedOncePerProcessAndRepeatedByEachServersHealth() {
        try (LogCapture logged = LogCapture.start()) {
            try (Rekindle first = start("first.db"); Rekindle second = start("second.db")) {
                for (Rekindle server : new Rekindle[] {first, second}) {
                    assertThat(new Http(server.port()).get("/health").json().path("warning").asText())
                            .contains("no tokens are configured");
                }
            }
            assertThat(logged.text().split("NO TOKENS CONFIGURED", -1).length - 1)
                    .as("warnings in %s", logged.text()).isLessThanOrEqualTo(1);
        }
    }

    /**
     * The server builds the app while its first ruleset compiles, which can take more than the 5 s
     * after which Javalin's watcher logs "you created a Javalin instance, but you never started it".
     */
    @Test
    void javalinsNeverStartedHintIsOffForAnAppBuiltBeforeItsRulesetIsLive() {
        try (Database database = Database.open(dir.resolve("hint.db").toString())) {
            LiveRuleset rulesets = new LiveRuleset(ruleset -> { }, Clock.systemUTC());
            Javalin app = RekindleApp.create(rulesets, new Reloader(rulesets, Checkout.RULES, Checkout.CONTENT),
                    database, Access.open(), new RekindleApp.Settings(Configuration.DEFAULT_MAX_BODY_BYTES,
                            EvaluationLimits.DEFAULT), Clock.systemUTC(), null, () -> null);
            assertThat(app.unsafe.startup.startupWatcherEnabled).isFalse();
        }
    }

    private Rekindle start(String db) {
        return Rekindle.start(Configs.onFreePort().withDb(dir.resolve(db).toString()));
    }
}
