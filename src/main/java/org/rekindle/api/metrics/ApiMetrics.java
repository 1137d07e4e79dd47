package org.rekindle.api.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.rekindle.audit.DecisionLog;
import org.rekindle.engine.Decision;
import org.rekindle.engine.EvaluationLimitExceeded;
import org.rekindle.engine.Firing;
import org.rekindle.live.LiveRuleset;
import org.rekindle.ruleset.PrivateRules;
import org.rekindle.ruleset.Ruleset;

/**
 * The server's Prometheus metrics: requests by route and status, evaluation latency, firings per
 * rule, decision-log writes and failures, the live ruleset and its reloads, and the JVM's memory
 * (so that memory after many reloads can be watched). Meters are cached so recording
 * costs a map lookup, not a registry search.
 *
 * <p>No series may move with a private answer: firings are counted only for rules that are not
 * {@link PrivateRules private}, and labels come from fixed sets (route templates, not paths; the
 * standard methods or {@code OTHER}; status codes). A series added here must keep to that.
 */
public final class ApiMetrics {

    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS", "TRACE", "CONNECT", "QUERY");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer evaluation;
    private final Map<String, Counter> firings = new ConcurrentHashMap<>();
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> limits = new ConcurrentHashMap<>();
    /** The last ruleset's private rules: requests on one ruleset at a time are the rule, two during a reload. */
    private final AtomicReference<PrivateRules> privateRules = new AtomicReference<>();

    public ApiMetrics(DecisionLog log, LiveRuleset rulesets) {
        this(log, rulesets, null);
    }

    /**
     * @param replica this server's name in the fleet, put on every series as the label {@code replica} so
     *                that one Prometheus tells replicas apart; null for none
     */
    public ApiMetrics(DecisionLog log, LiveRuleset rulesets, String replica) {
        if (replica != null) {
            registry.config().commonTags("replica", replica);
        }
        Gauge.builder("rekindle_decision_log_writable", log, l -> l.availability().writable() ? 1 : 0)
                .description("1 while decisions can be stored, 0 during an outage (readiness is 503 then)")
                .register(registry);
        evaluation = Timer.builder("rekindle_evaluation").description("Time to evaluate one assessment")
                .publishPercentiles(0.5, 0.99).register(registry);
        FunctionCounter.builder("rekindle_decision_log_writes", log, l -> l.stats().appended())
                .description("Decisions durably stored").register(registry);
        FunctionCounter.builder("rekindle_decision_log_failures", log, l -> l.stats().failed())
                .description("Decisions that could not be stored (the request failed)").register(registry);
        FunctionCounter.builder("rekindle_decision_log_expired", log, DecisionLog::expired)
                .description("Decisions deleted because they were older than the retention period").register(registry);
        FunctionCounter.builder("rekindle_decision_log_commits", log, l -> l.stats().commits())
                .description("Transactions the decision log committed (group commit)").register(registry);
        Gauge.builder("rekindle_ruleset_live", rulesets, r -> r.current().isPresent() ? 1 : 0)
                .description("1 when a ruleset is live").register(registry);
        FunctionCounter.builder("rekindle_ruleset_activations", rulesets, r -> r.stats().activations())
                .description("Rulesets that went live, the first one included").register(registry);
        FunctionCounter.builder("rekindle_ruleset_rejections", rulesets, r -> r.stats().rejections())
                .description("Reload attempts rejected (the live ruleset stayed)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
    }

    /**
     * The request's method as a metric label or log field: one of the standard methods, or {@code OTHER}
     * for any other name a client sends, so that made-up methods cannot create new series.
     */
    public static String method(Context ctx) {
        String name = ctx.method().name();
        return STANDARD_METHODS.contains(name) ? name : "OTHER";
    }

    public void request(String method, String route, int status) {
        String key = method + ' ' + route + ' ' + status;
        requests.computeIfAbsent(key, k -> Counter.builder("rekindle_http_requests")
                .description("HTTP requests by route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status)).register(registry))
                .increment();
    }

    /** Records one evaluation of {@code ruleset}: its time, and the firings of its rules that are not private. */
    public void evaluated(Ruleset ruleset, Decision decision, long nanos) {
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
        PrivateRules hidden = privateRules(ruleset);
        for (Firing firing : decision.trace()) {
            if (hidden.contains(firing.ruleId())) {
                continue;
            }
            firings.computeIfAbsent(firing.ruleId(), id -> Counter.builder("rekindle_rule_firings")
                    .description("Rule firings since start").tag("rule", id).register(registry)).increment();
        }
    }

    /**
     * An evaluation stopped at one of its limits. Counted by limit only: which rule was firing is in the
     * response, and a rule can say which answers were given.
     */
    public void limitExceeded(EvaluationLimitExceeded.Limit limit) {
        limits.computeIfAbsent(limit.label(), label -> Counter.builder("rekindle_evaluation_limits")
                .description("Evaluations stopped at their firing limit or time budget (503 evaluation_limit)")
                .tag("limit", label).register(registry)).increment();
    }

    /**
     * Firings of one rule since start, for the rule catalogue; null for a private rule of {@code ruleset},
     * whose firings are not counted.
     */
    public Long firings(Ruleset ruleset, String ruleId) {
        if (privateRules(ruleset).contains(ruleId)) {
            return null;
        }
        Counter counter = firings.get(ruleId);
        return counter == null ? 0 : (long) counter.count();
    }

    /** True when the rule's firings (and the feedback on what it showed) are never counted: it is private. */
    public boolean isPrivate(Ruleset ruleset, String ruleId) {
        return privateRules(ruleset).contains(ruleId);
    }

    /** The private rules of {@code ruleset}, worked out once per ruleset that goes live. */
    private PrivateRules privateRules(Ruleset ruleset) {
        PrivateRules known = privateRules.get();
        if (known != null && known.belongTo(ruleset)) {
            return known;
        }
        PrivateRules fresh = PrivateRules.of(ruleset);
        privateRules.set(fresh);
        return fresh;
    }

    public String scrape() {
        return registry.scrape();
    }
}
