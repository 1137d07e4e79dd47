package org.rekindle.ruleset;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;

/**
 * Reloads the live ruleset from its folders on disk: the one way the file watcher and
 * {@code POST /v1/admin/reload} both take. Files that cannot be read (a folder gone, a file deleted
 * half-way through the read) make a rejected attempt like any other problem; nothing is thrown.
 *
 * <p>Logs versions and problem locations only, never file contents or problem messages (a parser's
 * message can quote the file).
 */
public final class Reloader {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final LiveRuleset live;
    private final Path rules;
    private final Path content;

    public Reloader(LiveRuleset live, Path rules, Path content) {
        this.live = live;
        this.rules = rules;
        this.content = content;
    }

    /** Reads the folders and offers what they hold; blocks until the attempt is decided. */
    public LiveRuleset.Attempt reload() {
        long start = System.nanoTime();
        String before = live.current().map(l -> l.ruleset().version()).orElse(null);
        Bundle bundle;
        try {
            bundle = Bundle.read(rules, content);
        } catch (RuntimeException e) {
            LiveRuleset.Attempt attempt = live.unreadable(Problem.inFile("rules/",
                    "could not read the rule and content files: " + e.getMessage()));
            LOG.warn("reload: the files under {} and {} could not be read; ruleset {} stays live", rules, content,
                    before);
            return attempt;
        }
        LiveRuleset.Attempt attempt = live.offer(bundle);
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

    public Path rules() {
        return rules;
    }

    public Path content() {
        return content;
    }
}
