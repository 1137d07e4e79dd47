package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.content.GuidanceItem;
import org.rekindle.model.Card;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/**
 * Guards the brief's safety rule on the checkout's real rules and content, whatever coaches change: a
 * positive private screen puts a discreet critical help card first, with the help lines of the person's
 * region; the plan holds nothing partner-facing, no couples therapy and no "distance" or "shared
 * pattern" framing, and its summary carries no verdict; an unanswered screen is unknown, not safe.
 */
class SafetyGuardTest {

    /** Words that would give the help card away on a lock screen. */
    private static final List<String> GIVEAWAYS = List.of("safe", "abuse", "violen", "danger", "afraid", "fear",
            "hotline", "help", "partner", "control", "hurt", "crisis", "domestic");

    private final Ruleset ruleset = Checkout.ruleset();

    @Test
    void theGuardIsMeaningfulWithoutASafetyConcernExposingCardsAreShown() {
        Decision decision = evaluate(Checkout.everythingWrong(false), null);
        assertThat(Checkout.cardIds(decision)).doesNotContain("safety_help");
        assertThat(tagged(decision, "exposing")).hasSizeGreaterThan(5);
        assertThat(tagged(decision, "couples_therapy")).isNotEmpty();
        assertThat(decision.plan().summary().selfAssessment().verdict()).isEqualTo("disconnection_suspected");
    }

    @Test
    void aPositiveScreenPutsADiscreetCriticalHelpCardFirstAndKeepsNothingButCareForOneself() {
        Decision decision = evaluate(Checkout.everythingWrong(true), "en-US");
        Card first = decision.plan().cards().get(0);
        assertThat(first.id()).isEqualTo("safety_help");
        assertThat(first.indicator()).isEqualTo("critical");
        assertThat(decision.plan().focus()).startsWith("safety_help");
        String summary = first.summary().toLowerCase(Locale.ROOT);
        assertThat(GIVEAWAYS).as("the summary '%s' may show on a lock screen", first.summary())
                .noneMatch(summary::contains);
        assertThat(first.helpLines().region()).isEqualTo("us");
        assertThat(first.helpLines().lines().toString()).contains("800-799-7233", "88788", "988", "911");

        assertThat(decision.plan().path().id()).isEqualTo("safety");
        assertThat(decision.plan().cards()).allSatisfy(card -> assertThat(card.kind()).isEqualTo("safety"));
        assertThat(tagged(decision, "exposing")).isEmpty();
        for (Card card : decision.plan().cards()) {
            String text = (card.summary() + " " + card.detail()).toLowerCase(Locale.ROOT);
            assertThat(text).as(card.id()).doesNotContain("distance", "pattern", "communication", "eft",
                    "couples therapy", "together");
        }
        assertThat(decision.plan().summary().selfAssessment()).as("no verdict reframing control").isNull();
        assertThat(decision.plan().summary().findings()).isEmpty();
    }

    @Test
    void everyCardThePositiveScreenRemovesIsWithheldWithTheRuleOrThePathAndItsReason() {
        Decision safe = evaluate(Checkout.everythingWrong(false), null);
        Decision decision = evaluate(Checkout.everythingWrong(true), null);
        Firing chose = decision.trace().get(decision.path().seq() - 1);
        assertThat(chose.ruleId()).isEqualTo("safety.screen_positive");
        List<String> withheld = decision.withheld().stream().map(WithheldCard::card).toList();
        for (String card : Checkout.cardIds(safe)) {
            assertThat(withheld.contains(card) || Checkout.cardIds(decision).contains(card)).as(card).isTrue();
        }
        assertThat(decision.withheld()).isNotEmpty().allSatisfy(w -> {
            if (w.tag() != null) {
                assertThat(w.tag()).isEqualTo("exposing");
            } else {
                assertThat(w.path()).isEqualTo("safety");
                assertThat(w.reason()).isNotBlank();
                assertThat(w.withheldBy()).containsExactly(chose.seq());
            }
        });
        assertThat(decision.path().outranked()).contains("reconnect");
    }

    @Test
    void theHelpLinesFollowTheRegionOfTheLocaleWithAFallbackAndSayHowToReachEachOne() {
        Map<String, String> regions = new LinkedHashMap<>();
        regions.put("en-US", "us");
        regions.put("en-GB", "uk");
        regions.put("en-CA", "canada");
        regions.put("fr-CA", "canada");
        regions.put("en-AU", "australia");
        regions.put("en-IE", "ireland");
        regions.put("de-DE", "international");
        regions.put("en", "international");
        regions.put(null, "international");
        regions.forEach((locale, region) -> {
            Card help = evaluate(Map.of("safety_hurt", "yes"), locale).plan().cards().get(0);
            assertThat(help.helpLines().region()).as(locale).isEqualTo(region);
            assertThat(help.helpLines().lines()).as(locale).isNotEmpty().allSatisfy(line -> {
                assertThat(line.name()).isNotBlank();
                assertThat(line.how()).isNotBlank();
            });
        });
        Card uk = evaluate(Map.of("safety_hurt", "yes"), "en-GB").plan().cards().get(0);
        assertThat(uk.helpLines().lines().toString()).contains("0808 2000 247", "999").doesNotContain("911");
        assertThat(uk.detail()).doesNotContain("911", "800-799-7233");
    }

    @Test
    void anyOneScreeningQuestionIsEnough() {
        for (String question : ruleset.content().questionnaire().questionIdsOf("safety")) {
            Decision decision = evaluate(Map.of(question, "yes", "sa_hide_feelings", "yes"), null);
            assertThat(Checkout.cardIds(decision)).as(question).startsWith("safety_help");
            assertThat(decision.plan().path().id()).as(question).isEqualTo("safety");
        }
    }

    @Test
    void anUnansweredScreenIsUnknownNotSafeTheFocusInvitesItAndTogetherExercisesSaySo() {
        Map<String, Object> answers = new LinkedHashMap<>(Checkout.everythingWrong(false));
        ruleset.content().questionnaire().questionIdsOf("safety").forEach(answers::remove);
        answers.put("partner_willingness", "willing");
        Decision unknown = evaluate(answers, null);
        assertThat(unknown.plan().focus()).startsWith("safety_screen_invite");
        List<Card> together = unknown.plan().cards().stream().filter(c -> item(c.id()).tagged("together")).toList();
        assertThat(together).isNotEmpty().allSatisfy(card -> assertThat(card.caveat()).as(card.id())
                .contains("assumes that it is safe"));
        assertThat(unknown.plan().cards()).filteredOn(c -> !item(c.id()).tagged("together"))
                .allSatisfy(card -> assertThat(card.caveat()).as(card.id()).isNull());

        Decision answered = evaluate(Checkout.everythingWrong(false), null);
        assertThat(Checkout.cardIds(answered)).doesNotContain("safety_screen_invite");
        assertThat(answered.plan().cards()).allSatisfy(card -> assertThat(card.caveat()).isNull());
    }

    @Test
    void theSafetyScreenIsPrivate() {
        assertThat(ruleset.content().questionnaire().questionIdsOf("safety")).isNotEmpty()
                .allSatisfy(id -> assertThat(ruleset.content().questionnaire().question(id).isPrivate()).isTrue());
    }

    private Decision evaluate(Map<String, Object> answers, String locale) {
        return Engine.evaluate(ruleset, ruleset.content().questionnaire().read(answers), locale);
    }

    private GuidanceItem item(String id) {
        return ruleset.content().library().item(id);
    }

    private List<String> tagged(Decision decision, String tag) {
        return Checkout.cardIds(decision).stream().filter(id -> item(id).tagged(tag)).toList();
    }
}
