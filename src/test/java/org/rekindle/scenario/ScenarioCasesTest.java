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
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/**
 * Every coach scenario case beside the rules runs here as its own test, so `mvn test` fails on the
 * same cases that `rekindle test` and every reload fail on. Also guards the coverage coaches promise:
 * each rule file has cases, and each rule fires in at least one case.
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
                () -> assertThat(ScenarioRunner.check(ruleset, scenario)).as(scenario.name()).isEmpty()));
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
    void everyRuleFiresInAtLeastOneCase() {
        Ruleset ruleset = Checkout.ruleset();
        Set<String> fired = new HashSet<>();
        for (ScenarioCase scenario : ScenarioLoader.load(Checkout.bundle()).cases()) {
            Engine.evaluate(ruleset, ruleset.content().questionnaire().read(scenario.answers())).trace().stream()
                    .map(Firing::ruleId).forEach(fired::add);
        }
        Set<String> all = ruleset.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertThat(all).allSatisfy(id -> assertThat(fired).as("rule %s fires in some case", id).contains(id));
    }
}
