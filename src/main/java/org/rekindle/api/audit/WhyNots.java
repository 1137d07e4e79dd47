package org.rekindle.api.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.javalin.http.Context;

import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.audit.DecisionLog;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.explain.WhyNot;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.RulesetArchive;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code GET /v1/assessments/{id}/why-not/{card}}: for a stored decision, with the ruleset of its day,
 * every rule that can show the card with each of its conditions checked against the stored answers and
 * the facts its firings inserted, and what withheld the card if something did.
 */
public final class WhyNots {

    private final LiveRuleset rulesets;
    private final DecisionLog log;
    private final RulesetArchive archive;

    public WhyNots(LiveRuleset rulesets, DecisionLog log, RulesetArchive archive) {
        this.rulesets = rulesets;
        this.log = log;
        this.archive = archive;
    }

    public void whyNot(Context ctx) {
        String id = Pseudonym.require("id", ctx.pathParam("id"));
        String card = Pseudonym.require("card", ctx.pathParam("card"));
        DecisionRecord record = log.find(id).orElseThrow(() -> ApiError.notFound("no assessment " + id));
        WhyNot.Result result;
        try {
            result = of(record, card, archive);
        } catch (RulesetArchive.Unavailable e) {
            throw Replays.unavailable(e);
        }
        if (result == null) {
            throw ApiError.notFound("ruleset " + record.rulesetVersion() + " has no card " + card);
        }
        AnswerMask mask = AnswerMask.forCaller(ctx, () -> AnswerMask.liveAnd(rulesets,
                archive.content(record.rulesetVersion())));
        ctx.json(mask.apply(Json.MAPPER.valueToTree(result)));
    }

    /**
     * Why {@code card} was or was not shown in a stored decision, or null when the decision's ruleset
     * has no such card.
     *
     * @throws RulesetArchive.Unavailable when the ruleset of its day cannot be rebuilt
     */
    static WhyNot.Result of(DecisionRecord record, String card, RulesetArchive archive) {
        StoredDecision stored = DecisionCodec.read(record);
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
