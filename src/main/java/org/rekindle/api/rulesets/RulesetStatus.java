package org.rekindle.api.rulesets;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import org.rekindle.api.http.ApiError;
import org.rekindle.audit.BundleArchive;
import org.rekindle.audit.ShadowStore;
import org.rekindle.audit.ShadowSummary;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Sha256;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.PublicationFollower;
import org.rekindle.live.Reloader;
import org.rekindle.live.Shadow;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * {@code GET /v1/ruleset} and {@code POST /v1/admin/reload}: which ruleset is live, since when, made
 * of which files, and how the last attempt to replace it went, with each problem located in its file.
 * Also publishing to the fleet: {@code POST /v1/admin/publish} (at once or in shadow), {@code POST
 * /v1/admin/promote}, {@code DELETE /v1/admin/shadow} and the impact of a shadow, {@code GET
 * /v1/rulesets/shadow}.
 */
public final class RulesetStatus {

    /** One file of the live ruleset: its path, size and SHA-256 (as the decision log stores it). */
    record FileView(String path, int bytes, String sha256) {
    }

    /**
     * @param history the last activations, newest first; each version was live until the one before it
     * @param note    how rules change on a replica that follows the database, answered to a reload there;
     *                null otherwise
     */
    record View(String version, Instant liveSince, int rules, List<FileView> files, LiveRuleset.Attempt lastAttempt,
            List<LiveRuleset.Activation> history, Fleet fleet, String note) {
    }

    /**
     * The fleet as the database knows it: which version is published and what each replica reported it
     * serves (and refused), and when, so that a coach sees a rollout finish.
     *
     * @param following this replica's view of the published version; null in file mode
     * @param shadow    the version in shadow and since when; null when none runs
     */
    record Fleet(String replica, BundleArchive.Publication published, PublicationFollower.Status following,
            BundleArchive.Publication shadow, List<BundleArchive.ReplicaReport> replicas) {
    }

    /**
     * The impact of a candidate on real traffic. {@code shadow} is the version in shadow (null when none
     * runs); {@code impact} sums every diff stored for {@code candidate} by every replica; {@code replicas}
     * says which replica holds the candidate ready (and which refused it); {@code here} counts this
     * replica's comparisons since start, including those dropped under load.
     */
    record ShadowView(BundleArchive.Publication shadow, String candidate, ShadowSummary impact,
            List<ShadowReplica> replicas, Shadow.Stats here, String note) {
    }

    /** One replica's hold of the candidate: ready (compiled, comparing) or refused. */
    record ShadowReplica(String replica, String live, boolean ready, boolean refused, Instant reportedAt) {
    }

    /** How many cards the impact lists as added and as dropped. */
    static final int TOP_CARDS = 10;
    static final String PRIVATE_NOTE = "decisions in which an answer to the private safety screen decided "
            + "anything, under either version, are not compared and not counted; scenario cases check those";

    private final LiveRuleset rulesets;
    private final Reloader reloader;
    private final BundleArchive archive;
    private final Supplier<PublicationFollower> following;
    private final ShadowStore shadows;
    private final Shadow shadow;

    /** @param shadow this replica's shadow comparisons; null when it compares none (file mode) */
    public RulesetStatus(LiveRuleset rulesets, Reloader reloader, BundleArchive archive,
            Supplier<PublicationFollower> following, ShadowStore shadows, Shadow shadow) {
        this.rulesets = rulesets;
        this.reloader = reloader;
        this.archive = archive;
        this.following = following;
        this.shadows = shadows;
        this.shadow = shadow;
    }

