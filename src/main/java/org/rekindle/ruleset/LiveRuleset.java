package org.rekindle.ruleset;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.scenario.ScenarioLoader;
import org.rekindle.scenario.ScenarioRunner;

/**
 * The ruleset the server evaluates with, and the lifecycle that replaces it. A candidate goes live
 * only if it compiles, passes the cross-checks and passes every scenario case; otherwise the live
 * ruleset stays and the attempt is kept with its problems. Readers take {@link #current()} once per
 * request and keep that ruleset to the end, so a swap never changes a request half-way.
 */
public final class LiveRuleset {

    /** The ruleset in use and since when. */
    public record Live(Ruleset ruleset, Instant since) {
    }

    /** One load attempt: which version, whether it went live, and why not. */
    public record Attempt(Instant at, String version, boolean accepted, List<Problem> problems) {
    }

    private final AtomicReference<Live> live = new AtomicReference<>();
    private final AtomicReference<Attempt> lastAttempt = new AtomicReference<>();
    private final Consumer<Ruleset> onActivate;
    private final Clock clock;

    /**
     * @param onActivate called with each ruleset before it goes live (for example to store its files);
     *                   if it throws, the ruleset does not go live
     */
    public LiveRuleset(Consumer<Ruleset> onActivate, Clock clock) {
        this.onActivate = onActivate;
        this.clock = clock;
    }

    /** The live ruleset, if one ever loaded. */
    public Optional<Live> current() {
        return Optional.ofNullable(live.get());
    }

    public Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    /**
     * Tries {@code bundle} as the new live ruleset. Serialised: concurrent reloads run one at a time.
     * A bundle with the live version is accepted without rebuilding.
     */
    public synchronized Attempt offer(Bundle bundle) {
        Instant now = clock.instant();
        Live current = live.get();
        if (current != null && current.ruleset().version().equals(bundle.version())) {
            return record(new Attempt(now, bundle.version(), true, List.of()));
        }
        RulesetLoader.Result loaded = RulesetLoader.load(bundle);
        if (!loaded.ok()) {
            return record(new Attempt(now, bundle.version(), false, loaded.problems()));
        }
        List<Problem> problems = scenarioProblems(loaded.ruleset(), bundle);
        if (!problems.isEmpty()) {
            return record(new Attempt(now, bundle.version(), false, problems));
        }
        try {
            onActivate.accept(loaded.ruleset());
        } catch (RuntimeException e) {
            return record(new Attempt(now, bundle.version(), false,
                    List.of(Problem.inFile("rules/", "could not activate: " + e.getMessage()))));
        }
        live.set(new Live(loaded.ruleset(), now));
        return record(new Attempt(now, bundle.version(), true, List.of()));
    }

    private static List<Problem> scenarioProblems(Ruleset ruleset, Bundle bundle) {
        ScenarioLoader.Result cases = ScenarioLoader.load(bundle);
        List<Problem> problems = new ArrayList<>(cases.problems());
        for (ScenarioRunner.Outcome outcome : ScenarioRunner.run(ruleset, cases.cases())) {
            for (String failure : outcome.failures()) {
                problems.add(Problem.at(outcome.scenario().file(), outcome.scenario().line(),
                        "scenario \"" + outcome.scenario().name() + "\" failed: " + failure));
            }
        }
        return problems;
    }

    private Attempt record(Attempt attempt) {
        lastAttempt.set(attempt);
        return attempt;
    }
}
