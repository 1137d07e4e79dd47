package org.rekindle.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/**
 * Every coach scenario case beside the rules runs here as its own test, so `mvn test` fails on the
 * same cases that `rekindle test` and every reload fail on. Also guards the coverage coaches promise:
 * each rule file has cases, and the checkout passes the acceptance every reload applies.
 */
class ScenarioCasesTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioCasePasses() {
        Bundle bundle = Checkout.bundle();
        ScenarioLoader.Result cases = ScenarioLoader.load(bundle);
        assertThat(cases.problems()).isEmpty();
        assertThat(cases.cases()).hasSizeGreaterThan(100);
        Ruleset ruleset = Checkout.ruleset();
        return cases.cases().stream().map(scenario -> DynamicTest.dynamicTest(
                scenario.file() + ": " + scenario.name(),
                () -> assertThat(ScenarioRunner.check(ruleset, scenario).failures()).as(scenario.name()).isEmpty()));
    }

    @Test
    void everyRuleFileHasScenarioCases() {
        Bundle bundle = Checkout.bundle();
        Set<String> withCases = bundle.files("rules/", ".cases.yaml").stream().map(BundleFile::baseName)
                .collect(Collectors.toSet());
        List<String> rules = bundle.ruleFiles().stream().map(BundleFile::baseName).toList();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(16);
        assertThat(withCases).containsAll(rules);
    }

    @Test
    void theCheckoutIsAcceptedAsAReloadWouldAcceptIt() {
        // The same acceptance as every reload, validate and test: cases pass and every rule both fires in
        // some case and stays silent in another.
        Acceptance.Verdict verdict = Acceptance.of(Checkout.bundle());
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.accepted()).isTrue();
        Set<String> fired = new HashSet<>();
        verdict.outcomes().forEach(outcome -> fired.addAll(outcome.fired()));
        Set<String> all = verdict.ruleset().rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertThat(fired).containsAll(all);
    }
}
