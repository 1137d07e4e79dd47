package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.model.Couple;
import org.rekindle.ruleset.PrivateRules;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;
import org.rekindle.testing.Checkout;

/**
 * Both partners as the couple rules see them: each one's findings come from their own answers under
 * the same rules (so the self-assessment's threshold is written once), and nothing private, answer or
 * finding, reaches the couple.
 */
class CoupleSidesTest {

    private static final List<String> SELF_ASSESSMENT = List.of("sa_hide_feelings", "sa_affection_rare",
            "sa_silence_uneasy", "sa_unseen", "sa_logistics_only", "sa_intimacy_down");

    @TempDir
    Path dir;

    /** {@code yes} of the self-assessment answered yes, the rest of the six no. */
    private static Map<String, Object> selfAssessment(int yes) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < SELF_ASSESSMENT.size(); i++) {
            answers.put(SELF_ASSESSMENT.get(i), i < yes ? "yes" : "no");
        }
        return answers;
    }

    private static CoupleDecision couple(Ruleset ruleset, Map<String, Object> a, Map<String, Object> b) {
        var questionnaire = ruleset.content().questionnaire();
        Couple couple = CoupleSides.of(ruleset, questionnaire.readPosted(a), questionnaire.readPosted(b),
                EvaluationLimits.DEFAULT);
        return Engine.evaluateCouple(ruleset, couple, EvaluationLimits.DEFAULT);
    }

    private static List<String> cards(CoupleDecision decision) {
        return decision.cards().stream().map(Card::id).toList();
    }

    @Test
    void theCoupleRulesFollowTheSelfAssessmentsThresholdWhereverACoachPutsIt() {
        Ruleset checkout = Checkout.ruleset();
        assertThat(cards(couple(checkout, selfAssessment(4), selfAssessment(1)))).contains("couple_perception_gap");
        assertThat(couple(checkout, selfAssessment(4), selfAssessment(4)).path().id()).isEqualTo("couple_both_feel_it");

        // A coach moves the rule of thumb to "more than four" in its two verdicts, and nowhere else.
        Checkout.copyTo(dir);
        Checkout.edit(dir.resolve("rules/self_assessment.drl"), "$yes > 3", "$yes > 4");
        Checkout.edit(dir.resolve("rules/plan.drl"), "$yes <= 3", "$yes <= 4");
        RulesetLoader.Result result = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(result.problems()).isEmpty();
        Ruleset moved = result.ruleset();
        assertThat(cards(couple(moved, selfAssessment(4), selfAssessment(1)))).doesNotContain("couple_perception_gap");
        assertThat(couple(moved, selfAssessment(4), selfAssessment(4)).path().id()).isNotEqualTo("couple_both_feel_it");
        assertThat(cards(couple(moved, selfAssessment(5), selfAssessment(1)))).contains("couple_perception_gap");
        assertThat(couple(moved, selfAssessment(5), selfAssessment(6)).path().id()).isEqualTo("couple_both_feel_it");
    }

    @Test
    void aPartnerWhoHasNotTakenTheSelfAssessmentIsNotOnTheOtherSideOfTheGap() {
        CoupleDecision decision = couple(Checkout.ruleset(), selfAssessment(5), Map.of("att_my_reaction", "pull"));
        assertThat(cards(decision)).doesNotContain("couple_perception_gap");
    }

    @Test
    void noPrivateFindingOfEitherPartnerReachesTheCouple() {
        Ruleset ruleset = Checkout.ruleset();
        Set<String> hidden = PrivateRules.of(ruleset).findings();
        assertThat(hidden).contains("safety_concern", "decided_to_leave");
        assertThat(hidden).doesNotContain("disconnection_suspected", "below_threshold");

        Map<String, Object> leaving = new LinkedHashMap<>(selfAssessment(5));
        leaving.put("sa_fantasize_alone", "yes");
        leaving.put("st_considering_ending", "decided");
        leaving.put("safety_control", "yes");
        var questionnaire = ruleset.content().questionnaire();
        Answers posted = questionnaire.readPosted(leaving);
        // The partner's own plan draws both private findings...
        List<String> own = Engine.evaluate(ruleset, posted).trace().stream()
                .flatMap(f -> f.findings().stream()).toList();
        assertThat(own).contains("safety_concern", "decided_to_leave", "disconnection_suspected");
        // ... and the couple is handed neither, only what the shareable answers draw.
        Couple couple = CoupleSides.of(ruleset, posted, questionnaire.readPosted(selfAssessment(1)),
                EvaluationLimits.DEFAULT);
        for (String finding : hidden) {
            assertThat(couple.eitherFound(finding)).as(finding).isFalse();
        }
        assertThat(couple.oneFound("disconnection_suspected")).isTrue();
        assertThat(couple.oneFound("below_threshold")).isTrue();
    }

    @Test
    void validateRefusesACoupleRuleThatAsksForAPrivateOrUnknownFinding() throws IOException {
        Checkout.copyTo(dir);
        String rules = """

                rule "Probe a private finding"
                    @id("couple.probe_private")
                    @source("Rekindle tests")
                    @reason("Probe.")
                when
                    Couple( eitherFound("decided_to_leave") )
                then
                    insert(new Show("couple_shared_myth"));
                end

                rule "Probe an unknown finding"
                    @id("couple.probe_unknown")
                    @source("Rekindle tests")
                    @reason("Probe.")
                when
                    Couple( bothFound("no_such_finding") )
                then
                    insert(new Show("couple_shared_myth"));
                end
                """;
        Files.writeString(dir.resolve("rules/couple.drl"), rules, StandardOpenOption.APPEND);
        List<String> problems = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")))
                .problems().stream().map(Problem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("rules/couple.drl")
                .contains("Finding 'decided_to_leave', which a rule drawing on a private answer inserts"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("rules/couple.drl")
                .contains("Finding 'no_such_finding', which no rule inserts"));
    }
}
