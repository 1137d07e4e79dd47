package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;

import org.rekindle.bundle.Problem;
import org.rekindle.scenario.ScenarioLoader;
import org.rekindle.scenario.ScenarioRunner;

/**
 * The coach's scenario cases as a gate: runs every case of a ruleset's own bundle against it and
 * turns each failure (and each unreadable cases file) into a {@link Problem} at the case's line. A
 * ruleset with any such problem does not go live; the impact preview reports them too.
 */
public final class ScenarioGate {

    private ScenarioGate() {
    }

    /** The problems that keep {@code ruleset} from going live; empty when every case passes. */
    public static List<Problem> problems(Ruleset ruleset) {
        ScenarioLoader.Result cases = ScenarioLoader.load(ruleset.bundle());
        List<Problem> problems = new ArrayList<>(cases.problems());
        // Cases are independent (each evaluation opens its own session), so they run in parallel: the
        // gate is a good part of every reload's time. The outcomes keep the cases' order.
        List<ScenarioRunner.Outcome> outcomes = cases.cases().parallelStream()
                .flatMap(scenario -> ScenarioRunner.run(ruleset, List.of(scenario)).stream()).toList();
        for (ScenarioRunner.Outcome outcome : outcomes) {
            for (String failure : outcome.failures()) {
                problems.add(Problem.at(outcome.scenario().file(), outcome.scenario().line(),
                        "scenario \"" + outcome.scenario().name() + "\" failed: " + failure));
            }
        }
        return List.copyOf(problems);
    }
}
