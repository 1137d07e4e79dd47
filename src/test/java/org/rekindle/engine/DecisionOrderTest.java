package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/**
 * The same answers give the same decision, down to the order of every list, however many evaluations
 * ran before (the decision log stores it and replays compare it): withheld cards in the order they were
 * first shown, each card's reasons in firing order.
 */
class DecisionOrderTest {

    private final Ruleset ruleset = Checkout.ruleset();

    @Test
    void repeatedEvaluationsGiveEqualDecisions() {
        Answers atRisk = ruleset.content().questionnaire().read(Checkout.everythingWrong(true));
        Decision first = Engine.evaluate(ruleset, atRisk);
        for (int i = 0; i < 50; i++) {
            Engine.evaluate(ruleset, ruleset.content().questionnaire().read(Checkout.everythingWrong(i % 2 == 0)));
            assertThat(Engine.evaluate(ruleset, atRisk)).isEqualTo(first);
        }
    }

    @Test
    void withheldCardsComeInTheOrderTheyWereFirstShown() {
        Decision decision = Engine.evaluate(ruleset,
                ruleset.content().questionnaire().read(Checkout.everythingWrong(true)));
        assertThat(decision.withheld()).hasSizeGreaterThan(1);
        List<String> firstShown = new ArrayList<>();
        for (Firing firing : decision.trace()) {
            for (String fact : firing.inserted()) {
                String card = fact.startsWith("Show(") ? fact.substring(5, fact.length() - 1) : null;
                if (card != null && !firstShown.contains(card)) {
                    firstShown.add(card);
                }
            }
        }
        List<String> withheld = decision.withheld().stream().map(WithheldCard::card).toList();
        assertThat(withheld).isEqualTo(firstShown.stream().filter(withheld::contains).toList());
    }

    @Test
    void eachCardListsItsReasonsInFiringOrder() {
        Decision decision = Engine.evaluate(ruleset,
                ruleset.content().questionnaire().read(Checkout.everythingWrong(false)));
        List<String> firingOrder = decision.trace().stream().map(Firing::ruleId).toList();
        for (Card card : decision.plan().cards()) {
            List<Integer> positions = card.because().stream().map(Because::ruleId).map(firingOrder::indexOf).toList();
            assertThat(positions).as(card.id()).isSorted().doesNotContain(-1);
        }
    }
}
