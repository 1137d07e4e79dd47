package org.rekindle.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.rekindle.content.GuidanceItem;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.ScenarioCase;
import org.rekindle.scenario.ScenarioLoader;
import org.rekindle.testing.Checkout;

/**
 * Why-not agrees with the engine over every scenario case of the checkout: a card is shown exactly when
 * why-not finds a rule that shows it whose conditions all held, and nothing withheld it; and a rule that
 * can show a card held exactly when the engine fired it.
 */
class WhyNotAgreementTest {

    @Test
    void overEveryScenarioCaseACardIsShownExactlyWhenARuleHeldAndNothingWithheldIt() {
        Ruleset ruleset = Checkout.ruleset();
        List<ScenarioCase> cases = ScenarioLoader.load(Checkout.bundle()).cases();
        assertThat(cases).hasSizeGreaterThan(100);
        List<String> disagreements = new ArrayList<>();
        int shown = 0;
        int withheld = 0;
        int noRuleHeld = 0;
        for (ScenarioCase scenario : cases) {
            Answers answers = ruleset.content().questionnaire().read(scenario.answers());
            // A case with a previous assessment is checked with it: why-not reads Previous( ... ) as the rules do.
            Previous previous = scenario.previous() == null ? null
                    : Engine.previous(ruleset, "previous", scenario.previous());
            Decision decision = Engine.evaluate(ruleset, answers, previous, scenario.locale());
            for (GuidanceItem item : ruleset.content().library().items()) {
                WhyNot.Result why = WhyNot.of(ruleset, item.id(), answers, decision);
                boolean inPlan = decision.plan().cards().stream().anyMatch(c -> c.id().equals(item.id()));
                boolean predicted = why.rules().stream().anyMatch(WhyNot.RuleCheck::held) && why.withheld().isEmpty();
                if (inPlan != predicted || why.shown() != inPlan) {
                    disagreements.add(scenario.name() + ": " + item.id() + " in plan " + inPlan + ", why-not "
                            + why.verdict());
                }
                for (WhyNot.RuleCheck rule : why.rules()) {
                    if (rule.held() != rule.fired()) {
                        disagreements.add(scenario.name() + ": rule " + rule.ruleId() + " held " + rule.held()
                                + " but fired " + rule.fired());
                    }
                }
                switch (why.verdict()) {
                    case SHOWN -> shown++;
                    case WITHHELD -> withheld++;
                    case NO_RULE_HELD -> noRuleHeld++;
                    default -> { }
                }
            }
        }
        assertThat(disagreements).isEmpty();
        // The cases exercise every verdict, so the agreement is not vacuous.
        assertThat(shown).isPositive();
        assertThat(withheld).isPositive();
        assertThat(noRuleHeld).isPositive();
    }
}
