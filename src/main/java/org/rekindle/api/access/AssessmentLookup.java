package org.rekindle.api.access;

import io.javalin.http.Context;

import org.rekindle.api.http.ApiError;
import org.rekindle.audit.DecisionLog;
import org.rekindle.decision.DecisionRecord;

/**
 * The stored assessment a request's {@code {id}} names, as its caller may see it: an app reaches only
 * the assessments it created, and a missing id and another app's id get the same 404.
 */
public final class AssessmentLookup {

    private final DecisionLog log;

    public AssessmentLookup(DecisionLog log) {
        this.log = log;
    }

    /** The stored decision of the path's {@code id}; 404 when missing or (for an app) not its own. */
    public DecisionRecord find(Context ctx) {
        String id = Pseudonym.require("id", ctx.pathParam("id"));
        DecisionRecord record = log.find(id).orElseThrow(() -> ApiError.notFound("no assessment " + id));
        Access.Caller caller = ctx.attribute(AccessCheck.CALLER);
        if (caller != null && caller.role() == Role.APP && !caller.tokenHash().equals(record.owner())) {
            // Same answer as a missing id: an app must not learn which ids exist.
            throw ApiError.notFound("no assessment " + id);
        }
        return record;
    }
}
