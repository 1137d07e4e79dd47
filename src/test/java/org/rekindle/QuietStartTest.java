package org.rekindle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import io.javalin.Javalin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.api.Access;
import org.rekindle.api.RekindleApp;
import org.rekindle.audit.Database;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.Reloader;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/** A start-up says what matters once, and nothing false. */
class QuietStartTest {

    @TempDir
    Path dir;

    @Test
    void theOpenAccessWarningIsLoggedOncePerProcessAndRepeatedByEachServersHealth() {
        try (LogCapture logged = LogCapture.start()) {
            try (RekindleServer first = start("first.db"); RekindleServer second = start("second.db")) {
                for (RekindleServer server : new RekindleServer[] {first, second}) {
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
            Javalin app = RekindleApp.create(rulesets, new Reloader(rulesets, Checkout.RULES, Checkout.CONTENT), database,
                    Access.open(), RekindleApp.Settings.defaults(), Clock.systemUTC());
            assertThat(app.unsafe.startup.startupWatcherEnabled).isFalse();
        }
    }

    private RekindleServer start(String db) {
        return RekindleServer.start(new ServerConfig(0, Checkout.RULES, Checkout.CONTENT, dir.resolve(db).toString(),
                Access.open(), RekindleApp.Settings.defaults(), false));
    }
}
