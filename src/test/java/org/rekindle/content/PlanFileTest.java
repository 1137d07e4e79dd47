package org.rekindle.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.ruleset.RulesetLoader;
import org.rekindle.testing.Checkout;

/**
 * {@code validate} on the plan file and the help lines, as a coach edits them: every mistake is
 * reported with file and line, and the ruleset does not load.
 */
class PlanFileTest {

    @TempDir
    Path dir;

    @Test
    void theCheckoutsPlanFileHasEveryPathOfTheBriefInPrecedenceOrder() {
        PlanBook plan = Checkout.ruleset().content().plan();
        assertThat(plan.paths()).extracting(PlanPath::id)
                .containsExactly("safety", "leaving", "supported", "solo", "reconnect", "check_up", "first_steps");
        assertThat(plan.focusSize()).isEqualTo(5);
        assertThat(plan.fallback()).isEqualTo("first_steps");
        HelpLines lines = Checkout.ruleset().content().helpLines();
        assertThat(lines.regions()).extracting(HelpLines.Region::id)
                .contains("us", "uk", "canada", "australia", "ireland", "international");
    }

    @Test
    void unknownCardsKindsAndTagsAndABadFocusSizeAreReportedWithTheirLines() {
        Checkout.copyTo(dir);
        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "  size: 5", "  size: 0");
        Checkout.edit(plan, "- card: safety_private_device", "- card: no_such_card");
        Checkout.edit(plan, "keep_only: {kinds: [safety]}", "keep_only: {kinds: [no_such_kind]}");
        Checkout.edit(plan, "exclude: {tags: [together, programme]}", "exclude: {tags: [no_such_tag, programme]}");
        List<Problem> problems = problems();
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("content/plan.yaml"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).containsPattern(":\\d+:0: focus size is 0"))
                .anySatisfy(p -> assertThat(p.message()).contains("'no_such_card'"))
                .anySatisfy(p -> assertThat(p.message()).contains("'no_such_kind'"))
                .anySatisfy(p -> assertThat(p.message()).contains("'no_such_tag'"));
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void aPathWaitingForAFindingNoRuleDrawsAndAMissingFallbackAreReported() {
        Checkout.copyTo(dir);
        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "when: decided_to_leave", "when: decided_to_move_abroad");
        Checkout.edit(plan, "fallback: first_steps", "fallback: nowhere");
        List<Problem> problems = problems();
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .contains("path 'leaving' waits for Finding 'decided_to_move_abroad', which no rule inserts"))
                .anySatisfy(p -> assertThat(p.message()).contains("'fallback' must name one of the paths"));
    }

    @Test
    void aPathThatHoldsCardsBackNeedsAReasonAndAFocusCardMustBeOneToActOn() {
        Checkout.copyTo(dir);
        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "    reason: >\n      You have decided to leave",
                "    story_note: >\n      You have decided to leave");
        Checkout.edit(plan, "- card: lesson_okay_to_outgrow", "- card: story_walking_away");
        List<Problem> problems = problems();
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("path 'leaving' has unknown field "
                + "'story_note'"))
                .anySatisfy(p -> assertThat(p.message()).contains("path 'leaving' holds cards back, so it needs a "
                        + "'reason'"))
                .anySatisfy(p -> assertThat(p.message()).contains("names card 'story_walking_away' of kind 'story', "
                        + "which is not in focus.kinds"));
    }

    @Test
    void helpLinesNeedOneFallbackCountryCodesAndHowToReachEachLine() {
        Checkout.copyTo(dir);
        Path lines = dir.resolve("content/help_lines.yaml");
        Checkout.edit(lines, "    countries: [GB]", "    countries: [US, uk]");
        Checkout.edit(lines, "    fallback: true\n", "");
        Checkout.edit(lines, "        how: Call 116 123, free, any time.", "        how: \"\"");
        List<Problem> problems = problems();
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("content/help_lines.yaml"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("country US, which region 'us' "
                + "already lists"))
                .anySatisfy(p -> assertThat(p.message()).contains("country 'uk'"))
                .anySatisfy(p -> assertThat(p.message()).contains("exactly one region must be 'fallback: true'"))
                .anySatisfy(p -> assertThat(p.message()).contains("every line needs a 'name' and 'how'"));
    }

    private List<Problem> problems() {
        RulesetLoader.Result result = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(result.ok()).as("an invalid plan file keeps the ruleset from loading").isFalse();
        return result.problems();
    }
}
