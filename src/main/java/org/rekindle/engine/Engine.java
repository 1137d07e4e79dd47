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

    /** The decision for these answers, with the help lines of no particular region, within the default limits. */
    public static Decision evaluate(Ruleset ruleset, Answers answers) {
        return evaluate(ruleset, answers, null, EvaluationLimits.DEFAULT);
    }

    /**
     * The decision for these answers, within the {@link EvaluationLimits#DEFAULT default limits}.
     *
     * @param locale the request's locale ({@code en-GB}), which picks the help lines' region; null for none
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, String locale) {
        return evaluate(ruleset, answers, locale, EvaluationLimits.DEFAULT);
    }

    /**
     * The decision for these answers, within {@code limits}.
     *
     * @param locale the request's locale ({@code en-GB}), which picks the help lines' region; null for none
     * @throws EvaluationLimitExceeded when the rules fire more often, or run longer, than the limits allow
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, String locale, EvaluationLimits limits) {
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
        return PlanAssembler.assemble(ruleset, answers, recorder, locale);
    }
}
