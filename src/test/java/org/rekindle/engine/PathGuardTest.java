package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.content.GuidanceItem;
import org.rekindle.model.Card;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/**
 * One guard per path (the safety path's is {@link SafetyGuardTest}) on the checkout's real rules and
 * content: with nearly every rule firing, what the brief says a path never shows is not in its plan,
 * and its focus leads with what the brief says it leads with. Coaches may change the plan file; these
 * must keep holding.
 */
class PathGuardTest {

    private final Ruleset ruleset = Checkout.ruleset();

    @Test
    void theLeavingPathShowsNoReconnectionStepsAndNoCouplesTherapyAndLeadsWithOutgrowingAndSupport() {
        Decision decision = evaluate(with(Checkout.everythingWrong(false), "st_considering_ending", "decided"));
        assertThat(decision.plan().path().id()).isEqualTo("leaving");
        assertThat(decision.plan().cards()).noneMatch(card -> card.kind().equals("step"))
                .noneMatch(card -> item(card).tagged("couples_therapy"))
                .noneMatch(card -> item(card).tagged("rebuild"));
        assertThat(decision.plan().focus()).contains("lesson_okay_to_outgrow", "leaving_support_for_yourself");
        assertThat(decision.withheld()).anyMatch(w -> w.card().equals("therapy_eft") && "leaving".equals(w.path()));
    }

    @Test
    void theSupportedPathSendsNoOneLookingForATherapistAndRunsNoProgrammeOfItsOwn() {
        Decision decision = evaluate(with(Checkout.everythingWrong(false), "therapy_status", "in_therapy"));
        assertThat(decision.plan().path().id()).isEqualTo("supported");
        assertThat(decision.plan().cards()).noneMatch(card -> item(card).tagged("find_help"))
                .noneMatch(card -> card.kind().equals("step"));
        assertThat(decision.plan().focus()).contains("therapy_bring_your_answers", "therapy_practise_between_sessions");
        assertThat(decision.withheld()).anyMatch(w -> w.card().equals("therapy_eft"))
                .anyMatch(w -> w.card().equals("steps_professional_help"));
    }

    @Test
    void theSoloPathShowsNoExerciseThatNeedsThePartnersAgreement() {
        Decision decision = evaluate(with(Checkout.everythingWrong(false), "partner_willingness", "unwilling"));
        assertThat(decision.plan().path().id()).isEqualTo("solo");
        assertThat(decision.plan().cards()).noneMatch(card -> item(card).tagged("together"));
        assertThat(decision.plan().focus()).contains("solo_what_you_can_change", "next_vulnerable_talk");
        assertThat(Checkout.cardIds(decision)).contains("lesson_change_takes_both");
    }

    @Test
    void theReconnectPathLeadsWithAcknowledgingThenTheStepsInOrder() {
        Decision decision = evaluate(Checkout.everythingWrong(false));
        assertThat(decision.plan().path().id()).isEqualTo("reconnect");
        assertThat(decision.plan().focus()).containsExactly("steps_acknowledge", "steps_safe_space",
                "steps_active_listening", "steps_validate", "steps_share_needs");
        assertThat(Checkout.cardIds(decision)).contains("steps_mini_rituals", "steps_professional_help",
                "steps_monitor_progress");
    }

    @Test
    void theCheckUpShowsNoCrisisOrRecoveryFramingAndLeadsWithHabits() {
        Map<String, Object> answers = new LinkedHashMap<>();
        ruleset.content().questionnaire().questionIdsOf("safety").forEach(id -> answers.put(id, "no"));
        ruleset.content().questionnaire().questionIdsOf("self_assessment").forEach(id -> answers.put(id, "no"));
        answers.put("sa_affection_rare", "yes");
        answers.put("st_considering_ending", "sometimes");
        answers.put("mistakes_tried", List.of("score_keeping", "instant_results"));
        answers.put("tech_phone_shared_time", "often");
        Decision decision = evaluate(answers);
        assertThat(decision.plan().path().id()).isEqualTo("check_up");
        assertThat(decision.plan().cards()).noneMatch(card -> item(card).tagged("crisis"))
                .noneMatch(card -> card.kind().equals("mistake"));
        assertThat(decision.withheld()).extracting(WithheldCard::card)
                .contains("story_rock_bottom", "mistake_score_keeping", "mistake_instant_results");
        assertThat(decision.plan().focus()).contains("prevention_check_ins", "checkup_celebrate_what_works");
    }

    @Test
    void everyPathsFocusHoldsOnlyCardsToActOnOnePerThemeAtMostTheFocusSize() {
        for (Map<String, Object> answers : List.of(Checkout.everythingWrong(false), Checkout.everythingWrong(true),
                with(Checkout.everythingWrong(false), "partner_willingness", "not_asked"), Map.<String, Object>of())) {
            Decision decision = evaluate(answers);
            List<String> focus = decision.plan().focus();
            assertThat(focus).hasSizeLessThanOrEqualTo(ruleset.content().plan().focusSize()).doesNotHaveDuplicates();
            assertThat(Checkout.cardIds(decision)).containsAll(focus);
            assertThat(focus).allSatisfy(id -> assertThat(ruleset.content().plan().actionable(item(id))).isTrue());
            assertThat(focus.stream().map(id -> item(id).theme()).filter(t -> t != null).toList())
                    .doesNotHaveDuplicates();
        }
    }

    private static Map<String, Object> with(Map<String, Object> answers, String question, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(answers);
        changed.put(question, value);
        return changed;
    }

    private Decision evaluate(Map<String, Object> answers) {
        return Engine.evaluate(ruleset, ruleset.content().questionnaire().read(answers));
    }

    private GuidanceItem item(Card card) {
        return item(card.id());
    }

    private GuidanceItem item(String id) {
        return ruleset.content().library().item(id);
    }
}
