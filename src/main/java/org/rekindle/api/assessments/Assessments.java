package org.rekindle.api.assessments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.AccessCheck;
import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.AssessmentLookup;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.audit.Replays;
import org.rekindle.api.audit.StoredExplanation;
import org.rekindle.api.fhir.FhirQuestionnaire;
import org.rekindle.api.fhir.FhirResponse;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.RequestBody;
import org.rekindle.api.http.RequestLocale;
import org.rekindle.api.http.Serving;
import org.rekindle.api.metrics.ApiMetrics;
import org.rekindle.audit.DecisionLog;
import org.rekindle.content.Content;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.content.Questionnaire;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.explain.PlainExplanation;
import org.rekindle.json.Json;
import org.rekindle.engine.EvaluationLimitExceeded;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.RulesetArchive;
import org.rekindle.live.Shadow;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/**
 * The assessment routes: post answers and get a plan, read a stored plan, read its explanation.
 * A plan is returned only once its decision is durably in the log.
 */
public final class Assessments {

    /** The media types an assessment may be posted as: the JSON body, or a FHIR QuestionnaireResponse. */
    private static final List<String> MEDIA_TYPES = List.of("application/json", FhirQuestionnaire.MEDIA_TYPE);

    private final LiveRuleset rulesets;
    private final DecisionLog log;
    private final RulesetArchive archive;
    private final ApiMetrics metrics;
    private final RequestBody body;
    private final EvaluationLimits limits;
    private final Clock clock;
    private final AssessmentLookup lookup;
    /** Serialises the couple check with the store of what it allowed. */
    private final CoupleLink couples;
    private final Shadow shadow;

    /** @param shadow compares each stored decision with the candidate in shadow; null for none */
    public Assessments(LiveRuleset rulesets, DecisionLog log, RulesetArchive archive, ApiMetrics metrics,
            RequestBody body, EvaluationLimits limits, Clock clock, Shadow shadow) {
        this.shadow = shadow;
        this.rulesets = rulesets;
        this.log = log;
        this.archive = archive;
        this.metrics = metrics;
        this.body = body;
        this.limits = limits;
        this.clock = clock;
        this.lookup = new AssessmentLookup(log);
        this.couples = new CoupleLink();
    }

    public void create(Context ctx) throws JsonProcessingException {
        PlanViews.Kind view = PlanViews.requested(ctx.queryParam(PlanViews.PARAMETER));
        Checked checked = check(ctx);
        AssessmentRequest request = checked.request();
        Answers answers = checked.answers();
        Content content = checked.ruleset().content();
        String locale = RequestLocale.of(ctx, request.locale(), content);
        Access.Caller caller = ctx.attribute(AccessCheck.CALLER);
        String owner = caller == null ? null : caller.tokenHash();
        String id = UUID.randomUUID().toString();
        Decision decision;
        byte[] plan;
        CoupleLink.Held held = couples.hold(request, owner);
        try {
            CoupleLink.check(log, request, owner);
            // A history that cannot be read is a 503, as a decision that cannot be stored is (the outage is
            // reported once by the log): never a plan made without the previous assessment it compares with.
            Previous previous = previous(checked.ruleset(), request.subject(), caller);
            long start = System.nanoTime();
            decision = evaluate(checked, previous, locale);
            metrics.evaluated(checked.ruleset(), decision, System.nanoTime() - start);

            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what both databases store
            // Bytes, not a String: the cards' texts are not Latin-1, and encoding the String again for the
            // response cost as much as writing it.
            plan = Json.MAPPER.writeValueAsBytes(PlanViews.of(view, id, decision.rulesetVersion(), now,
                    decision.locale(), decision.plan(), content.in(decision.locale()).library()));
            log.append(DecisionCodec.write(id, now, decision, answers, new DecisionCodec.Parties(request.subject(),
                    request.couple(), request.partner(), owner), StoredDecision.Sent.of(view.wireName(), plan),
                    checked.ruleset().ruleBook()), DecisionCodec.keys(decision));
        } finally {
            held.close();
        }
        RequestLocale.answer(ctx, decision.locale());
        if (shadow != null) {
            // Only once the decision is stored (its diff refers to it); a non-blocking hand-off, see Shadow.
            shadow.offer(id, checked.ruleset(), decision, request.answers(), locale);
        }
        ctx.status(201).header("Location", "/v1/assessments/" + id).contentType("application/json").result(plan);
    }

    public void read(Context ctx) throws java.io.IOException {
        PlanViews.Kind view = PlanViews.requested(ctx.queryParam(PlanViews.PARAMETER));
        DecisionRecord record = lookup.find(ctx);
        StoredDecision stored = rebuilt(() -> DecisionCodec.read(record, archive::rules));
        byte[] plan = rebuilt(() -> SentPlan.json(stored, content(record), view));
        AnswerMask mask = mask(ctx, record);
        if (!mask.questions().isEmpty()) {
            // An auditor without the private-answers scope: the plan's reasons quote the answers.
            plan = Json.MAPPER.writeValueAsBytes(mask.apply(Json.MAPPER.readTree(plan)));
        }
        // The texts are in the locale the decision was made in, whatever this request asks for.
        String locale = stored.locale();
        if (locale != null) {
            ctx.header("Content-Language", locale);
        }
        ctx.contentType("application/json").result(plan);
    }

