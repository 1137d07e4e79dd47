package org.rekindle.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.rekindle.content.GuidanceItem;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.ScenarioCase;
import org.rekindle.scenario.ScenarioLoader;
import org.rekindle.testing.Checkout;

/**
 * Why-not agrees with the engine over every scenario case of the checkout: a card is shown exactly when
 * why-not finds a rule that shows it whose conditions all held, and nothing withheld it; and a rule that
 * can show a card held exactly when the engine fired it; and the findings it says a rule needs are those
 * the rule matches that the engine did not draw, with rules drawing them that did not hold.
 */
class WhyNotAgreementTest {

    @Test
    void overEveryScenarioCaseACardIsShownExactlyWhenARuleHeldAndNothingWithheldIt() {
        Ruleset ruleset = Checkout.ruleset();
        List<ScenarioCase> cases = ScenarioLoader.load(Checkout.bundle()).cases();
        assertThat(cases).hasSizeGreaterThan(100);
        Map<String, RuleInfo> byId = ruleset.rules().stream().collect(Collectors.toMap(RuleInfo::id, r -> r));
        List<String> disagreements = new ArrayList<>();
        int shown = 0;
        int withheld = 0;
        int noRuleHeld = 0;
        int needs = 0;
        for (ScenarioCase scenario : cases) {
            Answers answers = ruleset.content().questionnaire().read(scenario.answers());
            // A case with a previous assessment is checked with it: why-not reads Previous( ... ) as the rules do.
            Previous previous = scenario.previous() == null ? null
                    : Engine.previous(ruleset, "previous", scenario.previous());
            Decision decision = Engine.evaluate(ruleset, answers, previous, scenario.locale());
            Set<String> drawn = new HashSet<>();
            decision.trace().forEach(firing -> firing.inserted().stream().filter(f -> f.startsWith("Finding("))
                    .forEach(f -> drawn.add(f.substring("Finding(".length(), f.length() - 1))));
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
                    // A finding is listed as needed exactly when the rule matches it and it was not drawn,
                    // and every rule that draws it neither held nor fired (it would have drawn it).
                    List<String> missing = WhyNot.needed(byId.get(rule.ruleId())).stream()
                            .filter(f -> !drawn.contains(f)).toList();
                    if (!rule.needs().stream().map(WhyNot.MissingFinding::finding).toList().equals(missing)) {
                        disagreements.add(scenario.name() + ": rule " + rule.ruleId() + " needs " + rule.needs()
                                + " but the findings it matches and the decision did not draw are " + missing);
                    }
                    for (WhyNot.MissingFinding need : rule.needs()) {
                        needs++;
                        if (need.drawnBy().isEmpty() || need.drawnBy().stream().anyMatch(d -> d.held() || d.fired()
                                || !d.needs().isEmpty())) {
                            disagreements.add(scenario.name() + ": finding " + need.finding() + " of rule "
                                    + rule.ruleId() + " is not drawn, but its drawing rules say " + need.drawnBy());
                        }
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
        assertThat(needs).isPositive();
    }

    @Test
    void aFindingMatchedOnlyUnderNotIsNotNeeded() {
        // Open the guide when talk is short, unless the guide is already open: it needs low_daily_talk only.
        RuleInfo rule = Checkout.ruleset().rules().stream().filter(r -> r.id().equals("steps.guide_from_short_talks"))
                .findFirst().orElseThrow();
        assertThat(rule.uses()).contains("low_daily_talk", "reconnection_guide");
        assertThat(WhyNot.needed(rule)).containsExactly("low_daily_talk");
    }
}
