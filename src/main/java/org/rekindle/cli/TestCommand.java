package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.bundle.Bundle;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.ScenarioLoader;
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
        Ruleset ruleset = RulesOptions.loadOrReport(bundle, err,
                "the ruleset is not valid; run 'validate' and fix it first");
        if (ruleset == null) {
            return 2;
        }
        ScenarioLoader.Result cases = ScenarioLoader.load(bundle);
        cases.problems().forEach(err::println);
        List<ScenarioRunner.Outcome> outcomes = ScenarioRunner.run(ruleset, cases.cases());
        int failed = 0;
        String file = null;
        for (ScenarioRunner.Outcome outcome : outcomes) {
            if (!outcome.scenario().file().equals(file)) {
                file = outcome.scenario().file();
                out.println(file);
            }
            out.println("  " + (outcome.passed() ? "PASS " : "FAIL ") + outcome.scenario().name());
            for (String failure : outcome.failures()) {
                out.println("       " + outcome.scenario().file() + ":" + outcome.scenario().line() + ": " + failure);
            }
            failed += outcome.passed() ? 0 : 1;
        }
        out.println();
        out.println("scenarios: " + (outcomes.size() - failed) + " passed, " + failed + " failed");
        return failed > 0 || !cases.problems().isEmpty() ? 1 : 0;
    }
}
