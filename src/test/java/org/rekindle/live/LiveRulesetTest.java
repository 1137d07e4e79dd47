package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;

/** The reload lifecycle on a small fixture: only a ruleset that loads and passes its cases goes live. */
class LiveRulesetTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");
    private static final String CASES = """
            cases:
              - name: Ten months together shows above zero
                answers: {relationship_months: 10}
                expect:
                  cards: [above_zero, at_most_24]
            """;

    /** The fixture's own cases (which cover every rule) with {@code extra} cases added. */
    private static String cases(String extra) {
        try {
            return Files.readString(FIXTURE.resolve("rules/numbers.cases.yaml"))
                    + extra.substring(extra.indexOf('\n') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final List<String> activated = new ArrayList<>();
    private final LiveRuleset live = new LiveRuleset(ruleset -> activated.add(ruleset.version()), Clock.systemUTC());

    @Test
    void aValidBundleGoesLiveAndIsActivatedOnce() {
        Bundle bundle = fixture(Map.of("rules/numbers.cases.yaml", cases(CASES)));
        LiveRuleset.Attempt first = live.offer(bundle);
        assertThat(first.accepted()).as(first.problems().toString()).isTrue();
        assertThat(live.current()).hasValueSatisfying(l -> assertThat(l.ruleset().version())
                .isEqualTo(bundle.version()));

        LiveRuleset.Attempt again = live.offer(bundle);
        assertThat(again.accepted()).isTrue();
        assertThat(activated).as("the same version is not rebuilt nor stored again").containsExactly(bundle.version());
        assertThat(live.stats()).isEqualTo(new LiveRuleset.Stats(1, 0));
    }

    @Test
    void aSyntaxErrorLeavesTheLiveRulesetAndIsReportedWithFileAndLine() {
        Bundle good = fixture(Map.of());
        live.offer(good);
        Bundle broken = fixture(Map.of("rules/numbers.drl", rules().replace("then insert(new Show(\"at_most_24\"));",
                "then insert(new Show(\"at_most_24\");")));
        LiveRuleset.Attempt attempt = live.offer(broken);
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.version()).isEqualTo(broken.version());
        // An error in a consequence is reported at the statement (line 8 here), not where its rule starts.
        assertThat(attempt.problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.file()).isEqualTo("rules/numbers.drl"))
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(8));
        assertThat(live.current().orElseThrow().ruleset().version()).isEqualTo(good.version());
        assertThat(live.lastAttempt()).hasValue(attempt);

        LiveRuleset.Attempt again = live.offer(broken);
        assertThat(again.accepted()).isFalse();
        assertThat(again.problems()).as("the same files fail the same way").isEqualTo(attempt.problems());
        assertThat(live.stats()).isEqualTo(new LiveRuleset.Stats(1, 2));
    }

    @Test
    void aFailingScenarioCaseLeavesTheLiveRulesetAndNamesTheCase() {
        Bundle good = fixture(Map.of());
        live.offer(good);
        Bundle failing = fixture(Map.of("rules/numbers.cases.yaml", cases(CASES).replace("[above_zero, at_most_24]",
                "[above_zero, not_a_card_it_shows]")));
        LiveRuleset.Attempt attempt = live.offer(failing);
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("rules/numbers.cases.yaml");
            assertThat(p.line()).isEqualTo(20); // the added case's cards:, after the fixture's own cases
            assertThat(p.message()).contains("Ten months together", "names card 'not_a_card_it_shows', which is "
                    + "not a content id");
        });
        assertThat(live.current().orElseThrow().ruleset().version()).isEqualTo(good.version());
    }

    @Test
    void aRulesetWhoseActivationFailsDoesNotGoLive() {
        LiveRuleset failing = new LiveRuleset(ruleset -> {
            throw new IllegalStateException("database down");
        }, Clock.systemUTC());
        LiveRuleset.Attempt attempt = failing.offer(fixture(Map.of()));
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.problems().get(0).message()).contains("could not activate", "database down");
        assertThat(failing.current()).isEmpty();
    }

    @Test
    void unreadableFilesAreAnAttemptLikeAnyOther() {
        live.offer(fixture(Map.of()));
        LiveRuleset.Attempt attempt = live.failed(null, Problem.inFile("rules/", "could not read"));
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.version()).isNull();
        assertThat(live.lastAttempt()).hasValue(attempt);
        assertThat(live.current()).isPresent();
    }

    @Test
    void historyListsEachActivationNewestFirstWithTheTimeOfTheSwap() {
        Bundle first = fixture(Map.of());
        Bundle second = fixture(Map.of("rules/numbers.cases.yaml", cases(CASES)));
        LiveRuleset.Attempt a = live.offer(first);
        LiveRuleset.Attempt b = live.offer(second);
        live.offer(fixture(Map.of("rules/numbers.drl", "syntax error")));
        List<LiveRuleset.Activation> history = live.history();
        assertThat(history).extracting(LiveRuleset.Activation::version)
                .containsExactly(second.version(), first.version());
        assertThat(history.get(0).since()).isAfterOrEqualTo(b.at()).isAfterOrEqualTo(history.get(1).since());
        assertThat(history.get(1).since()).isAfterOrEqualTo(a.at());
        assertThat(live.current().orElseThrow().since()).isEqualTo(history.get(0).since());
    }

    private static Bundle fixture(Map<String, String> replaced) {
        Map<String, byte[]> bytes = new java.util.HashMap<>();
        replaced.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return Bundle.read(FIXTURE.resolve("rules"), FIXTURE.resolve("content")).with(bytes, List.of());
    }

    private static String rules() {
        return Bundle.read(FIXTURE.resolve("rules"), FIXTURE.resolve("content")).files().stream()
                .filter(f -> f.path().equals("rules/numbers.drl")).findFirst().orElseThrow().text();
    }
}