    /**
     * Publishes a ruleset: the stored version named in the body, or this replica's files when the body
     * names none. It must pass the acceptance a reload runs; nothing swaps here, each replica that follows
     * the database (this one included) swaps when it learns of the publication. With {@code "shadow":
     * true} the version goes into shadow instead: compared with live traffic, served only once promoted.
     */
    public void publish(Context ctx) {
        String body = ctx.body();
        String version = null;
        boolean inShadow = false;
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
                if (!field.equals("version") && !field.equals("shadow")) {
                    throw ApiError.badRequest("invalid_body", field, "unknown field; the fields are version and "
                            + "shadow");
                }
            });
            JsonNode shadowFlag = node.get("shadow");
            if (shadowFlag != null && !shadowFlag.isNull()) {
                if (!shadowFlag.isBoolean()) {
                    throw ApiError.badRequest("invalid_shadow", "shadow", "shadow must be true or false");
                }
                inShadow = shadowFlag.asBoolean();
            }
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
            Reloader.FolderFiles files = reloader.read();
            if (files.bundle() == null) {
                throw ApiError.invalidRuleset(422, "ruleset_rejected", "this server's files could not be read, so "
                        + "nothing was published", List.of(files.problem()));
            }
            bundle = files.bundle();
        } else {
            String wanted = version;
            bundle = archive.bundle(version).orElseThrow(() -> ApiError.notFound("ruleset " + wanted + " is not stored "
                    + "in the decision log; only a version that went live somewhere (or was published) can be"));
        }
        Acceptance.Verdict verdict = Acceptance.of(bundle, rulesets.limits());
        if (!verdict.accepted()) {
            throw ApiError.invalidRuleset(422, "ruleset_rejected", "ruleset " + bundle.version() + " was not "
                    + "published: " + verdict.problems().size() + " problem(s)", verdict.problems());
        }
        archive.store(bundle);
        if (inShadow) {
            archive.shadow(bundle.version());
            ctx.json(Map.of("shadow", bundle.version(), "fleet", fleet()));
            return;
        }
        archive.publish(bundle.version());
        ctx.json(Map.of("published", bundle.version(), "fleet", fleet()));
    }

    /**
     * Publishes the version in shadow: replicas that hold it ready swap at once, without compiling. 409
     * when none is in shadow. Whether every replica holds it ready is for the caller to check first
     * ({@code GET /v1/rulesets/shadow}); one that does not compiles it as for any publication.
     */
    public void promote(Context ctx) {
        ctx.bodyAsBytes(); // read whatever came, see reload
        String version;
        try {
            version = archive.promote();
        } catch (IllegalStateException e) {
            throw new ApiError(409, "no_shadow", e.getMessage());
        }
        ctx.json(Map.of("published", version, "fleet", fleet()));
    }

    /** Ends the shadow (its diffs stay, erased with their decisions); 409 when none runs. */
    public void stopShadow(Context ctx) {
        ctx.bodyAsBytes();
        String version = archive.shadowed().map(BundleArchive.Publication::version).orElse(null);
        if (version == null || !archive.stopShadow()) {
            throw new ApiError(409, "no_shadow", "no ruleset is in shadow; nothing to stop");
        }
        ctx.json(Map.of("stopped", version, "fleet", fleet()));
    }

    /**
     * The impact of the version in shadow (or of {@code ?candidate=}, for one promoted or stopped since):
     * decisions compared, how many changed, the cards most often added and dropped, path changes.
     */
    public void shadow(Context ctx) {
        BundleArchive.Publication running = archive.shadowed().orElse(null);
        String candidate = ctx.queryParam("candidate");
        if (candidate != null && candidate.isBlank()) {
            throw ApiError.badRequest("invalid_candidate", "candidate", "candidate must be a ruleset id");
        }
        if (candidate == null && running != null) {
            candidate = running.version();
        }
        String held = candidate;
        List<ShadowReplica> replicas = archive.replicas().stream()
                .map(r -> new ShadowReplica(r.replica(), r.live(), held != null && held.equals(r.shadowReady()),
                        held != null && held.equals(r.shadowRefused()), r.at()))
                .toList();
        ShadowSummary impact = candidate == null ? null : shadows.summary(candidate, TOP_CARDS);
        ctx.json(new ShadowView(running, candidate, impact, replicas, shadow == null ? null : shadow.stats(),
                PRIVATE_NOTE));
    }

    private Fleet fleet() {
        PublicationFollower follower = following.get();
        PublicationFollower.Status status = follower == null ? null : follower.status();
        return new Fleet(status == null ? null : status.replica(), archive.published().orElse(null), status,
                archive.shadowed().orElse(null), archive.replicas());
    }

    public void show(Context ctx) {
        ctx.json(view(null));
    }

    /**
     * Reloads from disk; 200 with the status when the files went live (or already were), else 422. On a
     * replica that follows the database, re-reads the published version instead (see {@link #reloadPublished}).
     */
    public void reload(Context ctx) {
        // Reload takes no body, but whatever came is read: answering before the request's body has
        // arrived makes Jetty close the connection after the response, and a client that has already
        // reused it for its next request gets an empty reply.
        ctx.bodyAsBytes();
        PublicationFollower follower = following.get();
        if (follower != null) {
            reloadPublished(ctx, follower);
            return;
        }
        LiveRuleset.Attempt attempt = reloader.reload();
        if (!attempt.accepted()) {
            String live = rulesets.version().orElse("none");
            throw ApiError.invalidRuleset(422, "ruleset_rejected", "the files " + (attempt.version() == null ? ""
                    : "(version " + attempt.version() + ") ") + "did not go live: " + attempt.problems().size()
                    + " problem(s); ruleset " + live + " stays live", attempt.problems());
        }
        ctx.json(view(null));
    }

    /**
     * A reload on a replica that follows the database. Its own files are not what it serves, and a reload
     * reaches only the replica the balancer picked, so reading them would make this replica serve what the
     * others do not. It re-reads the published version now, with the acceptance following runs (a version
     * already refused here is not tried again: the same files fail the same way), and says how rules
     * change in this mode. 422 when the published version is refused here.
     */
    private void reloadPublished(Context ctx, PublicationFollower follower) {
        PublicationFollower.Status status = follower.catchUp();
        String live = rulesets.version().orElse("none");
        String note = "replica " + status.replica() + " follows the ruleset published in the database "
                + "(--rules-from db), so a reload does not read its own rules and content files: it re-read the "
                + "published version now. Rules change here by publishing, from a checkout with rekindle publish "
                + "--db <url> or with POST /v1/admin/publish: every replica learns of a publication within "
                + PublicationFollower.PERIOD.toSeconds() + " s and serves it once it has compiled and passed "
                + "its checks there.";
        if (status.published() != null && status.published().equals(status.refused())) {
            throw ApiError.invalidRuleset(422, "ruleset_rejected", "the published ruleset " + status.published()
                    + " was refused here with " + status.problems().size() + " problem(s); ruleset " + live
                    + " stays live. " + note, status.problems());
        }
        ctx.json(view(note));
    }

    private View view(String note) {
        LiveRuleset.Live live = rulesets.current().orElseThrow(ApiError::noRuleset);
        Ruleset ruleset = live.ruleset();
        List<FileView> files = ruleset.bundle().files().stream()
                .map(f -> new FileView(f.path(), f.bytes().length, Sha256.hex(f.bytes()))).toList();
        LiveRuleset.Attempt attempt = rulesets.lastAttempt().orElse(null);
        return new View(ruleset.version(), live.since(), ruleset.rules().size(), files, attempt,
                rulesets.history(), fleet(), note);
    }
}
