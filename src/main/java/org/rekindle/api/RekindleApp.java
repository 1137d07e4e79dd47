package org.rekindle.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.AccessCheck;
import org.rekindle.api.access.AssessmentLookup;
import org.rekindle.api.access.Role;
import org.rekindle.api.assessments.Assessments;
import org.rekindle.api.assessments.PlanViews;
import org.rekindle.api.audit.Decisions;
import org.rekindle.api.audit.Replays;
import org.rekindle.api.audit.WhyNots;
import org.rekindle.api.couples.Couples;
import org.rekindle.api.fhir.FhirQuestionnaire;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.RequestBody;
import org.rekindle.api.http.RequestLocale;
import org.rekindle.api.http.Serving;
import org.rekindle.api.http.UnreadBody;
import org.rekindle.api.metrics.ApiMetrics;
import org.rekindle.api.progress.Feedback;
import org.rekindle.api.progress.Progress;
import org.rekindle.api.questionnaire.QuestionnaireView;
import org.rekindle.api.rulesets.Previews;
import org.rekindle.api.rulesets.RuleList;
import org.rekindle.api.rulesets.RulesetStatus;
import org.rekindle.audit.Database;
import org.rekindle.audit.DecisionLog;
import org.rekindle.content.Content;
import org.rekindle.content.Form;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.PublicationFollower;
import org.rekindle.live.Reloader;
import org.rekindle.live.RulesetArchive;
import org.rekindle.live.Shadow;
import org.rekindle.ruleset.Ruleset;

/**
 * Builds the HTTP application. {@code serve} and the tests use this same factory; routes are one
 * table from which both Javalin's router and {@code /openapi.json} are filled.
 */
public final class RekindleApp {

    /**
     * @param maxBodyBytes largest accepted request body
     * @param limits       how much one evaluation may do before it is stopped with a 503
     */
    public record Settings(int maxBodyBytes, EvaluationLimits limits) {
    }

    private RekindleApp() {
    }

    /**
     * @param reloader  how {@code POST /v1/admin/reload} reloads {@code rulesets} from disk
     * @param replica   this server's name in the fleet, a label on every metric; null for none
     * @param following the replica's follower of the published version when it follows the database
     *                  ({@code --rules-from db}): what it knows, for /health and /v1/ruleset, and how {@code
     *                  POST /v1/admin/reload} re-reads it; gives null in file mode
     */
    public static Javalin create(LiveRuleset rulesets, Reloader reloader, Database database, Access access,
            Settings settings, Clock clock, String replica, Supplier<PublicationFollower> following) {
        return create(rulesets, reloader, database, access, settings, clock, replica, following, null);
    }

