package org.rekindle.api.couples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.AccessCheck;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.Serving;
import org.rekindle.audit.DecisionLog;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.content.Questionnaire;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.engine.CoupleDecision;
import org.rekindle.engine.CoupleSides;
import org.rekindle.engine.Engine;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.live.LiveRuleset;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * The couple's shared view ({@code GET /v1/couples/{couple}}): once both partners of a couple (the
 * same {@code couple} pseudonym, partners {@code a} and {@code b}, posted by the same app) have
 * answered, the couple-level cards about the two of them, from their latest assessments, and the
 * couple's path and focus as the plan file's {@code couple:} block chooses them.
 *
 * <p>What it never shows: a private answer, or anything derived from one (the couple rules read both
 * partners' answers with the private ones removed, and the findings those alone draw), and any sign that a partner's safety screen was
 * positive. When either screen is positive the couple is not evaluated at all, and the answer is, byte
 * for byte, the one given while a partner has not answered yet; an erased partner has not answered.
 * Nothing here is logged.
 */
public final class Couples {

    private final LiveRuleset rulesets;
    private final DecisionLog log;
    private final EvaluationLimits limits;

    public Couples(LiveRuleset rulesets, DecisionLog log, EvaluationLimits limits) {
        this.rulesets = rulesets;
        this.log = log;
        this.limits = limits;
    }

    public void show(Context ctx) {
        String couple = Pseudonym.require("couple", ctx.pathParam("couple"));
        Access.Caller caller = ctx.attribute(AccessCheck.CALLER);
        List<DecisionRecord> records = log.ofCouple(couple, caller == null ? null : caller.tokenHash());
        if (records.isEmpty()) {
            // Same as for a couple another app created: an app must not learn which couples exist.
            throw ApiError.notFound("no couple " + couple);
        }
        Ruleset ruleset = Serving.ruleset(rulesets);
        String owner = caller == null ? null : caller.tokenHash();
        Answers a = latest(side(records, "a", couple, owner), ruleset.content().questionnaire());
        Answers b = latest(side(records, "b", couple, owner), ruleset.content().questionnaire());
        Questionnaire questionnaire = ruleset.content().questionnaire();
        if (a == null || b == null || questionnaire.screenPositive(a) || questionnaire.screenPositive(b)) {
            ctx.json(waiting(couple));
            return;
        }
        CoupleDecision decision = Engine.evaluateCouple(ruleset, CoupleSides.of(ruleset, a, b, limits), limits);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("couple", couple);
        body.put("available", true);
        body.put("rulesetVersion", decision.rulesetVersion());
        body.put("partners", List.of("a", "b"));
        if (decision.path() != null) {
            // Chosen as a person's path is, from the plan file's couple: block, with the firing that chose it.
            body.put("path", decision.path());
        }
        body.put("focus", decision.focus());
        body.put("cards", decision.cards());
        ctx.json(body);
    }

    /**
     * The one answer for "not available": a partner has not answered, was erased, or (never said) a
     * screen is positive. It names nothing but the couple the app asked for.
     */
    static Map<String, Object> waiting(String couple) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("couple", couple);
        body.put("available", false);
        body.put("message", "The shared view is ready once both partners have answered; the other partner has "
                + "not answered yet.");
        return body;
    }

    /**
     * A partner's assessments, oldest first: those posted for this side of the couple and, when the side
     * answered with a subject, that subject's later ones posted without a couple (a check-in that did not
     * name it), so that the side is always the partner's latest word, screen included.
     */
    private List<DecisionRecord> side(List<DecisionRecord> records, String partner, String couple, String owner) {
        DecisionRecord last = null;
        for (DecisionRecord record : records) {
            if (partner.equals(record.partner())) {
                last = record;
            }
        }
        if (last == null || last.subject() == null) {
            return last == null ? List.of() : List.of(last);
        }
        return log.ofSubject(last.subject(), owner).stream()
                .filter(r -> r.couple() == null || couple.equals(r.couple()) && partner.equals(r.partner()))
                .toList();
    }

    /**
     * The latest of a partner's assessments, its answers read with today's questionnaire; null when there
     * are none it accepts. Answers to questions today's questionnaire no longer has (merged into others
     * since) are left out: no rule of today reads them.
     */
    private static Answers latest(List<DecisionRecord> side, Questionnaire questionnaire) {
        if (side.isEmpty()) {
            return null;
        }
        try {
            Map<String, Object> answers = new LinkedHashMap<>(DecisionCodec.answers(side.get(side.size() - 1)));
            answers.keySet().removeIf(id -> questionnaire.question(id) == null);
            return questionnaire.read(answers);
        } catch (InvalidAnswers e) {
            // Answered under a questionnaire that has changed since: treated as not answered yet.
            return null;
        }
    }
}
