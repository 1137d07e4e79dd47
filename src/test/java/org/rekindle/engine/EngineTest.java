package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/** The engine on the checkout's rules: verdict threshold, empty input, reasons, ordering, new couples. */
class EngineTest {

    private final Ruleset ruleset = Checkout.ruleset();
    /** The question the plan file names as the attachment style (summary.attachment_style). */
    private final String attachmentQuestion = ruleset.content().plan().summary().attachmentQuestion();

    @Test
    void threeYesAnswersDoNotTriggerTheVerdictAndFourDo() {
        Map<String, Object> three = Map.of("sa_hide_feelings", "yes", "sa_affection_rare", "yes",
                "sa_silence_uneasy", "yes", "sa_unseen", "no");
        Decision below = evaluate(three);
        assertThat(Checkout.cardIds(below)).doesNotContain("self_assessment_verdict");
        assertThat(below.plan().summary().selfAssessment().verdict()).isEqualTo("below_threshold");
        assertThat(fired(below)).doesNotContain("self_assessment.disconnection_suspected");

        Decision four = evaluate(Map.of("sa_hide_feelings", "yes", "sa_affection_rare", "yes",
                "sa_silence_uneasy", "yes", "sa_unseen", "yes"));
        assertThat(Checkout.cardIds(four)).contains("self_assessment_verdict");
        assertThat(four.plan().summary().selfAssessment().verdict()).isEqualTo("disconnection_suspected");
        assertThat(four.plan().summary().selfAssessment().note()).contains("heuristic");
    }

    @Test
    void anEmptyAnswerSetYieldsAValidPlan() {
        Decision decision = evaluate(Map.of());
        assertThat(decision.rulesetVersion()).isEqualTo(ruleset.version());
        assertThat(decision.plan().summary().answered()).isZero();
        assertThat(decision.plan().summary().selfAssessment().verdict()).isEqualTo("not_taken");
        assertThat(Checkout.cardIds(decision)).contains("next_assess_honestly");
    }

    @Test
    void theSummaryNamesTheAttachmentStyleThePersonChose() {
        assertThat(ruleset.content().questionnaire().question(attachmentQuestion))
                .as("the question the summary reads").isNotNull();
        assertThat(evaluate(Map.of(attachmentQuestion, "avoidant")).plan().summary().attachmentStyle())
                .isEqualTo("avoidant");
        assertThat(evaluate(Map.of()).plan().summary().attachmentStyle()).isNull();
    }

    @Test
    void aNewCoupleGetsThePreventionHabits() {
        Decision decision = evaluate(Map.of("relationship_months", 10));
        assertThat(Checkout.cardIds(decision)).contains("prevention_check_ins", "prevention_boundaries",
                "prevention_ask_for_help", "prevention_celebrate_vulnerability", "prevention_emotional_currency");
        assertThat(decision.plan().summary().findings()).contains("new_couple");
    }

    @Test
    void everyCardSaysWhyWithTheRealAnswersAndWhereTheRuleIsWritten() {
        Decision decision = evaluate(Map.of("sa_hide_feelings", "yes", "sa_affection_rare", "yes",
                "sa_silence_uneasy", "yes", "sa_unseen", "yes", "sign_daily_details", "often"));
        assertThat(decision.plan().cards()).isNotEmpty().allSatisfy(card -> {
            assertThat(card.because()).as(card.id()).isNotEmpty();
            for (Because because : card.because()) {
                assertThat(because.ruleId()).isNotBlank();
                assertThat(because.file()).matches("rules/\\w+\\.drl(\\.csv|\\.xlsx)?");
                assertThat(because.line()).isPositive();
                assertThat(because.reason()).isNotBlank().doesNotContain("{").doesNotContain("(not answered)");
            }
        });
        Card verdict = card(decision, "self_assessment_verdict");
        assertThat(verdict.because().get(0).answers()).extracting(a -> a.question())
                .contains("sa_hide_feelings", "sa_unseen");
        Because count = decision.trace().stream().filter(f -> f.ruleId().equals(
                "self_assessment.disconnection_suspected")).map(f -> new Because(f.seq(), f.rule(), f.ruleId(), f.file(),
                f.line(), f.answers(), f.reason())).findFirst().orElseThrow();
        assertThat(count.reason()).contains("4 of the 10");
    }

    @Test
    void cardsAreOrderedCriticalThenWarningThenInfoAndTheEightStepsInTheArticlesOrder() {
        Decision decision = evaluate(Checkout.everythingWrong(false));
        List<Card> cards = decision.plan().cards();
        for (int i = 1; i < cards.size(); i++) {
            assertThat(rank(cards.get(i - 1).indicator())).isLessThanOrEqualTo(rank(cards.get(i).indicator()));
        }
        List<String> steps = cards.stream().filter(c -> c.kind().equals("step")).map(Card::id).toList();
        assertThat(steps).containsExactly("steps_acknowledge", "steps_safe_space", "steps_active_listening",
                "steps_validate", "steps_share_needs", "steps_mini_rituals", "steps_professional_help",
                "steps_monitor_progress");
    }

    private static int rank(String indicator) {
        return List.of("critical", "warning", "info").indexOf(indicator);
    }

    private Decision evaluate(Map<String, Object> answers) {
        return Engine.evaluate(ruleset, ruleset.content().questionnaire().read(answers));
    }

    private static List<String> fired(Decision decision) {
        return decision.trace().stream().map(Firing::ruleId).toList();
    }

    private static Card card(Decision decision, String id) {
        return decision.plan().cards().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
