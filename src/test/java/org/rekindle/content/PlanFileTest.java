package org.rekindle.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.engine.Engine;
import org.rekindle.model.Summary;
import org.rekindle.ruleset.Ruleset;
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
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).containsPattern(":\\d+:3: focus size is 0"))
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
    void theSummaryIsWhatThePlanFileDescribes() throws IOException {
        Checkout.copyTo(dir);
        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "  otherwise: not_taken", "  otherwise: not_answered_yet");
        Checkout.edit(plan, "It is a heuristic for reflection, not a diagnosis.", "A rule of thumb, not a diagnosis.");
        Checkout.edit(plan, "  attachment_style: att_own_style", "  attachment_style: att_partner_style");
        RulesetLoader.Result result = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(result.problems()).isEmpty();
        Ruleset ruleset = result.ruleset();

        Summary nothing = Engine.evaluate(ruleset, ruleset.content().questionnaire().read(Map.of())).plan().summary();
        assertThat(nothing.selfAssessment().verdict()).isEqualTo("not_answered_yet");
        assertThat(nothing.selfAssessment().note()).endsWith("A rule of thumb, not a diagnosis.");
        Summary styles = Engine.evaluate(ruleset, ruleset.content().questionnaire().read(
                Map.of("att_own_style", "anxious", "att_partner_style", "avoidant"))).plan().summary();
        assertThat(styles.attachmentStyle()).isEqualTo("avoidant");

        // Without a summary block the summary counts the answers and lists the findings, and nothing more.
        Files.writeString(plan, Files.readString(plan).replaceFirst("(?s)\nsummary:\n.*?\n\n", "\n"));
        RulesetLoader.Result bare = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(bare.problems()).isEmpty();
        Summary plain = Engine.evaluate(bare.ruleset(), bare.ruleset().content().questionnaire().read(
                Map.of("sa_unseen", "yes", "att_own_style", "anxious"))).plan().summary();
        assertThat(plain.selfAssessment()).isNull();
        assertThat(plain.attachmentStyle()).isNull();
        assertThat(plain.findings()).contains("below_threshold");
    }

    @Test
    void aSummaryNamingAnUnknownSectionAQuestionThatIsNotAChoiceOrAFindingNoRuleDrawsIsReported() {
        Checkout.copyTo(dir);
        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "  self_assessment: self_assessment", "  self_assessment: self_assesment");
        Checkout.edit(plan, "  attachment_style: att_own_style", "  attachment_style: talk_minutes_per_day");
        Checkout.edit(plan, "verdicts: [disconnection_suspected, below_threshold]",
                "verdicts: [disconnection_suspected, below_the_threshold]");
        Checkout.edit(plan, "  otherwise: not_taken", "  otherwise: not_taken\n  headline: Your plan");
        List<Problem> problems = problems();
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("content/plan.yaml"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).isEqualTo("summary: self_assessment names "
                        + "section 'self_assesment', which is not a section in content/questionnaire/"))
                .anySatisfy(p -> assertThat(p.message()).contains("attachment_style names question "
                        + "'talk_minutes_per_day', a number question; it must be a choice question"))
                .anySatisfy(p -> assertThat(p.message()).contains("summary verdict 'below_the_threshold' waits for "
                        + "Finding 'below_the_threshold', which no rule inserts"))
                .anySatisfy(p -> assertThat(p.message()).contains("summary has unknown field 'headline'"));
    }

    @Test
    void progressNamingAnUnknownSectionOrAQuestionThatIsNotAPublicNumberIsReportedAtItsLine() {
        Checkout.copyTo(dir);
        Path plan = dir.resolve("content/plan.yaml");
        Checkout.edit(plan, "  signs: warning_signs", "  signs: warning_sign\n  mood: mood_today");
        Checkout.edit(plan, "  talk_minutes: talk_minutes_per_day", "  talk_minutes: att_own_style");
        List<Problem> problems = problems();
        assertThat(problems).extracting(Problem::message).containsExactlyInAnyOrder(
                "progress: signs names section 'warning_sign', which is not a section in content/questionnaire/; "
                        + "name the section whose answers the progress chart shows as warning signs",
                "progress: talk_minutes names question 'att_own_style', a choice question; it must be a number "
                        + "question, whose answer the chart plots",
                "progress has unknown field 'mood'; fields are [signs, talk_minutes]");
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("content/plan.yaml"))
                .allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void progressMayNotChartAPrivateQuestion() throws IOException {
        Checkout.copyTo(dir);
        Path safety = dir.resolve("content/questionnaire/safety.yaml");
        Files.writeString(safety, Files.readString(safety) + """
                  - id: safety_minutes
                    type: number
                    text: How many minutes a day do you feel watched?
                    min: 0
                    max: 1440
                """);
        Checkout.edit(dir.resolve("content/plan.yaml"), "  talk_minutes: talk_minutes_per_day",
                "  talk_minutes: safety_minutes");
        // (Every form must also ask a new safety question: that is reported too.)
        assertThat(problems()).extracting(Problem::message).contains("progress: talk_minutes names the "
                + "private question 'safety_minutes'; a chart may be seen by others, so name a question the partner "
                + "may see");
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
