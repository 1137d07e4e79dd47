package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.content.GuidanceItem;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/**
 * Guards the brief's safety rule on the checkout's real rules, whatever coaches change: a positive
 * private screen puts the critical help card first and withholds every exposing exercise.
 */
class SafetyGuardTest {

    private final Ruleset ruleset = Checkout.ruleset();

    @Test
    void theGuardIsMeaningfulWithoutASafetyConcernExposingCardsAreShown() {
        Decision decision = evaluate(Checkout.everythingWrong(false));
        assertThat(Checkout.cardIds(decision)).doesNotContain("safety_help");
        assertThat(exposingIn(decision)).hasSizeGreaterThan(5);
    }

    @Test
    void aPositiveScreenPutsHelpFirstAndWithholdsEveryExposingCard() {
        Decision decision = evaluate(Checkout.everythingWrong(true));
        assertThat(decision.plan().cards().get(0).id()).isEqualTo("safety_help");
        assertThat(decision.plan().cards().get(0).indicator()).isEqualTo("critical");
        assertThat(decision.plan().cards().get(0).detail()).contains("800-799-7233", "88788", "988", "911");
        assertThat(exposingIn(decision)).isEmpty();
        assertThat(decision.withheld()).isNotEmpty()
                .allSatisfy(w -> assertThat(w.tag()).isEqualTo("exposing"));
        assertThat(decision.plan().summary().findings()).contains("safety_concern");
    }

    @Test
    void anyOneScreeningQuestionIsEnough() {
        for (String question : ruleset.content().questionnaire().questionIdsOf("safety")) {
            Decision decision = evaluate(Map.of(question, "yes", "sa_hide_feelings", "yes"));
            assertThat(Checkout.cardIds(decision)).as(question).startsWith("safety_help");
        }
    }

    @Test
    void theSafetyScreenIsPrivate() {
        assertThat(ruleset.content().questionnaire().questionIdsOf("safety")).isNotEmpty()
                .allSatisfy(id -> assertThat(ruleset.content().questionnaire().question(id).isPrivate()).isTrue());
    }

    private Decision evaluate(Map<String, Object> answers) {
        return Engine.evaluate(ruleset, ruleset.content().questionnaire().read(answers));
    }

    private List<String> exposingIn(Decision decision) {
        return Checkout.cardIds(decision).stream().filter(id -> {
            GuidanceItem item = ruleset.content().library().item(id);
            return item.tagged("exposing");
        }).toList();
    }
}
