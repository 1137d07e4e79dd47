package org.rekindle.engine;

import java.util.List;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * (Bench only.) Engine.evaluate taken apart, to measure what each part costs and what each lever gives.
 * Lives in the engine's package to reuse its package-private recorder and plan assembler unchanged.
 */
public final class LeverEngines {

    private LeverEngines() {
    }

    /** Drools alone: a fresh session, the answers in, every rule fired, the facts out. No trace, no plan. */
    public static int droolsOnly(Ruleset ruleset, Answers answers) {
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            session.insert(answers);
            session.fireAllRules();
            return session.getObjects().size();
        } finally {
            session.dispose();
        }
    }

    /** Drools with two listeners that do nothing: what Drools' event machinery alone adds. */
    public static int droolsAndEmptyListeners(Ruleset ruleset, Answers answers) {
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener());
            session.addEventListener(new DefaultRuleRuntimeEventListener());
            session.insert(answers);
            session.fireAllRules();
            return session.getObjects().size();
        } finally {
            session.dispose();
        }
    }

    /** Drools and the recorder (the trace), but no plan. */
    public static List<Firing> droolsAndRecorder(Ruleset ruleset, Answers answers) {
        FiringRecorder recorder = new FiringRecorder(ruleset, RulesetIndex.of(ruleset), answers);
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(answers);
            session.fireAllRules();
            return recorder.firings();
        } finally {
            session.dispose();
        }
    }

    /** Engine.evaluate's steps on a session taken from a pool; Drools resets it (listeners too) on dispose. */
    public static Decision pooled(Ruleset ruleset, KieSessionsPool pool, Answers answers) {
        RulesetIndex index = RulesetIndex.of(ruleset);
        FiringRecorder recorder = new FiringRecorder(ruleset, index, answers);
        KieSession session = pool.newKieSession();
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(answers);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return PlanAssembler.assemble(ruleset, answers, recorder, null);
    }

    /** Engine.evaluate's steps in a stateless session, which sequential mode needs. */
    public static Decision stateless(Ruleset ruleset, Answers answers) {
        RulesetIndex index = RulesetIndex.of(ruleset);
        FiringRecorder recorder = new FiringRecorder(ruleset, index, answers);
        StatelessKieSession session = ruleset.kieBase().newStatelessKieSession();
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        session.execute(answers);
        return PlanAssembler.assemble(ruleset, answers, recorder, null);
    }
}
