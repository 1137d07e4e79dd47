package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.rekindle.testing.LogCapture;

/**
 * A reload that does not finish in time is reported as a rejected attempt and its caller carries on;
 * a reload that throws anything at all still ends in an attempt.
 */
class ReloaderTest {

    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    private static final Path RULES = Path.of("src/test/resources/fixtures/numbers/rules");
    private static final Path CONTENT = Path.of("src/test/resources/fixtures/numbers/content");

    @Test
    void aReloadThatDoesNotFinishInTimeIsRejectedAndTheCallerCarriesOn() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        LiveRuleset live = new LiveRuleset(ruleset -> await(release), Clock.systemUTC());
        Reloader reloader = new Reloader(live, RULES, CONTENT, Duration.ofMillis(300));
        try {
            long start = System.nanoTime();
            LiveRuleset.Attempt attempt = reloader.reload();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(attempt.accepted()).isFalse();
            assertThat(attempt.problems()).singleElement().satisfies(problem ->
                    assertThat(problem.message()).contains("did not finish within"));
            assertThat(LOG.text()).contains("reload: still running after");
            assertThat(live.lastAttempt()).hasValue(attempt);
            assertThat(live.current()).isEmpty();
        } finally {
            release.countDown();
        }
        // Once the stuck reload ends, it is recorded like any other.
        for (int i = 0; i < 100 && live.current().isEmpty(); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(live.current()).isPresent();
        assertThat(live.lastAttempt().orElseThrow().accepted()).isTrue();
    }

    @Test
    void aReloadThatThrowsAnErrorStillEndsInAnAttempt() {
        LiveRuleset live = new LiveRuleset(ruleset -> {
            throw new StackOverflowError();
        }, Clock.systemUTC());
        LiveRuleset.Attempt attempt = new Reloader(live, RULES, CONTENT, Duration.ofSeconds(30)).reload();
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("StackOverflowError"));
        assertThat(live.lastAttempt()).hasValue(attempt);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