    public void explain(Context ctx) throws JsonProcessingException {
        DecisionRecord record = lookup.find(ctx);
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("json")) {
            if (!format.equals("text") && !format.equals("plain")) {
                throw ApiError.badRequest("invalid_format", "format", "format is json (the default), plain (the "
                        + "plain-language report as JSON) or text (the same report as text)");
            }
            AnswerMask mask = mask(ctx, record);
            PlainExplanation.Report report = rebuilt(() -> StoredExplanation.plain(
                    DecisionCodec.read(record, archive::rules), archive, mask));
            if (format.equals("text")) {
                ctx.contentType("text/plain; charset=utf-8").result(PlainExplanation.text(report));
            } else {
                ctx.json(report);
            }
            return;
        }
        StoredDecision stored = rebuilt(() -> DecisionCodec.read(record, archive::rules));
        SentPlan.Check sent = rebuilt(() -> SentPlan.check(stored, content(record)));
        ctx.json(mask(ctx, record).apply(Json.MAPPER.valueToTree(Explanation.of(stored, sent))));
    }

    /** What the caller may not see of this decision's answers (see {@link AnswerMask}). */
    AnswerMask mask(Context ctx, DecisionRecord record) {
        try {
            return AnswerMask.forCaller(ctx, () -> AnswerMask.liveAnd(rulesets, archive.content(
                    record.rulesetVersion())));
        } catch (RulesetArchive.Unavailable e) {
            throw Replays.unavailable(e);
        }
    }

    /** The content of the decision's own ruleset version: its cards' texts, plan file and help lines. */
    private Supplier<Content> content(DecisionRecord record) {
        return () -> archive.content(record.rulesetVersion());
    }

    /** Something rebuilt from a stored decision; 409 when its ruleset's files are not at hand. */
    private static <T> T rebuilt(Rebuild<T> rebuild) throws JsonProcessingException {
        try {
            return rebuild.get();
        } catch (RulesetArchive.Unavailable e) {
            throw Replays.unavailable(e);
        }
    }

    @FunctionalInterface
    private interface Rebuild<T> {
        T get() throws JsonProcessingException;
    }

    /** Erases one assessment (apps: only their own): the row is deleted, not marked. */
    public void erase(Context ctx) {
        DecisionRecord record = lookup.find(ctx);
        log.erase(record.id());
        ctx.status(204);
    }

    /**
     * Erases every assessment of a subject: for an app, those it created (subjects are each app's own
     * pseudonyms); for an open server, all of them.
     */
    public void eraseSubject(Context ctx) {
        String subject = Pseudonym.require("subject", ctx.pathParam("subject"));
        Access.Caller caller = ctx.attribute(AccessCheck.CALLER);
        int erased = log.eraseSubject(subject, caller == null ? null : caller.tokenHash());
        ctx.json(Map.of("subject", subject, "erased", erased));
    }

    /**
     * What the rules may read of the subject's previous assessment: the newest one stored for this subject
     * by the same app (any app's on an open server), narrowed to what the rules read of it. Null without a
     * subject, without one stored before, or when no rule reads {@code Previous} (then the log is not asked).
     */
    private Previous previous(Ruleset ruleset, String subject, Access.Caller caller) {
        if (subject == null || Engine.previousQuestions(ruleset).isEmpty()) {
            return null;
        }
        List<DecisionRecord> history = log.ofSubject(subject, caller == null ? null : caller.tokenHash());
        if (history.isEmpty()) {
            return null;
        }
        DecisionRecord newest = history.get(history.size() - 1);
        return Engine.previous(ruleset, newest.id(), DecisionCodec.answers(newest));
    }

    /** Evaluates within the configured limits; a crossed limit is counted, then answered as a 503. */
    private Decision evaluate(Checked checked, Previous previous, String locale) {
        try {
            return Engine.evaluate(checked.ruleset(), checked.answers(), previous, locale, limits);
        } catch (EvaluationLimitExceeded e) {
            metrics.limitExceeded(e.limit());
            throw e;
        }
    }

    /** A request's body read and its answers checked against the ruleset that will evaluate them. */
    private record Checked(AssessmentRequest request, Ruleset ruleset, Answers answers) {
    }

    /** What an assessment does first: the body read, the answers checked. */
    private Checked check(Context ctx) {
        JsonNode json = body.json(ctx, MEDIA_TYPES);
        Ruleset ruleset = Serving.ruleset(rulesets);
        if (!isFhir(ctx.contentType())) {
            AssessmentRequest request = AssessmentRequest.read(json);
            return new Checked(request, ruleset, ruleset.content().questionnaire().readPosted(request.answers()));
        }
        // A FHIR QuestionnaireResponse becomes the same body, and gets the same checks, with fields named by linkId.
        Questionnaire questionnaire = ruleset.content().questionnaire();
        try {
            AssessmentRequest request = AssessmentRequest.read(FhirResponse.body(json, questionnaire));
            return new Checked(request, ruleset, questionnaire.readPosted(request.answers()));
        } catch (InvalidAnswers e) {
            throw new InvalidAnswers(FhirResponse.named(e.problems()));
        } catch (ApiError e) {
            throw new ApiError(e.status(), e.code(), e.getMessage(), FhirResponse.named(e.errors()));
        }
    }

    private static boolean isFhir(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT)
                .startsWith(FhirQuestionnaire.MEDIA_TYPE);
    }
}
