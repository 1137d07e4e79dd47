package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.scenario.Acceptance;
import org.rekindle.scenario.ScenarioRunner;

/** {@code rekindle test}: run every scenario case beside the rules and report; exit 1 on any failure. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the scenario cases (rules/*.cases.yaml) and report each; "
        + "exits 1 when a case fails, 2 when the ruleset itself is not valid.")
final class TestCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bundle bundle = options.bundle();
        Acceptance.Verdict verdict = Acceptance.of(bundle);
        if (verdict.ruleset() == null) {
            verdict.problems().forEach(err::println);
            err.println(verdict.problems().size() + " problem(s); the ruleset is not valid, so no case ran; fix "
                    + "these first");
            return 2;
        }
        List<ScenarioRunner.Outcome> outcomes = verdict.outcomes();
        int failed = 0;
        String file = null;
        for (ScenarioRunner.Outcome outcome : outcomes) {
            if (!outcome.scenario().file().equals(file)) {
                file = outcome.scenario().file();
                out.println(file);
            }
            out.println("  " + (outcome.passed() ? "PASS " : "FAIL ") + outcome.scenario().name());
            // Word for word what validate and a reload say, at what the case wrote that did not hold.
            outcome.failures().forEach(failure -> out.println("       " + failure));
            failed += outcome.passed() ? 0 : 1;
        }
        // What else keeps the ruleset from going live: unreadable cases files, rules no case covers.
        List<Problem> others = verdict.unmet();
        others.forEach(err::println);
        out.println();
        out.println("scenarios: " + (outcomes.size() - failed) + " passed, " + failed + " failed");
        if (!others.isEmpty()) {
            out.println(others.size() + " other problem(s) keep the ruleset from going live (listed above)");
        }
        return verdict.accepted() ? 0 : 1;
    }
}
