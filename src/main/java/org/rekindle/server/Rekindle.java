package org.rekindle.server;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.javalin.Javalin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.api.RekindleApp;
import org.rekindle.audit.BundleArchive;
import org.rekindle.audit.Database;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.Retention;
import org.rekindle.bundle.Bundle;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.PublicationFollower;
import org.rekindle.live.Reloader;
import org.rekindle.live.RuleWatcher;
import org.rekindle.live.Shadow;
import org.rekindle.ruleset.Ruleset;

/**
 * A running Rekindle: wiring only. Configuration, then the decision log, then the first ruleset
 * (compiled and tested before the port opens, and stored in the decision log before any decision names
 * it), then HTTP, then the watcher that reloads on file changes. The one way to build the service:
 * {@code serve} and every functional test start it through {@link #start}.
 */
public final class Rekindle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rekindle.class);
    /**
     * The open-access warning is said once per process: {@code serve} starts one server, a test run
     * dozens, and each open server repeats it in {@code GET /health}.
     */
    private static final AtomicBoolean WARNED_OPEN = new AtomicBoolean();
    /** How often expired decisions are deleted when a retention period is set. */
    private static final java.time.Duration RETENTION_EVERY = java.time.Duration.ofHours(1);

    private final Configuration config;
    private final Database database;
    private final LiveRuleset rulesets;
    private final Javalin app;
    private final RuleWatcher watcher;
    private final Retention retention;
    private final PublicationFollower follower;
    private final Shadow shadow;

    private Rekindle(Configuration config, Database database, LiveRuleset rulesets, Javalin app,
            RuleWatcher watcher, Retention retention, PublicationFollower follower, Shadow shadow) {
        this.follower = follower;
        this.shadow = shadow;
        this.config = config;
        this.database = database;
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
    public static Rekindle start(Configuration config) {
        // Compiling and testing the first ruleset is most of a cold start: the decision log and the HTTP
        // layer are built on another thread meanwhile. The ruleset is stored (and so may go live) only
        // once the log is open, and the port opens only once it is live.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(
                () -> Database.open(config.db()), Rekindle::onStartThread);
        boolean fromDb = config.rulesFrom() == Configuration.RulesFrom.DB;
        AtomicBoolean startedUp = new AtomicBoolean();
        LiveRuleset rulesets = new LiveRuleset(ruleset -> goingLive(opening.join().archive(), ruleset,
                fromDb ? Publishing.NEVER : startedUp.getAndSet(true) ? Publishing.ALWAYS : Publishing.UNLESS_PUBLISHED),
                Clock.systemUTC(), config.limits());
        Reloader reloader = new Reloader(rulesets, config.rules(), config.content());
        AtomicReference<PublicationFollower> following = new AtomicReference<>();
        // Only a replica that follows the database can hold a candidate in shadow.
        CompletableFuture<Shadow> shadowing = opening.thenApply(database -> fromDb ? new Shadow(rulesets,
                database.shadows(), config.limits(), Clock.systemUTC()) : null);
        // Replicas label their metrics with their name; a server on its own keeps its series as they were.
        CompletableFuture<Javalin> building = shadowing.thenApply(shadow -> RekindleApp.create(rulesets, reloader,
                opening.join(), config.access(), new RekindleApp.Settings(config.maxBodyBytes(), config.limits()),
                Clock.systemUTC(), fromDb ? config.replica() : null,
                following::get, shadow));
        // Through the reloader, so that a first load that cannot finish is reported, not waited for forever.
        LiveRuleset.Attempt first = fromDb ? null : reloader.reload();
        Database database = await(opening); // a log that cannot be opened is the first thing to report
        try {
            if (fromDb) {
                first = firstFromDb(database.archive(), rulesets, reloader);
                if (first.accepted()) {
                    following.set(PublicationFollower.start(database.archive(), rulesets, config.replica(), Clock.systemUTC()));
                }
            }
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
                watcher = config.watch() && !fromDb ? RuleWatcher.start(List.of(config.rules(), config.content()),
                        RuleWatcher.QUIET, reloader::reload) : null;
            } catch (RuntimeException e) {
                app.stop();
                throw new IllegalStateException(e.getMessage(), e);
            }
            LOG.info("rekindle listening on port {} with ruleset {} (rules {}, content {}, decision log {}, {})",
                    app.port(), first.version(), config.rules(), config.content(), config.db().shown(),
                    fromDb ? "following the version published in the database as replica " + config.replica()
                            : watcher == null ? "not watching for changes" : "reloading when they change");
            Retention retention = config.retentionDays() > 0
                    ? Retention.start(database.decisionLog(), config.retentionDays(), RETENTION_EVERY,
                            Clock.systemUTC()) : null;
            return new Rekindle(config, database, rulesets, app, watcher, retention, following.get(),
                    shadowing.join());
        } catch (RuntimeException e) {
            if (following.get() != null) {
                following.get().close();
            }
            if (shadowing.isDone() && !shadowing.isCompletedExceptionally() && shadowing.join() != null) {
                shadowing.join().close();
            }
            database.close();
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
        return database.decisionLog();
    }

    /** The database under the decision log and the ruleset archive. */
    public Database database() {
        return database;
    }

    public Configuration config() {
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
        if (follower != null) {
            follower.close();
        }
        app.stop();
        if (shadow != null) {
            shadow.close();
        }
        database.close();
    }

    /**
     * Stores a ruleset that passed its acceptance and is about to go live here, so that every decision made
     * with it can be rebuilt; in file mode also publishes it, so that replicas following the same database
     * ({@code --rules-from db}) serve what this server serves: a coach's edit on the file-mode host (a
     * watched change or {@code POST /v1/admin/reload}) reaches the whole fleet; the files it starts with
     * only when nothing is published yet (see {@link Publishing#UNLESS_PUBLISHED}).
     * Only a reload that passed comes here, so a rejected one publishes nothing; if the database refuses
     * either step, the version does not go live here either (the reload is rejected, saying why).
     *
     * <p>On SQLite too, though such a server is usually alone: publishing costs one row per version that
     * goes live, and it keeps one truth wherever a follower could read it (a {@code --rules-from db}
     * process on the same file, {@code rekindle shadow}, the fleet view in {@code GET /v1/ruleset}), with
     * no rule that differs by database.
     */
    private static void goingLive(BundleArchive archive, Ruleset ruleset, Publishing publishing) {
        archive.store(ruleset.bundle());
        if (publishing == Publishing.NEVER) {
            return;
        }
        if (publishing == Publishing.UNLESS_PUBLISHED) {
            Optional<BundleArchive.Publication> published = archive.published();
            if (published.isPresent()) {
                if (!published.get().version().equals(ruleset.version())) {
                    LOG.warn("ruleset {} from the files is live here, but {} is the published version, which "
                            + "replicas in db mode serve; it stays published, since a restart must not undo a "
                            + "publication made since. To publish these files: POST /v1/admin/publish (no body) "
                            + "or rekindle publish", ruleset.version(), published.get().version());
                }
                return;
            }
        }
        archive.publish(ruleset.version()); // said by the reload's own "is live" line: one line per version
    }

    /** When a version that goes live here is published. */
    private enum Publishing {
        /** A replica in db mode: it serves what is published and never publishes by going live. */
        NEVER,
        /**
         * A file-mode server's first version, at start-up: published only when nothing is, so that a host
         * restarted on older files does not roll the fleet back from a later publication.
         */
        UNLESS_PUBLISHED,
        /** A file-mode server's later versions: each is a coach's edit that passed its reload. */
        ALWAYS
    }

    /**
     * The first ruleset of a replica that follows the database: the published version when there is one and
     * it is accepted here; else the files, which are published when nothing was (the first replica of a
     * fleet seeds it) and only served here when a published version was refused.
     */
    private static LiveRuleset.Attempt firstFromDb(BundleArchive archive, LiveRuleset rulesets, Reloader reloader) {
        Optional<BundleArchive.Publication> published = archive.published();
        if (published.isPresent()) {
            Optional<Bundle> bundle = archive.bundle(published.get().version());
            if (bundle.isPresent()) {
                LiveRuleset.Attempt attempt = rulesets.offer(bundle.get());
                if (attempt.accepted()) {
                    return attempt;
                }
            }
            LOG.warn("published ruleset {} could not go live here; starting from the files instead",
                    published.get().version());
        }
        LiveRuleset.Attempt attempt = reloader.reload();
        if (attempt.accepted() && published.isEmpty()) {
            archive.publish(attempt.version());
            LOG.info("nothing was published yet: published ruleset {} from the files", attempt.version());
        }
        return attempt;
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
}
