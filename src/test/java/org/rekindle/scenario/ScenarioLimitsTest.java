package org.rekindle.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.bundle.Bundle;

/**
 * Scenario cases run on every reload while it holds the ruleset's lock, so a cases file cannot make a
 * reload run for minutes: too many cases, or too large a file, refuse the candidate at once, naming
 * the file.
 */
class ScenarioLimitsTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");
    private static final String FILE = "rules/numbers.cases.yaml";

    @Test
    void moreCasesThanARulesetMayHaveAreRefusedWithoutRunningThem() {
        StringBuilder yaml = new StringBuilder("cases:\n");
        for (int i = 0; i <= ScenarioLoader.MAX_CASES; i++) {
            yaml.append("  - name: case ").append(i).append("\n    answers: {relationship_months: 12}\n    expect: {}\n");
        }
        assertRefused(yaml.toString(), "may have at most " + ScenarioLoader.MAX_CASES + " cases");
    }

    @Test
    void aCasesFileLargerThanTheLimitIsRefusedUnread() {
        String yaml = "cases:\n  - name: one\n    answers: {relationship_months: 12}\n    expect: {}\n"
                + "# padding\n".repeat(ScenarioLoader.MAX_FILE_BYTES / 10 + 1);
        assertRefused(yaml, "a cases file may hold at most");
    }

    private static void assertRefused(String yaml, String fragment) {
        Bundle bundle = Bundle.read(FIXTURE.resolve("rules"), FIXTURE.resolve("content"))
                .with(Map.of(FILE, yaml.getBytes(StandardCharsets.UTF_8)), List.of());
        long start = System.nanoTime();
        Acceptance.Verdict verdict = Acceptance.of(bundle);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.problems()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(FILE);
            assertThat(problem.message()).contains(fragment);
        });
    }
}
