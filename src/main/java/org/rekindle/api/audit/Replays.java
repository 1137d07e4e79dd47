package org.rekindle.api.audit;

import io.javalin.http.Context;

import org.rekindle.json.Json;
import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.Serving;
import org.rekindle.audit.DecisionLog;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.live.RulesetArchive;
import org.rekindle.replay.Replay;
import org.rekindle.live.LiveRuleset;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code GET /v1/assessments/{id}/replay}: a stored decision evaluated again with the exact ruleset
 * of its day (rebuilt from the files the decision log keeps), whether that reproduces it, and what
 * today's live ruleset would show instead.
 */
public final class Replays {

    private final LiveRuleset rulesets;
    private final DecisionLog log;
    private final RulesetArchive archive;

    public Replays(LiveRuleset rulesets, DecisionLog log, RulesetArchive archive) {
        this.rulesets = rulesets;
        this.log = log;
        this.archive = archive;
    }

    public void replay(Context ctx) {
        String id = Pseudonym.require("id", ctx.pathParam("id"));
        DecisionRecord record = log.find(id).orElseThrow(() -> ApiError.notFound("no assessment " + id));
        Ruleset today = Serving.ruleset(rulesets);
        Replay.Result result;
        try {
            result = Replay.of(DecisionCodec.read(record, archive::rules), archive, today);
        } catch (RulesetArchive.Unavailable e) {
            throw unavailable(e);
        }
        AnswerMask mask = AnswerMask.forCaller(ctx, () -> AnswerMask.liveAnd(rulesets,
                archive.content(record.rulesetVersion())));
        ctx.json(mask.apply(Json.MAPPER.valueToTree(result)));
    }

    /**
     * 409: the ruleset a decision was made with is not in the log, its stored files were altered, or they
     * no longer load.
     */
    public static ApiError unavailable(RulesetArchive.Unavailable e) {
        if (e.altered()) {
            return new ApiError(409, "ruleset_files_altered", e.getMessage());
        }
        return e.problems().isEmpty()
                ? new ApiError(409, "ruleset_not_stored", e.getMessage())
                : ApiError.invalidRuleset(409, "ruleset_not_rebuildable", e.getMessage(), e.problems());
    }
}
