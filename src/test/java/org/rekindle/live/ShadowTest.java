package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.audit.Database;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.json.Json;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.server.Configuration;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Eventually;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * Shadow before promote, through a real server that follows a real (SQLite) database: a candidate in
 * shadow is compared with live requests while the responses stay the current version's, its diffs are
 * stored (ids only, never for a safety-screen decision) and shown, erased with their decision, and
 * promoting swaps in the very ruleset compiled for the shadow; a candidate the replica refuses is
 * reported and never served.
 */
class ShadowTest {

    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    private static final String TEN_MINUTES = "{\"answers\": {\"talk_minutes_per_day\": 10, \"sa_unseen\": \"yes\"}, "
            + "\"subject\": \"%s\"}";
    private static final String FORTY_FIVE = "{\"answers\": {\"talk_minutes_per_day\": 45}, \"subject\": \"%s\"}";

    @TempDir
    Path dir;

    @Test
    void aCandidateInShadowIsComparedWithLiveRequestsShownErasedAndPromotedWithoutCompiling() throws Exception {
        Path checkout = dir.resolve("checkout");
        Checkout.copyTo(checkout);
        Path db = dir.resolve("fleet.db");
        try (Rekindle server = Rekindle.start(Configs.onFreePort()
                .withFolders(checkout.resolve("rules"), checkout.resolve("content")).withDb(db.toString())
                .withRulesFrom(Configuration.RulesFrom.DB, "a"))) {
            Http http = new Http(server.port());
            String live = server.rulesets().current().orElseThrow().ruleset().version();
            JsonNode before = http.post("/v1/assessments", TEN_MINUTES.formatted("s0")).json();
            assertThat(http.post("/v1/admin/promote", "").status()).as("nothing in shadow").isEqualTo(409);

            // The coach's candidate shows one more card to people who talk ten minutes a day.
            Path candidate = dir.resolve("candidate");
            Checkout.copyTo(candidate);
            append(candidate.resolve("rules/next_move.drl"), Checkout.probeRule("shadow_probe", 10,
                    "stat_emotional_maturity"));
            append(candidate.resolve("rules/next_move.cases.yaml"), Checkout.probeCase("shadow_probe", 10));
            StringWriter out = new StringWriter();
            assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "publish",
                    "--shadow", "--db", db.toString(), "--rules", candidate.resolve("rules").toString(),
                    "--content", candidate.resolve("content").toString())).as(out.toString()).isZero();
            String shadowed = Bundle.read(candidate.resolve("rules"), candidate.resolve("content")).version();
            assertThat(out.toString()).contains("in shadow: ruleset " + shadowed);
            awaitReady(http, shadowed);
            Ruleset compiledForShadow = server.rulesets().staged().orElseThrow();
            assertThat(compiledForShadow.version()).isEqualTo(shadowed);

