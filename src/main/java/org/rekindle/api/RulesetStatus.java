package org.rekindle.api;

import java.time.Instant;
import java.util.List;

import io.javalin.http.Context;

import org.rekindle.bundle.Sha256;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.Reloader;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code GET /v1/ruleset} and {@code POST /v1/admin/reload}: which ruleset is live, since when, made
 * of which files, and how the last attempt to replace it went, with each problem located in its file.
 */
final class RulesetStatus {

    /** One file of the live ruleset: its path, size and SHA-256 (as the decision log stores it). */
    record FileView(String path, int bytes, String sha256) {
    }

    /**
     * @param history the last activations, newest first; each version was live until the one before it
     */
    record View(String version, Instant liveSince, int rules, List<FileView> files, LiveRuleset.Attempt lastAttempt,
            List<LiveRuleset.Activation> history) {
    }

    private final LiveRuleset rulesets;
    private final Reloader reloader;

    RulesetStatus(LiveRuleset rulesets, Reloader reloader) {
        this.rulesets = rulesets;
        this.reloader = reloader;
    }

    void show(Context ctx) {
        ctx.json(view());
    }

    /** Reloads from disk; 200 with the status when the files went live (or already were), else 422. */
    void reload(Context ctx) {
        // Reload takes no body, but whatever came is read: answering before the request's body has
        // arrived makes Jetty close the connection after the response, and a client that has already
        // reused it for its next request gets an empty reply.
        ctx.bodyAsBytes();
        LiveRuleset.Attempt attempt = reloader.reload();
        if (!attempt.accepted()) {
            String live = rulesets.current().map(l -> l.ruleset().version()).orElse("none");
            throw ApiError.invalidRuleset(422, "ruleset_rejected", "the files " + (attempt.version() == null ? ""
                    : "(version " + attempt.version() + ") ") + "did not go live: " + attempt.problems().size()
                    + " problem(s); ruleset " + live + " stays live", attempt.problems());
        }
        ctx.json(view());
    }

    private View view() {
        LiveRuleset.Live live = rulesets.current().orElseThrow(ApiError::noRuleset);
        Ruleset ruleset = live.ruleset();
        List<FileView> files = ruleset.bundle().files().stream()
                .map(f -> new FileView(f.path(), f.bytes().length, Sha256.hex(f.bytes()))).toList();
        LiveRuleset.Attempt attempt = rulesets.lastAttempt().orElse(null);
        return new View(ruleset.version(), live.since(), ruleset.rules().size(), files, attempt,
                rulesets.history());
    }
}
