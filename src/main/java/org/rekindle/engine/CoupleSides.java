package org.rekindle.engine;

import java.util.LinkedHashSet;
import java.util.Set;

import org.rekindle.content.Questionnaire;
import org.rekindle.model.Answers;
import org.rekindle.model.Couple;
import org.rekindle.ruleset.PrivateRules;
import org.rekindle.ruleset.Ruleset;

/**
 * Both partners as couple rules see them: each one's answers without the private ones, and the findings
 * those answers draw under the same ruleset, without any a private rule draws. Each partner is evaluated
 * on their shareable answers alone, so no finding handed to the couple can depend on a private answer,
 * whatever a coach writes; a couple rule then matches what the partner's own rules concluded
 * ({@code bothFound("disconnection_suspected")}) instead of repeating their thresholds.
 */
public final class CoupleSides {

    private CoupleSides() {
    }

    /**
     * @param a partner {@code a}'s answers as posted (private ones included: they are removed here)
     * @param b partner {@code b}'s answers as posted
     * @throws EvaluationLimitExceeded when a partner's evaluation goes past {@code limits}
     */
    public static Couple of(Ruleset ruleset, Answers a, Answers b, EvaluationLimits limits) {
        Questionnaire questionnaire = ruleset.content().questionnaire();
        Set<String> hidden = PrivateRules.of(ruleset).findings();
        Answers shareableA = questionnaire.shareable(a);
        Answers shareableB = questionnaire.shareable(b);
        return new Couple(shareableA, shareableB, findings(ruleset, shareableA, hidden, limits),
                findings(ruleset, shareableB, hidden, limits));
    }

    private static Set<String> findings(Ruleset ruleset, Answers shareable, Set<String> hidden,
            EvaluationLimits limits) {
        Set<String> found = new LinkedHashSet<>();
        for (Firing firing : Engine.evaluate(ruleset, shareable, null, null, limits).trace()) {
            for (String finding : firing.findings()) {
                if (!hidden.contains(finding)) {
                    found.add(finding);
                }
            }
        }
        return found;
    }
}