            // Live traffic: the responses are the live version's, exactly as before the shadow.
            List<String> changed = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                JsonNode response = http.post("/v1/assessments", TEN_MINUTES.formatted("s" + i)).json();
                assertThat(response.path("rulesetVersion").asText()).isEqualTo(live);
                assertThat(response.path("path")).isEqualTo(before.path("path"));
                assertThat(response.path("focus")).isEqualTo(before.path("focus"));
                assertThat(cardIds(response)).isEqualTo(cardIds(before)).doesNotContain("stat_emotional_maturity");
                changed.add(response.path("id").asText());
            }
            for (int i = 4; i <= 5; i++) {
                assertThat(http.post("/v1/assessments", FORTY_FIVE.formatted("s" + i)).status()).isEqualTo(201);
            }
            // A positive private safety screen: never compared, never counted.
            Map<String, Object> unsafe = Map.of("answers", Map.of("talk_minutes_per_day", 10, "safety_afraid", "yes"),
                    "subject", "s6");
            JsonNode safety = http.post("/v1/assessments", Json.MAPPER.writeValueAsString(unsafe)).json();
            assertThat(safety.path("path").path("id").asText()).isEqualTo("safety");

            JsonNode impact = Eventually.await(Duration.ofSeconds(30), "five decisions compared", () -> {
                JsonNode view = http.get("/v1/rulesets/shadow").json();
                return view.path("impact").path("compared").asLong() >= 5 ? view : null;
            });
            assertThat(impact.path("shadow").path("version").asText()).isEqualTo(shadowed);
            assertThat(impact.path("impact").path("compared").asLong()).isEqualTo(5);
            assertThat(impact.path("impact").path("changed").asLong()).isEqualTo(3);
            assertThat(impact.path("impact").path("added").toString())
                    .isEqualTo("[{\"card\":\"stat_emotional_maturity\",\"decisions\":3}]");
            assertThat(impact.path("impact").path("dropped").size()).isZero();
            assertThat(impact.path("impact").path("paths").size()).isZero();
            assertThat(impact.path("here").path("dropped").asLong()).isZero();
            Thread.sleep(300); // the safety decision was posted last: give its comparison time to (not) land
            assertThat(diffRows(db, safety.path("id").asText())).as("no diff for a safety decision").isZero();
            assertThat(diffRows(db, changed.get(0))).isEqualTo(1);

            out.getBuffer().setLength(0);
            assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "shadow",
                    "--db", db.toString())).isZero();
            assertThat(out.toString()).contains("ruleset " + shadowed + " in shadow since", "replica a: ready",
                    "decisions compared: 5, changed: 3", "stat_emotional_maturity: 3", "path changes: none");

            // Erasing a subject erases its diff with its decision.
            assertThat(http.delete("/v1/subjects/s1").status()).isEqualTo(200);
            assertThat(diffRows(db, changed.get(0))).isZero();
            JsonNode erased = http.get("/v1/rulesets/shadow").json().path("impact");
            assertThat(erased.path("compared").asLong()).isEqualTo(4);
            assertThat(erased.path("changed").asLong()).isEqualTo(2);

            // Promote: the very ruleset compiled for the shadow goes live, nothing is compiled again.
            Http.Response promoted = http.post("/v1/admin/promote", "");
            assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
            assertThat(promoted.json().path("published").asText()).isEqualTo(shadowed);
            Eventually.await(Duration.ofSeconds(30), "the promoted version live",
                    () -> shadowed.equals(server.rulesets().current().orElseThrow().ruleset().version()) ? true : null);
            assertThat(server.rulesets().current().orElseThrow().ruleset()).isSameAs(compiledForShadow);
            assertThat(server.rulesets().staged()).isEmpty();
            assertThat(cardIds(http.post("/v1/assessments", TEN_MINUTES.formatted("s7")).json()))
                    .contains("stat_emotional_maturity");
            JsonNode after = http.get("/v1/rulesets/shadow").json();
            assertThat(after.has("shadow")).as(after.toString()).isFalse();
            assertThat(http.get("/v1/rulesets/shadow?candidate=" + shadowed).json().path("impact")
                    .path("compared").asLong()).isEqualTo(4);

            // A candidate this replica refuses: reported, never served, nothing compared; the shadow can be stopped.
            Bundle broken = brokenCopyOf(compiledForShadow.bundle());
            try (Database database = Database.open(db.toString())) {
                database.archive().store(broken);
                database.archive().shadow(broken.version());
            }
            JsonNode refused = Eventually.await(Duration.ofSeconds(60), "the refusal reported", () -> {
                JsonNode view = http.get("/v1/rulesets/shadow").json();
                return view.path("replicas").path(0).path("refused").asBoolean() ? view : null;
            });
            assertThat(refused.path("replicas").path(0).path("ready").asBoolean()).isFalse();
            JsonNode following = http.get("/v1/ruleset").json().path("fleet").path("following");
            assertThat(following.path("shadow").path("version").asText()).isEqualTo(broken.version());
            assertThat(following.path("shadow").path("problems")).isNotEmpty();
            assertThat(server.rulesets().staged()).isEmpty();
            JsonNode served = http.post("/v1/assessments", FORTY_FIVE.formatted("s8")).json();
            assertThat(served.path("rulesetVersion").asText()).isEqualTo(shadowed);
            Http.Response stopped = http.delete("/v1/admin/shadow");
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
            assertThat(stopped.json().path("stopped").asText()).isEqualTo(broken.version());
            assertThat(http.delete("/v1/admin/shadow").status()).isEqualTo(409);
        }
    }

    private static void awaitReady(Http http, String version) {
        Eventually.await(Duration.ofSeconds(90), "replica a holding " + version + " ready", () -> {
            JsonNode view = http.get("/v1/rulesets/shadow").json();
            return view.path("replicas").path(0).path("ready").asBoolean() ? view : null;
        });
    }

    /** Every id in a plan (path, sections, cards) but the assessment's own. */
    private static List<String> cardIds(JsonNode plan) {
        ObjectNode copy = plan.deepCopy();
        copy.remove("id");
        List<String> ids = new ArrayList<>();
        copy.findValues("id").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static int diffRows(Path db, String decision) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM shadow_diffs WHERE decision_id = ?")) {
            statement.setString(1, decision);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
    }

    /** The same files with one rule file broken, so that the acceptance refuses them. */
    private static Bundle brokenCopyOf(Bundle good) {
        List<BundleFile> files = new ArrayList<>();
        for (BundleFile file : good.files()) {
            files.add(file.path().endsWith("attachment.drl") ? new BundleFile(file.path(),
                    (new String(file.bytes(), StandardCharsets.UTF_8) + "\nrule \"broken\" when then nonsense(\n")
                            .getBytes(StandardCharsets.UTF_8)) : file);
        }
        return new Bundle(files);
    }
}
