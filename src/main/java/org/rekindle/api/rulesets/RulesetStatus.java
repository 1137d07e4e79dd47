package org.rekindle.api.rulesets;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import org.rekindle.json.Json;
import org.rekindle.api.http.ApiError;
import org.rekindle.audit.BundleArchive;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Sha256;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.PublicationFollower;
import org.rekindle.live.Reloader;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * {@code GET /v1/ruleset} and {@code POST /v1/admin/reload}: which ruleset is live, since when, made
 * of which files, and how the last attempt to replace it went, with each problem located in its file.
 */
public final class RulesetStatus {

    /** One file of the live ruleset: its path, size and SHA-256 (as the decision log stores it). */
    record FileView(String path, int bytes, String sha256) {
    }

    /**
     * @param history the last activations, newest first; each version was live until the one before it
     */
    record View(String version, Instant liveSince, int rules, List<FileView> files, LiveRuleset.Attempt lastAttempt,
            List<LiveRuleset.Activation> history, Fleet fleet) {
    }

    /**
     * The fleet as the database knows it: which version is published and what each replica reported it
     * serves (and refused), and when, so that a coach sees a rollout finish.
     *
     * @param following this replica's view of the published version; null in file mode
     */
    record Fleet(String replica, BundleArchive.Publication published, PublicationFollower.Status following,
            List<BundleArchive.ReplicaReport> replicas) {
    }

    private final LiveRuleset rulesets;
    private final Reloader reloader;
    private final BundleArchive archive;
    private final Supplier<PublicationFollower.Status> following;

    public RulesetStatus(LiveRuleset rulesets, Reloader reloader, BundleArchive archive,
            Supplier<PublicationFollower.Status> following) {
        this.rulesets = rulesets;
        this.reloader = reloader;
        this.archive = archive;
        this.following = following;
    }

    /**
     * Publishes a ruleset: the stored version named in the body, or this replica's files when the body
     * names none. It must pass the acceptance a reload runs; nothing swaps here, each replica that follows
     * the database (this one included) swaps when it learns of the publication.
     */
    public void publish(Context ctx) {
        String body = ctx.body();
        String version = null;
        if (!body.isBlank()) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw ApiError.badRequest("malformed_json", "body", "the body is not JSON; send {\"version\": "
                        + "\"<id>\"} or nothing");
            }
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("invalid_body", "body", "the body must be a JSON object {\"version\": "
                        + "\"<id>\"}, or empty");
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!field.equals("version")) {
                    throw ApiError.badRequest("invalid_body", field, "unknown field; the only one is version");
                }
            });
            JsonNode named = node.get("version");
            if (named != null && !named.isNull()) {
                if (!named.isTextual() || named.asText().isBlank()) {
                    throw ApiError.badRequest("invalid_version", "version", "version must be a ruleset id as text");
                }
                version = named.asText();
            }
        }
        Bundle bundle;
        if (version == null) {
            bundle = Bundle.read(reloader.rules(), reloader.content());
        } else {
            String wanted = version;
            bundle = archive.bundle(version).orElseThrow(() -> ApiError.notFound("ruleset " + wanted + " is not stored "
                    + "in the decision log; only a version that went live somewhere (or was published) can be"));
        }
        Acceptance.Verdict verdict = Acceptance.of(bundle);
        if (!verdict.accepted()) {
            throw ApiError.invalidRuleset(422, "ruleset_rejected", "ruleset " + bundle.version() + " was not "
                    + "published: " + verdict.problems().size() + " problem(s)", verdict.problems());
        }
        archive.store(bundle);
        archive.publish(bundle.version());
        ctx.json(Map.of("published", bundle.version(), "fleet", fleet()));
    }

    private Fleet fleet() {
        PublicationFollower.Status status = following.get();
        return new Fleet(status == null ? null : status.replica(), archive.published().orElse(null), status,
                archive.replicas());
    }

    public void show(Context ctx) {
        ctx.json(view());
    }

    /** Reloads from disk; 200 with the status when the files went live (or already were), else 422. */
    public void reload(Context ctx) {
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
                rulesets.history(), fleet());
    }
}
