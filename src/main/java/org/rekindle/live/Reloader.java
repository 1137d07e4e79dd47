package org.rekindle.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;

/**
 * Reloads the live ruleset from its folders on disk: the one way the file watcher, {@code POST
 * /v1/admin/reload} and start-up all take. Each reload runs on a thread of its own and is waited for
 * at most {@link #timeout()}: a reload that takes longer is reported as a rejected attempt (the live
 * ruleset stays) and the caller, the watcher above all, carries on. Files that cannot be read (a
 * folder gone, a file deleted half-way through the read) make a rejected attempt like any other
 * problem; nothing is thrown.
 *
 * <p>Logs versions and problem locations only, never file contents or problem messages (a parser's
 * message can quote the file).
 */
public final class Reloader {

    /** How long a caller waits for a reload by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final LiveRuleset live;
    private final Path rules;
    private final Path content;
    private final Duration timeout;

    public Reloader(LiveRuleset live, Path rules, Path content) {
        this(live, rules, content, TIMEOUT);
    }

    public Reloader(LiveRuleset live, Path rules, Path content, Duration timeout) {
        this.live = live;
        this.rules = rules;
        this.content = content;
        this.timeout = timeout;
    }

    /**
     * Reads the folders and offers what they hold; returns once the attempt is decided, or after
     * {@link #timeout()} with a rejected attempt saying the reload did not finish in time.
     */
    public LiveRuleset.Attempt reload() {
        CompletableFuture<LiveRuleset.Attempt> attempt = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                attempt.complete(attempt());
            } catch (Throwable e) { // a reload must end in an attempt, whatever went wrong
                attempt.completeExceptionally(e);
            }
        }, "rekindle-reload-" + THREADS.incrementAndGet());
        worker.setDaemon(true);
        worker.start();
        try {
            return attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("reload: still running after {} s; the live ruleset stays (GET /v1/ruleset shows it)",
                    timeout.toSeconds());
            return live.failed(null, Problem.inFile("rules/", "the reload did not finish within "
                    + timeout.toSeconds() + " s, so the live ruleset stays; check the newest edit to rules/ and "
                    + "content/ (GET /v1/ruleset shows the outcome once it ends)"));
        } catch (ExecutionException e) {
            LOG.error("reload: failed with {}; the live ruleset stays", e.getCause().getClass().getName());
            return live.failed(null, Problem.inFile("rules/", "the reload failed: "
                    + e.getCause().getClass().getSimpleName() + "; the live ruleset stays"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return live.failed(null, Problem.inFile("rules/", "the reload was interrupted; the live ruleset stays"));
        }
    }

    private LiveRuleset.Attempt attempt() {
        long start = System.nanoTime();
        String before = live.version().orElse(null);
        FolderFiles files = read();
        if (files.bundle() == null) {
            LiveRuleset.Attempt attempt = live.failed(null, files.problem());
            LOG.warn("reload: the files under {} and {} could not be read; ruleset {} stays live", rules, content,
                    before);
            return attempt;
        }
        LiveRuleset.Attempt attempt = live.offer(files.bundle());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!attempt.accepted()) {
            LOG.warn("reload: ruleset {} rejected in {} ms with {} problem(s) at {}; ruleset {} stays live "
                    + "(GET /v1/ruleset shows them)", attempt.version(), millis, attempt.problems().size(),
                    attempt.problems().stream().map(p -> p.file() + ":" + p.line()).distinct().limit(5)
                            .collect(Collectors.joining(", ")), before);
        } else if (!attempt.version().equals(before)) {
            LOG.info("reload: ruleset {} is live in {} ms (was {})", attempt.version(), millis, before);
        }
        return attempt;
    }

    /** The folders' files as they are now, or (bundle null) the problem that kept them from being read. */
    public record FolderFiles(Bundle bundle, Problem problem) {
    }

    /**
     * Reads the folders as a reload does, for anything else that takes this server's files (a publication):
     * a folder gone or a file deleted half-way through the read is a problem in the folder at fault, never
     * an exception.
     */
    public FolderFiles read() {
        try {
            return new FolderFiles(Bundle.read(rules, content), null);
        } catch (RuntimeException e) {
            String folder = java.nio.file.Files.isDirectory(rules) ? "content/" : "rules/";
            return new FolderFiles(null, Problem.inFile(folder, "could not read the rule and content files: "
                    + e.getMessage()));
        }
    }

    public Path rules() {
        return rules;
    }

    public Path content() {
        return content;
    }

    /** How long a caller waits for one reload. */
    public Duration timeout() {
        return timeout;
    }
}