    /**
     * @param shadow compares live decisions with a candidate in shadow; null for a server that does not
     *               follow the database
     */
    public static Javalin create(LiveRuleset rulesets, Reloader reloader, Database database, Access access,
            Settings settings, Clock clock, String replica, Supplier<PublicationFollower> following,
            Shadow shadow) {
        DecisionLog log = database.decisionLog();
        ApiMetrics metrics = new ApiMetrics(log, rulesets, replica);
        RequestBody body = new RequestBody(settings.maxBodyBytes());
        RulesetArchive archive = new RulesetArchive(database.archive(), rulesets, RulesetArchive.CAPACITY);
        Assessments assessments = new Assessments(rulesets, log, archive, metrics, body, settings.limits(), clock,
                shadow);
        RulesetStatus status = new RulesetStatus(rulesets, reloader, database.archive(), following,
                database.shadows(), shadow);
        RuleList ruleList = new RuleList(rulesets, metrics, log);
        Previews previews = new Previews(rulesets, log, body);
        Replays replays = new Replays(rulesets, log, archive);
        Couples couples = new Couples(rulesets, log, settings.limits());
        Feedback feedback = new Feedback(new AssessmentLookup(log), log, archive, body, clock);
        Progress progress = new Progress(rulesets, log);
        WhyNots whyNots = new WhyNots(rulesets, log, archive);
        Decisions decisions = new Decisions(rulesets, log, archive);
        AccessCheck accessCheck = new AccessCheck(access);

        List<RouteSpec> routes = new ArrayList<>();
        routes.add(route(HandlerType.GET, "/health", Set.of(Role.ANYONE), "Readiness: 200 while a ruleset is live and "
                + "the decision log can write, else 503 with the reason", 200,
                ctx -> {
                    PublicationFollower follower = following.get();
                    health(ctx, rulesets, log, follower == null ? null : follower.status(), access, settings);
                }));
        routes.add(route(HandlerType.GET, "/health/live", Set.of(Role.ANYONE), "Liveness: 200 while the process "
                + "serves HTTP, whatever the database does (restarting would not bring the database back)", 200,
                ctx -> ctx.json(Map.of("status", "alive"))));
        routes.add(route(HandlerType.GET, "/v1/questionnaire", Set.of(Role.APP, Role.AUDITOR, Role.COACH),
                "The questions to render, by section", 200, List.of(
                        new RouteSpec.Query("format", List.of("json", "fhir"), "json (the default): Rekindle's "
                                + "questionnaire; fhir: an HL7 FHIR R4 Questionnaire (application/fhir+json), "
                                + "answered by posting a QuestionnaireResponse"),
                        new RouteSpec.Query(QuestionnaireView.FORM, List.of("short"), "only the questions of a "
                                + "form a coach defined; with format=fhir a Questionnaire of its own "
                                + "(url .../Questionnaire/rekindle-<form>), answered the same way")),
                ctx -> questionnaire(ctx, Serving.ruleset(rulesets))));
        RouteSpec.Query view = new RouteSpec.Query(PlanViews.PARAMETER, List.of(PlanViews.FULL,
                PlanViews.COMPACT), "left out: the plan (path, focus cards in full, the other cards grouped by "
                + "section, listed by title); full: every card in full; compact: every card with its reasons as "
                + "{seq, ruleId, reason}, without rule locations or answers");
        routes.add(route(HandlerType.POST, "/v1/assessments", Set.of(Role.APP),
                "Evaluate answers; returns the plan once the decision is stored", 201, view, assessments::create));
        routes.add(route(HandlerType.GET, "/v1/assessments/{id}", Set.of(Role.APP, Role.AUDITOR),
                "A stored plan (apps: only their own)", 200, view, assessments::read));
        routes.add(route(HandlerType.DELETE, "/v1/assessments/{id}", Set.of(Role.APP),
                "Erase one assessment (apps: their own); 204", 204, assessments::erase));
        routes.add(route(HandlerType.DELETE, "/v1/subjects/{subject}", Set.of(Role.APP),
                "Erase every assessment of a subject this app created; {subject, erased}", 200,
                assessments::eraseSubject));
        routes.add(route(HandlerType.POST, "/v1/assessments/{id}/feedback", Set.of(Role.APP),
                "Feedback on the plan's cards (CDS Hooks): {feedback: [{card, outcome: accepted|overridden, "
                        + "overrideReason?, outcomeTimestamp, done?}]}; stored with the decision", 201,
                feedback::create));
        routes.add(route(HandlerType.GET, "/v1/assessments/{id}/feedback", Set.of(Role.APP, Role.AUDITOR),
                "The feedback stored on an assessment (apps: only their own)", 200, feedback::list));
        routes.add(route(HandlerType.GET, "/v1/subjects/{subject}/progress", Set.of(Role.APP),
                "A subject's assessments as a series to chart (self-assessment yes-count, warning signs, talk "
                        + "minutes, path, focus steps done) and the changes since the one before", 200,
                progress::show));
        routes.add(route(HandlerType.GET, "/v1/couples/{couple}", Set.of(Role.APP),
                "The couple's shared view once both partners (a and b) have answered: the couple's path and "
                        + "focus, and cards about the two of them, never a private answer; otherwise "
                        + "{available: false}", 200, couples::show));
        routes.add(route(HandlerType.GET, "/v1/assessments/{id}/explanation", Set.of(Role.AUDITOR),
                "The firing trace and, for each card, the chain back to the answers; or a plain-language report",
                200, new RouteSpec.Query("format", List.of("json", "plain", "text"), "json (the default): the trace "
                        + "and chains; plain: for each card where it is and why, the rules that showed it with their "
                        + "sources and the answers that decided it, as JSON; text: that report as plain text"),
                assessments::explain));
        routes.add(route(HandlerType.GET, "/v1/assessments/{id}/why-not/{card}", Set.of(Role.AUDITOR),
                "Why a card was or was not shown: each rule that can show it with each condition checked against "
                        + "the stored answers, or what withheld it; with the ruleset of the decision's day", 200,
                whyNots::whyNot));
        routes.add(route(HandlerType.GET, "/v1/assessments/{id}/replay", Set.of(Role.AUDITOR),
                "The decision evaluated again with the exact ruleset of its day, and the difference today's "
                        + "ruleset would make", 200, replays::replay));
        routes.add(route(HandlerType.GET, "/v1/decisions", Set.of(Role.AUDITOR),
                "Decisions, newest first: filter by from, to (UTC times), version, rule, card and path; page with "
                        + "limit (1-1000, default 100) and cursor (the previous page's next)", 200, decisions::list));
        routes.add(route(HandlerType.GET, "/v1/decisions/counts", Set.of(Role.AUDITOR),
                "How many decisions from..to each rule drove, each card appeared in and each path held", 200,
                decisions::counts));
        routes.add(route(HandlerType.GET, "/v1/decisions/export", Set.of(Role.AUDITOR),
                "The decisions from..to as NDJSON, oldest first, one a line; private answers masked without the "
                        + "private-answers scope", 200, decisions::export));
        routes.add(route(HandlerType.GET, "/v1/ruleset", Set.of(Role.COACH, Role.AUDITOR),
                "The live ruleset: version, since when, its files, recent activations and the last reload "
                        + "attempt with its problems", 200, status::show));
        routes.add(route(HandlerType.POST, "/v1/admin/reload", Set.of(Role.COACH),
                "Reload rules and content from disk; 422 with every problem when they do not go live. A server in "
                        + "file mode publishes what went live, for replicas that follow its database. On a replica "
                        + "that follows the database (--rules-from db): re-read the published version now, with a "
                        + "note that rules change there by publishing (rekindle publish, POST /v1/admin/publish)", 200,
                status::reload));
        routes.add(route(HandlerType.POST, "/v1/admin/publish", Set.of(Role.COACH),
                "Publish a ruleset to every replica that follows the database: {\"version\": id} publishes a "
                        + "stored version, no version publishes this replica's files; either must pass the same "
                        + "acceptance as a reload here first (422 with every problem when not); with \"shadow\": "
                        + "true it goes into shadow instead: compared with live requests, not served", 200,
                status::publish));
        routes.add(route(HandlerType.POST, "/v1/admin/promote", Set.of(Role.COACH),
                "Publish the version in shadow: replicas holding it ready swap without compiling; 409 "
                        + "no_shadow when none is in shadow", 200, status::promote));
        routes.add(route(HandlerType.DELETE, "/v1/admin/shadow", Set.of(Role.COACH),
                "Stop the shadow (its diffs stay until their decisions are erased); 409 no_shadow when none runs",
                200, status::stopShadow));
        routes.add(route(HandlerType.GET, "/v1/rulesets/shadow", Set.of(Role.COACH, Role.AUDITOR),
                "The impact of the version in shadow (or ?candidate=) on live requests: decisions compared, "
                        + "changed, cards most often added and dropped, path changes from->to; ids and counts only; "
                        + "?candidate=<id> for one promoted or stopped since", 200, status::shadow));
        routes.add(route(HandlerType.GET, "/v1/rules", Set.of(Role.COACH, Role.AUDITOR),
                "Every rule: id, name, file, line, source, what it can show, and firings since start", 200,
                ruleList::list));
        routes.add(route(HandlerType.POST, "/v1/admin/preview", Set.of(Role.COACH),
                "Impact preview: which recent assessments an edit would change; nothing goes live", 200,
                previews::preview));
        routes.add(route(HandlerType.GET, "/metrics", Set.of(Role.OPS, Role.AUDITOR),
                "Prometheus metrics (no series reveals a private answer)", 200,
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())));
        List<RouteSpec> documented = List.copyOf(routes);
        Map<String, Object> openApi = OpenApi.of(withOpenApi(documented), access.isOpen());
        routes.add(route(HandlerType.GET, "/openapi.json", Set.of(Role.ANYONE), "This document", 200,
                ctx -> ctx.json(openApi)));

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // The server builds the app while the first ruleset compiles and starts it once that ruleset is
            // live, which on a cold or busy machine takes longer than the 5 s after which Javalin's watcher
            // claims the app was "never started". The hint is false here: switch the watcher off.
            config.startup.startupWatcherEnabled = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            // Gzip (for clients that accept it, as mobile HTTP stacks do) at level 1, not Javalin's 6: a
            // full plan is ~110 KB of JSON, which level 6 takes ~3 ms of CPU to squeeze to 26 KB and
            // level 1 ~0.7 ms to 31 KB. See "HTTP load" in docs/BENCHMARKS.md.
            config.http.compressionStrategy = new CompressionStrategy(null, new Gzip(1));
            config.jsonMapper(new io.javalin.json.JavalinJackson(Json.MAPPER, false));
            ErrorMapper.install(config);
            config.routes.beforeMatched(accessCheck::check);
            JsonErrorHandler jettyErrors = new JsonErrorHandler();
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
            config.routes.before(ErrorMapper::rejectMalformedEscapes);
            // Before any answer is written, whatever its route or status: see UnreadBody.
            config.routes.after(new UnreadBody(settings.maxBodyBytes())::drain);
            config.routes.after(ctx -> metrics.request(ApiMetrics.method(ctx), ErrorMapper.route(ctx),
                    ctx.statusCode()));
            for (RouteSpec route : routes) {
                Set<io.javalin.router.EndpointMetadata> roles =
                        Set.of(new io.javalin.security.Roles(Set.copyOf(route.roles())));
                config.routes.addEndpoint(new io.javalin.router.Endpoint(route.method(), route.path(),
                        route.handler(), roles));
                if (route.method() == HandlerType.GET) {
                    // Left to Javalin, a HEAD of a GET route answered 200 at once, without the token check
                    // (HEAD /metrics with no token was a 200); as the GET's twin it is checked and answered alike.
                    config.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.HEAD, route.path(),
                            route.handler(), roles));
                }
            }
        });
    }

    private static List<RouteSpec> withOpenApi(List<RouteSpec> routes) {
        List<RouteSpec> all = new ArrayList<>(routes);
        all.add(route(HandlerType.GET, "/openapi.json", Set.of(Role.ANYONE), "This document", 200, ctx -> { }));
        return all;
    }

    /** {@code GET /v1/questionnaire}: Rekindle's JSON, or with {@code format=fhir} a FHIR R4 Questionnaire. */
    private static void questionnaire(Context ctx, Ruleset ruleset) throws JsonProcessingException {
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            QuestionnaireView.respond(ctx, ruleset);
        } else if (format.equals("fhir")) {
            Content content = RequestLocale.content(ctx, ruleset.content());
            Form form = QuestionnaireView.form(content.questionnaire(), ctx.queryParam(QuestionnaireView.FORM));
            RequestLocale.answer(ctx, content.locale());
            ctx.contentType(FhirQuestionnaire.MEDIA_TYPE).result(Json.MAPPER.writeValueAsBytes(
                    FhirQuestionnaire.of(content.questionnaire(), ruleset.version(), form)));
        } else {
            throw ApiError.badRequest("invalid_format", "format", "format is json (the default) or fhir (an HL7 "
                    + "FHIR R4 Questionnaire)");
        }
    }

    private static RouteSpec route(HandlerType method, String path, Set<Role> roles, String summary, int status,
            Handler handler) {
        return new RouteSpec(method, path, roles, summary, status, List.of(), handler);
    }

    private static RouteSpec route(HandlerType method, String path, Set<Role> roles, String summary, int status,
            RouteSpec.Query query, Handler handler) {
        return route(method, path, roles, summary, status, List.of(query), handler);
    }

    private static RouteSpec route(HandlerType method, String path, Set<Role> roles, String summary, int status,
            List<RouteSpec.Query> queries, Handler handler) {
        return new RouteSpec(method, path, roles, summary, status, queries, handler);
    }

    /**
     * Readiness, for a load balancer: 503 while this replica could not answer an assessment (no ruleset
     * live, or decisions cannot be stored), so that traffic goes to the others; 200 again by itself.
     */
    private static void health(io.javalin.http.Context ctx, LiveRuleset rulesets, DecisionLog log,
            PublicationFollower.Status following, Access access, Settings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        var live = rulesets.current();
        DecisionLog.Availability logState = log.availability();
        boolean ready = live.isPresent() && logState.writable();
        body.put("status", ready ? "ok" : live.isEmpty() ? "starting" : "decision_log_unavailable");
        live.ifPresent(l -> {
            body.put("rulesetVersion", l.ruleset().version());
            body.put("liveSince", l.since());
        });
        Map<String, Object> decisionLog = new LinkedHashMap<>();
        decisionLog.put("writable", logState.writable());
        if (!logState.writable()) {
            decisionLog.put("downSince", logState.downSince());
            decisionLog.put("refused", logState.refused());
        }
        body.put("decisionLog", decisionLog);
        if (following != null) {
            // Still ready: the last good version serves, but a rollout that does not finish shows here.
            Map<String, Object> published = new LinkedHashMap<>();
            published.put("replica", following.replica());
            published.put("version", following.published());
            if (following.refused() != null) {
                published.put("refused", following.refused());
                published.put("problems", following.problems().size());
            }
            body.put("published", published);
        }
        body.put("access", access.isOpen() ? "open" : "tokens");
        if (access.isOpen()) {
            body.put("warning", "no tokens are configured: every route is open to anyone; set REKINDLE_APP_TOKENS, "
                    + "REKINDLE_AUDITOR_TOKENS, REKINDLE_COACH_TOKENS and REKINDLE_OPS_TOKENS (or "
                    + "REKINDLE_TOKENS_FILE)");
        }
        body.put("maxBodyBytes", settings.maxBodyBytes());
        ctx.status(ready ? 200 : 503).json(body);
    }
}
