package org.rekindle;

import java.time.Clock;
import java.util.stream.Collectors;

import io.javalin.Javalin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.api.RekindleApp;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.JdbcDecisionLog;
import org.rekindle.bundle.Bundle;
import org.rekindle.ruleset.LiveRuleset;

/**
 * A running Rekindle: wiring only. Config, then the decision log, then the first ruleset (compiled
 * and tested before the port opens), then HTTP. {@code serve} and the functional tests both start
 * the server through {@link #start}.
 */
public final class RekindleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RekindleServer.class);

    private final ServerConfig config;
    private final DecisionLog log;
    private final LiveRuleset rulesets;
    private final Javalin app;

    private RekindleServer(ServerConfig config, DecisionLog log, LiveRuleset rulesets, Javalin app) {
        this.config = config;
        this.log = log;
        this.rulesets = rulesets;
        this.app = app;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException when the rules or content are not valid, naming every problem; nothing
     *                               is left running then
     */
    public static RekindleServer start(ServerConfig config) {
        DecisionLog log = JdbcDecisionLog.open(config.db());
        try {
            LiveRuleset rulesets = new LiveRuleset(ruleset -> log.storeBundle(ruleset.bundle()), Clock.systemUTC());
            LiveRuleset.Attempt first = rulesets.offer(Bundle.read(config.rules(), config.content()));
            if (!first.accepted()) {
                throw new IllegalStateException("the rules in " + config.rules() + " and content in "
                        + config.content() + " are not valid, so the server did not start:\n  "
                        + first.problems().stream().map(Object::toString).collect(Collectors.joining("\n  ")));
            }
            if (config.access().isOpen()) {
                LOG.warn("NO TOKENS CONFIGURED: every route, including assessments and explanations, is open to "
                        + "anyone who can reach this port. Set REKINDLE_APP_TOKENS, REKINDLE_AUDITOR_TOKENS and "
                        + "REKINDLE_COACH_TOKENS, or REKINDLE_TOKENS_FILE.");
            } else {
                LOG.info("access by bearer token: {}", config.access().summary());
            }
            Javalin app = RekindleApp.create(rulesets, log, config.access(), config.http(), Clock.systemUTC());
            app.start(config.port());
            LOG.info("rekindle listening on port {} with ruleset {} (rules {}, content {}, decision log {})",
                    app.port(), first.version(), config.rules(), config.content(), describe(config.db()));
            return new RekindleServer(config, log, rulesets, app);
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

    @Override
    public void close() {
        app.stop();
        log.close();
    }

    /** The database setting without credentials, for the log. */
    private static String describe(String db) {
        return db.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
