package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.engine.EvaluationLimits;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * An evaluation that crosses its firing limit or time budget ends at once with a JSON 503
 * {@code evaluation_limit} naming the rule that was firing, is counted in {@code /metrics}, stores
 * nothing, and does not hold up anyone else's requests.
 */
class EvaluationLimitsApiTest {

    private static final Path FIXTURE_RULES = Path.of("src/test/resources/fixtures/numbers/rules");
    private static final Path FIXTURE_CONTENT = Path.of("src/test/resources/fixtures/numbers/content");
    /** Fires "above zero", "at most 24" and "not 24": three firings. */
    private static final String THREE_FIRINGS = "{\"answers\": {\"relationship_months\": 12}}";
    /** Fires "above zero" and "not 24": two firings. */
    private static final String TWO_FIRINGS = "{\"answers\": {\"relationship_months\": 100}}";

    /** Each stopped evaluation logs a warning: kept here, and checked to carry no answer. */
    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    @TempDir
    Path dir;

    /** The fixture's cases, each within two firings, so that a ruleset under a limit of two goes live. */
    private static final String TWO_FIRING_CASES = """
            cases:
              - name: Eight years together
                answers: {relationship_months: 100, months_since_noticed: 3}
                expect: {fired: [numbers.above_zero, numbers.not_24], notFired: [numbers.at_most_24, numbers.rarely]}
              - name: Not a month together
                answers: {relationship_months: 0}
                expect: {fired: [numbers.at_most_24, numbers.not_24], notFired: [numbers.above_zero]}
              - name: Noticed this month
                answers: {months_since_noticed: 0}
                expect: {fired: [numbers.rarely]}
              - name: Two years together
                answers: {relationship_months: 24, months_since_noticed: 3}
                expect: {fired: [numbers.above_zero, numbers.at_most_24], notFired: [numbers.not_24]}
            """;

    @Test
    void aRulesetWhoseCasesCrossTheServersFiringLimitDoesNotGoLive() {
        // The fixture's first case fires three rules: under a limit of two the server would answer it 503.
        assertThatThrownBy(() -> start(new EvaluationLimits(2, Duration.ofSeconds(2))))
                .hasMessageContaining("did not start")
                .hasMessageContaining("rules/numbers.cases.yaml:")
                .hasMessageContaining("the evaluation was stopped: the rules fired more than 2 times")
                .hasMessageContaining("was firing");
    }

    @Test
    void crossingTheFiringLimitIsA503NamingTheRuleWhileOtherRequestsSucceed() throws Exception {
        Checkout.copy(FIXTURE_RULES.getParent(), dir.resolve("fixture"));
        Files.writeString(dir.resolve("fixture/rules/numbers.cases.yaml"), TWO_FIRING_CASES);
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withFolders(dir.resolve("fixture/rules"),
                dir.resolve("fixture/content")).withDb(dir.resolve("log.db").toString())
                .withLimits(new EvaluationLimits(2, Duration.ofSeconds(2))))) {
            Http http = new Http(server.port());
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                Future<List<Integer>> stopped = clients.submit(() -> statuses(http, THREE_FIRINGS, 40));
                Future<List<Integer>> served = clients.submit(() -> statuses(http, TWO_FIRINGS, 40));
                assertThat(stopped.get()).containsOnly(503);
                assertThat(served.get()).containsOnly(201);
            } finally {
                clients.shutdownNow();
            }
            Http.Response response = http.post("/v1/assessments", THREE_FIRINGS);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().path("code").asText()).isEqualTo("evaluation_limit");
            assertThat(response.json().path("message").asText()).contains("fired more than 2 times")
                    .containsPattern("rule \"[^\"]+\" \\(numbers\\.[a-z_0-9]+, rules/numbers\\.drl:\\d+\\) was firing");
            assertThat(server.decisionLog().recent(1000)).as("nothing of a stopped evaluation is stored")
                    .hasSize(40);
            assertThat(http.get("/metrics").body())
                    .contains("rekindle_evaluation_limits_total{limit=\"firings\"} 41.0");
            assertThat(LOG.text()).contains("evaluation stopped at its firings limit")
                    .doesNotContain("relationship_months", "numbers.above_zero", "numbers.at_most_24", "numbers.not_24");
        }
    }

    @Test
    void crossingTheTimeBudgetIsA503AndTheServerKeepsAnswering() {
        try (Rekindle server = start(new EvaluationLimits(10_000, Duration.ofNanos(1)))) {
            Http http = new Http(server.port());
            long start = System.nanoTime();
            Http.Response response = http.post("/v1/assessments", TWO_FIRINGS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().path("code").asText()).isEqualTo("evaluation_limit");
            assertThat(response.json().path("message").asText()).contains("ran longer than its");
            assertThat(http.get("/v1/questionnaire").status()).isEqualTo(200);
            assertThat(http.get("/metrics").body()).contains("rekindle_evaluation_limits_total{limit=\"time\"} 1.0");
        }
    }

    private Rekindle start(EvaluationLimits limits) {
        return Rekindle.start(Configs.onFreePort().withFolders(FIXTURE_RULES, FIXTURE_CONTENT)
                .withDb(dir.resolve("log.db").toString()).withLimits(limits));
    }

    private static List<Integer> statuses(Http http, String body, int count) {
        List<Integer> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(http.post("/v1/assessments", body).status());
        }
        return statuses;
    }
}
