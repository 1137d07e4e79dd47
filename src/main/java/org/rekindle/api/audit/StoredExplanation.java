package org.rekindle.api.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.api.access.AnswerMask;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.explain.PlainExplanation;
import org.rekindle.explain.WhyNot;
import org.rekindle.live.RulesetArchive;
import org.rekindle.model.Answers;
import org.rekindle.model.Plan;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/**
 * What an auditor reads of one stored decision, rebuilt with the ruleset of its day: the plain-language
 * report and why a card was or was not shown. The routes ({@code GET /v1/assessments/{id}/explanation},
 * {@code .../why-not/{card}}) and the commands ({@code rekindle explain --id}, {@code why-not --id}) give
 * the same answers because both come from here.
 */
public final class StoredExplanation {

    private StoredExplanation() {
    }

    /**
     * The plain-language report of a stored decision, answers shown as {@code mask} allows.
     *
     * @throws RulesetArchive.Unavailable when the ruleset of its day cannot be rebuilt
     */
    public static PlainExplanation.Report plain(StoredDecision stored, RulesetArchive archive, AnswerMask mask) {
        Ruleset then = archive.ruleset(stored.rulesetVersion());
        StoredDecision.Rebuilt rebuilt = stored.rebuild(then::content);
        Plan plan = rebuilt.plan() != null ? rebuilt.plan()
                : new Plan(rebuilt.summary(), null, List.of(), rebuilt.allCards());
        Map<Integer, Firing> trace = new LinkedHashMap<>();
        for (Firing read : stored.trace()) {
            // The first form kept neither what a firing read nor, at first, what it built on.
            trace.put(read.seq(), read.reads() == null ? new Firing(read.seq(), read.ruleId(), read.rule(),
                    read.file(), read.line(), List.of(), read.answers(), read.reason(), read.inserted(),
                    read.dependsOn() == null ? List.of() : read.dependsOn()) : read);
        }
        return PlainExplanation.of(stored.id(), stored.createdAt().toString(), then, rebuilt.locale(), plan, trace,
                stored.answers(), mask::value);
    }

    /**
     * Why {@code card} was or was not shown in a stored decision, or null when the decision's ruleset
     * has no such card. Unmasked: mask what it gives with {@link AnswerMask#apply}.
     *
     * @throws RulesetArchive.Unavailable when the ruleset of its day cannot be rebuilt
     */
    public static WhyNot.Result whyNot(DecisionRecord record, String card, RulesetArchive archive) {
        StoredDecision stored = DecisionCodec.read(record, archive::rules);
        Ruleset then = archive.ruleset(stored.rulesetVersion());
        Answers answers;
        try {
            answers = then.content().questionnaire().read(stored.answers());
        } catch (InvalidAnswers e) {
            throw new IllegalStateException("the stored answers of decision " + record.id()
                    + " do not fit the questionnaire of its own ruleset", null);
        }
        List<String> inserted = new ArrayList<>();
        Set<String> fired = new HashSet<>();
        for (Firing firing : stored.trace()) {
            inserted.addAll(firing.inserted());
            fired.add(firing.ruleId());
        }
        // What the rules read of the previous assessment, as the decision keeps it.
        Previous previous = stored.previous() == null ? null
                : Engine.previous(then, stored.previous().id(), stored.previous().answers());
        return WhyNot.of(then, card, answers, previous, inserted, fired, stored.withheld(), stored.cardIds());
    }
}
