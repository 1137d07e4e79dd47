package org.rekindle.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;

/**
 * The one definition of "this ruleset may go live": its files load (compile, rule policy, cross-checks
 * and rule types), every cases file reads, every case passes, and every rule both fires in some case
 * and stays silent in another, so that each rule's conditions are shown to matter. Reloads, {@code
 * validate}, {@code test}, {@code impact}, preview and the test suite all ask this, so they accept and
 * refuse alike, with the same messages.
 */
public final class Acceptance {

    /**
     * The verdict on one bundle.
     *
     * @param ruleset  the compiled ruleset, or null when the files did not load
     * @param unmet    what keeps it from going live besides failing cases: files that do not load, cases
     *                 files that do not read, rules no case covers
     * @param outcomes every case that ran, in file order (none when the files did not load)
     */
    public record Verdict(Ruleset ruleset, List<Problem> unmet, List<ScenarioRunner.Outcome> outcomes) {

        /** True when the ruleset may go live. */
        public boolean accepted() {
            return ruleset != null && unmet.isEmpty() && outcomes.stream().allMatch(ScenarioRunner.Outcome::passed);
        }

        /** Everything that keeps it from going live, each failing case at what it wrote that did not hold. */
        public List<Problem> problems() {
            List<Problem> problems = new ArrayList<>(unmet);
            outcomes.forEach(outcome -> problems.addAll(outcome.failures()));
            return List.copyOf(problems);
        }
    }

    private Acceptance() {
    }

    /** Loads, checks and tests {@code bundle} under the default limits. Pure: nothing goes live or is stored. */
    public static Verdict of(Bundle bundle) {
        return of(bundle, EvaluationLimits.DEFAULT);
    }

    /**
     * Loads, checks and tests {@code bundle}, each scenario case under {@code limits} (the server's own):
     * a ruleset whose cases the server would stop with a 503 does not go live. Pure.
     */
    public static Verdict of(Bundle bundle, EvaluationLimits limits) {
        RulesetLoader.Result loaded = RulesetLoader.load(bundle);
        if (!loaded.ok()) {
            return new Verdict(null, loaded.problems(), List.of());
        }
        Ruleset ruleset = loaded.ruleset();
        ScenarioLoader.Result cases = ScenarioLoader.load(bundle);
        List<Problem> problems = new ArrayList<>(cases.problems());
        // Cases are independent (each evaluation opens its own session), so they run in parallel: they
        // are a good part of every reload's time. The outcomes keep the cases' order.
        List<ScenarioRunner.Outcome> outcomes = cases.cases().parallelStream()
                .flatMap(scenario -> ScenarioRunner.run(ruleset, List.of(scenario), limits).stream()).toList();
        // Coverage only once every case reads and passes: a broken case would make it say false things.
        if (cases.problems().isEmpty() && outcomes.stream().allMatch(ScenarioRunner.Outcome::passed)) {
            problems.addAll(coverage(ruleset, outcomes));
        }
        return new Verdict(ruleset, List.copyOf(problems), outcomes);
    }

    /** Each rule must fire in some case and stay silent in some other. */
    private static List<Problem> coverage(Ruleset ruleset, List<ScenarioRunner.Outcome> outcomes) {
        Set<String> firedSomewhere = new HashSet<>();
        Set<String> silentSomewhere = new HashSet<>();
        Set<String> all = new HashSet<>();
        ruleset.rules().forEach(info -> all.add(info.id()));
        for (ScenarioRunner.Outcome outcome : outcomes) {
            firedSomewhere.addAll(outcome.fired());
            for (String id : all) {
                if (!outcome.fired().contains(id)) {
                    silentSomewhere.add(id);
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        List<RuleInfo> rules = new ArrayList<>(ruleset.rules());
        rules.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
        for (RuleInfo rule : rules) {
            String cases = "rules/" + rule.id().substring(0, Math.max(0, rule.id().indexOf('.'))) + ".cases.yaml";
            if (!firedSomewhere.contains(rule.id())) {
                problems.add(new Problem(rule.file(), rule.line(), rule.column(), "rule \"" + rule.name() + "\" (" + rule.id()
                        + ") fires in no scenario case; add a case to " + cases + " whose answers make it fire, "
                        + "with expect: fired: [" + rule.id() + "]"));
            } else if (!silentSomewhere.contains(rule.id())) {
                problems.add(new Problem(rule.file(), rule.line(), rule.column(), "rule \"" + rule.name() + "\" (" + rule.id()
                        + ") fires in every scenario case, so no case shows when it stays silent; add a case to "
                        + cases + " whose answers keep it from firing, with expect: notFired: [" + rule.id() + "]"));
            }
        }
        return problems;
    }
}
