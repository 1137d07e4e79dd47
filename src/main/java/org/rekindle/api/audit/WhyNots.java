package org.rekindle.api.audit;

import io.javalin.http.Context;

import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.audit.Replays;
import org.rekindle.api.audit.StoredExplanation;
import org.rekindle.api.http.ApiError;
import org.rekindle.audit.DecisionLog;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.explain.WhyNot;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.RulesetArchive;

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
            result = StoredExplanation.whyNot(record, card, archive);
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
}
