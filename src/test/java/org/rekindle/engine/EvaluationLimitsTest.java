package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;

/** The engine stops an evaluation at its firing limit or time budget, naming the rule that was firing. */
class EvaluationLimitsTest {

    private final Ruleset ruleset = Checkout.ruleset();
    private final Answers answers = ruleset.content().questionnaire().read(Checkout.everythingWrong(false));

    @Test
    void theArticlesHeaviestAnswersStayFarBelowTheDefaults() {
        Decision decision = Engine.evaluate(ruleset, answers);
        assertThat(decision.trace().size()).isBetween(20, EvaluationLimits.DEFAULT.firings() / 20);
    }

    @Test
    void exactlyTheLimitIsAllowedAndOneMoreStops() {
        int firings = Engine.evaluate(ruleset, answers).trace().size();
        assertThat(Engine.evaluate(ruleset, answers, null, new EvaluationLimits(firings, Duration.ofSeconds(5))).trace())
                .hasSize(firings);
        assertThatThrownBy(() -> Engine.evaluate(ruleset, answers, null,
                new EvaluationLimits(firings - 1, Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(EvaluationLimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo(EvaluationLimitExceeded.Limit.FIRINGS);
                    assertThat(e.firings()).isEqualTo(firings);
                    assertThat(e.ruleId()).isNotBlank();
                    assertThat(e.getMessage()).contains("fired more than " + (firings - 1) + " times", e.ruleId());
                });
    }

    @Test
    void anExhaustedTimeBudgetStopsBeforeTheSecondFiring() {
        assertThatThrownBy(() -> Engine.evaluate(ruleset, answers, null, new EvaluationLimits(10_000, Duration.ofNanos(1))))
                .isInstanceOfSatisfying(EvaluationLimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo(EvaluationLimitExceeded.Limit.TIME);
                    assertThat(e.firings()).isEqualTo(1);
                });
    }

    @Test
    void anEvaluationStoppedAtALimitLeavesNothingBehindForTheNext() {
        Decision first = Engine.evaluate(ruleset, answers);
        int firings = first.trace().size();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> Engine.evaluate(ruleset, answers, null,
                    new EvaluationLimits(10_000, Duration.ofNanos(1)))).isInstanceOf(EvaluationLimitExceeded.class);
            assertThatThrownBy(() -> Engine.evaluate(ruleset, answers, null,
                    new EvaluationLimits(firings / 2, Duration.ofSeconds(5)))).isInstanceOf(EvaluationLimitExceeded.class);
            assertThat(Engine.evaluate(ruleset, answers)).as("sessions are reused: a halted one must come back reset")
                    .isEqualTo(first);
        }
    }

    @Test
    void limitsMustBeMeaningful() {
        assertThatThrownBy(() -> new EvaluationLimits(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new EvaluationLimits(1, Duration.ZERO)).hasMessageContaining("positive");
    }
}
