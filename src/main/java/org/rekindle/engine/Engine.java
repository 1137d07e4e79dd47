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

    /** The decision for these answers, with the help lines of no particular region. */
    public static Decision evaluate(Ruleset ruleset, Answers answers) {
        return evaluate(ruleset, answers, null);
    }

    /**
     * The decision for these answers.
     *
     * @param locale the request's locale ({@code en-GB}), which picks the help lines' region; null for none
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, String locale) {
        RulesetIndex index = RulesetIndex.of(ruleset);
        FiringRecorder recorder = new FiringRecorder(ruleset, index, answers);
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(answers);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return PlanAssembler.assemble(ruleset, answers, recorder, locale);
    }
}
