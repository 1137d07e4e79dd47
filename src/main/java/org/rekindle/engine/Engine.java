package org.rekindle.engine;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * Evaluates one person's answers against a ruleset. Each call opens a fresh session with its own
 * recorder, so concurrent calls share nothing but the immutable ruleset (and its {@link RulesetIndex},
 * built once); the ruleset is passed per call, so a request that started on one ruleset finishes on it
 * even if another goes live meanwhile.
 */
public final class Engine {

    private Engine() {
    }

    /** Evaluates within the {@link EvaluationLimits#DEFAULT default limits}. */
    public static Decision evaluate(Ruleset ruleset, Answers answers) {
        return evaluate(ruleset, answers, EvaluationLimits.DEFAULT);
    }

    /**
     * Evaluates within {@code limits}.
     *
     * @throws EvaluationLimitExceeded when the rules fire more often, or run longer, than the limits allow
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, EvaluationLimits limits) {
        RulesetIndex index = RulesetIndex.of(ruleset);
        FiringRecorder recorder = new FiringRecorder(ruleset, index, answers,
                System.nanoTime() + limits.time().toNanos());
        KieSession session = ruleset.kieBase().newKieSession();
        int fired;
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(answers);
            // One firing more than allowed tells "stopped at the limit" from "finished exactly at it".
            fired = session.fireAllRules(limits.firings() + 1);
        } finally {
            session.dispose();
        }
        if (recorder.overBudget()) {
            throw recorder.exceeded(EvaluationLimitExceeded.Limit.TIME, "the evaluation ran longer than its "
                    + limits.time().toMillis() + " ms budget");
        }
        if (fired > limits.firings()) {
            throw recorder.exceeded(EvaluationLimitExceeded.Limit.FIRINGS, "the rules fired more than "
                    + limits.firings() + " times in one evaluation");
        }
        return PlanAssembler.assemble(ruleset, index, answers, recorder);
    }
}
