package org.rekindle.engine;

import java.util.ArrayList;
import java.util.List;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * (Bench only.) Engine.evaluate as first committed (0.1.0, commit 65fd080 and before), kept to measure
 * what the engine changes of this benchmark gave: it reads the plan back from the session's facts and
 * looks each firing's rule up by "package.name". Same decisions except the order of withheld cards,
 * which followed the session's identity-hash order and so changed from call to call.
 */
public final class OriginalEngine {

    private OriginalEngine() {
    }

    public static Decision evaluate(Ruleset ruleset, Answers answers) {
        OriginalRecorder recorder = new OriginalRecorder(ruleset, answers);
        KieSession session = ruleset.kieBase().newKieSession();
        List<Object> facts;
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(answers);
            session.fireAllRules();
            facts = new ArrayList<>(session.getObjects());
        } finally {
            session.dispose();
        }
        return OriginalAssembler.assemble(ruleset, answers, facts, recorder);
    }
}
