package org.rekindle.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;
import org.rekindle.testing.Checkout;

/**
 * The impact preview evaluates a stored decision on both sides with what its rules read of the previous
 * assessment: an edit to a rule over {@code Previous} shows on the assessments it would change.
 */
class ImpactPreviousTest {

    @Test
    void bothSidesOfAnImpactReadTheStoredPrevious() throws Exception {
        Ruleset live = Checkout.ruleset();
        Answers answers = live.content().questionnaire().read(Map.of("talk_minutes_per_day", 25));
        var decision = Engine.evaluate(live, answers, Engine.previous(live, "d-0",
                Map.of("talk_minutes_per_day", 10)), null);
        DecisionRecord row = DecisionCodec.write("d-1", Instant.parse("2026-11-30T09:30:00Z"), decision, answers,
                new DecisionCodec.Parties("subject-1", null, null, null), null, live.ruleBook());

        // Only more talk than 30 minutes a day is celebrated now: 10 to 25 no longer is.
        Acceptance.Verdict candidate = Acceptance.of(Checkout.withRuleEdited(Checkout.bundle(), "progress.drl",
                "\\$now > \\$before \\)", "\\$now > \\$before, \\$now > 30 )"));

        Impact.Report report = Impact.of(live, candidate, List.of(row));

        assertThat(report.totals().changed()).isEqualTo(1);
        Impact.Change change = report.assessments().get(0);
        assertThat(change.disappeared()).containsExactly("progress_talk_more");
        assertThat(change.appeared()).isEmpty();
        assertThat(report.rules()).containsExactly(new Impact.RuleChange("progress.talk_more", 1, 0));
    }
}
