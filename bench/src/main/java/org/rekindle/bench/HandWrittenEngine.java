package org.rekindle.bench;

import java.util.HashMap;
import java.util.Map;

import org.rekindle.content.Questionnaire;
import org.rekindle.engine.Decision;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * The physical-limit baseline: the decisions of every rule of the frozen copy ({@code bench/ruleset/})
 * written by hand in plain Java ({@link HandWrittenRules}), producing the same {@link Decision} as {@code Engine.evaluate}: the same
 * path, focus and cards in the same order with the same reasons, the same summary, the same firings and
 * withheld cards.
 *
 * <p>It uses the compiled ruleset only as a catalogue, never to decide: each rule's name, file, line,
 * reason template and the questions its conditions read (all of which end up in the output), and the
 * content the plan is made of. The rules' outcome goes through the engine's own plan layer
 * ({@code PlanLayer}: paths, focus, withheld cards), which reads the coach's plan file: a hand-written
 * service would apply that file too, and the plan layer costs both sides the same.
 *
 * <p>Thread-safe: all per-call state lives in an {@link Evaluation}.
 */
public final class HandWrittenEngine {

    private final Ruleset ruleset;
    private final Map<String, RuleInfo> rules = new HashMap<>();

    public HandWrittenEngine(Ruleset ruleset) {
        this.ruleset = ruleset;
        for (RuleInfo rule : ruleset.rules()) {
            rules.put(rule.id(), rule);
        }
    }

    /** The decision for one person's answers. */
    public Decision evaluate(Answers answers) {
        Evaluation evaluation = new Evaluation(this, answers);
        HandWrittenRules.run(evaluation, answers);
        return evaluation.decide();
    }

    Ruleset ruleset() {
        return ruleset;
    }

    Questionnaire questionnaire() {
        return ruleset.content().questionnaire();
    }

    RuleInfo rule(String id) {
        RuleInfo rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException("the frozen ruleset has no rule with @id(\"" + id + "\"): the "
                    + "hand-written baseline no longer matches bench/ruleset/; refresh the two together "
                    + "(bench/README.md)");
        }
        return rule;
    }
}
