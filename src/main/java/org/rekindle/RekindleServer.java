package org.rekindle;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.javalin.Javalin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.api.RekindleApp;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.JdbcDecisionLog;
import org.rekindle.audit.Retention;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.Reloader;
import org.rekindle.live.RuleWatcher;

/**
 * A running Rekindle: wiring only. Config, then the decision log, then the first ruleset (compiled
 * and tested before the port opens, and stored in the decision log before any decision names it),
 * then HTTP, then the watcher that reloads on file changes. {@code serve} and the functional tests
 * both start the server through {@link #start}.
 */
public final class RekindleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RekindleServer.class);
    /**
     * The open-access warning is said once per process: {@code serve} starts one server, a test run
     * dozens, and each open server repeats it in {@code GET /health}.
     */
    private static final AtomicBoolean WARNED_OPEN = new AtomicBoolean();
    /** How often expired decisions are deleted when a retention period is set. */
    private static final java.time.Duration RETENTION_EVERY = java.time.Duration.ofHours(1);

    private final ServerConfig config;
    private final DecisionLog log;
    private final LiveRuleset rulesets;
    private final Javalin app;
    private final RuleWatcher watcher;
    private final Retention retention;

    private RekindleServer(ServerConfig config, DecisionLog log, LiveRuleset rulesets, Javalin app,
            RuleWatcher watcher, Retention retention) {
        this.config = config;
        this.log = log;
        this.rulesets = rulesets;
        this.app = app;
        this.watcher = watcher;
        this.retention = retention;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException when the rules or content are not valid, naming every problem; nothing
     *                               is left running then
     */
    public static RekindleServer start(ServerConfig config) {
        // Compiling and testing the first ruleset is most of a cold start: the decision log and the HTTP
        // layer are built on another thread meanwhile. The ruleset is stored (and so may go live) only
        // once the log is open, and the port opens only once it is live.
        CompletableFuture<DecisionLog> opening = CompletableFuture.supplyAsync(
                () -> JdbcDecisionLog.open(config.db()), RekindleServer::onStartThread);
        LiveRuleset rulesets = new LiveRuleset(ruleset -> opening.join().storeBundle(ruleset.bundle()),
                Clock.systemUTC());
        Reloader reloader = new Reloader(rulesets, config.rules(), config.content());
        CompletableFuture<Javalin> building = opening.thenApply(log -> RekindleApp.create(rulesets, reloader, log,
                config.access(), config.http(), Clock.systemUTC()));
        // Through the reloader, so that a first load that cannot finish is reported, not waited for forever.
        LiveRuleset.Attempt first = reloader.reload();
        DecisionLog log = await(opening); // a log that cannot be opened is the first thing to report
        try {
            if (!first.accepted()) {
                throw new IllegalStateException("the rules in " + config.rules() + " and content in "
                        + config.content() + " are not valid, so the server did not start:\n  "
                        + first.problems().stream().map(Object::toString).collect(Collectors.joining("\n  ")));
            }
            if (config.access().isOpen() && !WARNED_OPEN.getAndSet(true)) {
                LOG.warn("NO TOKENS CONFIGURED: every route, including assessments and explanations, is open to "
                        + "anyone who can reach this port. Set REKINDLE_APP_TOKENS, REKINDLE_AUDITOR_TOKENS, "
                        + "REKINDLE_COACH_TOKENS and REKINDLE_OPS_TOKENS, or REKINDLE_TOKENS_FILE.");
            } else if (!config.access().isOpen()) {
                LOG.info("access by bearer token: {}", config.access().summary());
            }
            Javalin app = await(building);
            app.start(config.port());
            RuleWatcher watcher;
            try {
                watcher = config.watch() ? RuleWatcher.start(List.of(config.rules(), config.content()),
                        RuleWatcher.QUIET, reloader::reload) : null;
            } catch (RuntimeException e) {
                app.stop();
                throw new IllegalStateException(e.getMessage(), e);
            }
            LOG.info("rekindle listening on port {} with ruleset {} (rules {}, content {}, decision log {}, {})",
                    app.port(), first.version(), config.rules(), config.content(), describe(config.db()),
                    watcher == null ? "not watching for changes" : "reloading when they change");
            Retention retention = config.retentionDays() > 0
                    ? Retention.start(log, config.retentionDays(), RETENTION_EVERY, Clock.systemUTC()) : null;
            return new RekindleServer(config, log, rulesets, app, watcher, retention);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    public LiveRuleset rulesets() {
        return rulesets;
    }

    public DecisionLog decisionLog() {
        return log;
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops watching (letting a reload in progress finish), then HTTP, then the decision log. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (retention != null) {
            retention.close();
        }
        app.stop();
        log.close();
    }

    /** The outcome of a start-up step, failing with the step's own exception rather than a wrapper. */
    private static <T> T await(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static void onStartThread(Runnable task) {
        Thread thread = new Thread(task, "rekindle-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The database setting without credentials, for the log. */
    private static String describe(String db) {
        return db.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
