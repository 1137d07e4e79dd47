package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import org.rekindle.api.assessments.AssessmentRequest;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.json.Json;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * Provenance: a decision made before a rule change, replayed after it (and after a restart with only
 * the new files on disk), reproduces its old cards exactly from the files the decision log kept, and
 * shows what today's ruleset would change. Run once per database (see the subclasses).
 */
abstract class ReplayContract {

    /** A folder for the copied checkout. */
    abstract Path dir();

    /** The decision log setting for this database. */
    abstract String db();

    @Test
    void aReplayAfterARuleChangeReproducesTheOldCardsExactlyEvenAfterARestart() throws IOException {
        Checkout.copyTo(dir());
        Path rules = dir().resolve("rules");
        Path content = dir().resolve("content");
        String db = db();
        String id;
        String oldVersion;
        JsonNode stored;
        String asReturned;
        try (Rekindle server = start(rules, content, db)) {
            Http http = new Http(server.port());
            Http.Response created = http.post("/v1/assessments", AssessmentApiContract.DISTANT);
            assertThat(created.status()).isEqualTo(201);
            id = created.json().path("id").asText();
            oldVersion = created.json().path("rulesetVersion").asText();
            stored = http.get("/v1/assessments/" + id + "?view=full").json();
            asReturned = created.body();

            // The coach changes a rule (DISTANT answers 10 minutes of talk a day) and a card's wording.
            Checkout.edit(rules.resolve("next_move.drl"), "rule \"Invite an honest",
                    Checkout.probeRule("replay_probe", 10, "prevention_check_ins") + "\nrule \"Invite an honest");
            Files.writeString(rules.resolve("next_move.cases.yaml"), Files.readString(rules.resolve(
                    "next_move.cases.yaml")) + Checkout.probeCase("replay_probe", 10));
            Checkout.edit(content.resolve("guidance/steps.yaml"), "Step 1 of 8: Name the distance\"",
                    "Step 1 of 8: Name the distance together\"");
            Http.Response reload = http.post("/v1/admin/reload", "{}");
            assertThat(reload.status()).as(reload.body()).isEqualTo(200);
            assertThat(reload.json().path("version").asText()).isNotEqualTo(oldVersion);

            assertReplayed(http, id, oldVersion, stored, reload.json().path("version").asText());
            assertReadBackAsReturned(http, id, asReturned);
        }
        // Restarted with only the new files on disk: the old version can only come from the decision log.
        try (Rekindle server = start(rules, content, db)) {
            Http http = new Http(server.port());
            String today = http.get("/v1/ruleset").json().path("version").asText();
            assertThat(today).isNotEqualTo(oldVersion);
            assertReplayed(http, id, oldVersion, stored, today);
            assertReadBackAsReturned(http, id, asReturned);
        }
    }

    /** The old plan, with the old wording of its cards, as the log keeps their texts by version. */
    private static void assertReadBackAsReturned(Http http, String id, String asReturned) {
        Http.Response read = http.get("/v1/assessments/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(asReturned).contains("Step 1 of 8: Name the distance\"")
                .doesNotContain("Name the distance together");
    }

    @Test
    void replayingAnUnknownAssessmentIs404AndAVersionNeverStoredIs409() {
        Checkout.copyTo(dir());
        try (Rekindle server = start(dir().resolve("rules"), dir().resolve("content"), db())) {
            Http http = new Http(server.port());
            Http.Response unknown = http.get("/v1/assessments/no-such-id/replay");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("code").asText()).isEqualTo("not_found");

            server.decisionLog().append(new DecisionRecord("orphan", Instant.now(), "000000000000", null, null,
                    null, null, "{}", "{\"cards\": []}", "{\"trace\": []}"));
            Http.Response orphan = http.get("/v1/assessments/orphan/replay");
            assertThat(orphan.status()).isEqualTo(409);
            assertThat(orphan.json().path("code").asText()).isEqualTo("ruleset_not_stored");
            assertThat(orphan.json().path("message").asText()).contains("000000000000");
        }
    }

    @Test
    void aDecisionStoredInTheFirstExpandedFormIsReproducedAndReadsBackWithoutSeqs() throws Exception {
        Checkout.copyTo(dir());
        try (Rekindle server = start(dir().resolve("rules"), dir().resolve("content"), db())) {
            Http http = new Http(server.port());
            Http.Response created = http.post("/v1/assessments", AssessmentApiContract.DISTANT);
            String id = created.json().path("id").asText();
            DecisionRecord row = server.decisionLog().find(id).orElseThrow();

            // The same decision as the first form stored it: the flat list of cards the engine made, as
            // returned then, with no seqs, and the trace with every firing's answers and no reads.
            Ruleset ruleset = server.rulesets().current().orElseThrow().ruleset();
            Decision decision = Engine.evaluate(ruleset, ruleset.content().questionnaire().read(
                    AssessmentRequest.read(Json.MAPPER.readTree(AssessmentApiContract.DISTANT)).answers()));
            ObjectNode plan = (ObjectNode) created.json().deepCopy();
            plan.put("id", "first-form");
            plan.remove(List.of("path", "focus", "sections", "locale")); // none of them existed then
            plan.set("cards", Json.MAPPER.valueToTree(decision.plan().cards()));
            plan.path("cards").forEach(card -> card.path("because").forEach(b -> ((ObjectNode) b).remove("seq")));
            ObjectNode trace = Json.MAPPER.createObjectNode();
            JsonNode explained = http.get("/v1/assessments/" + id + "/explanation").json();
            trace.set("trace", explained.path("trace"));
            trace.path("trace").forEach(firing -> ((ObjectNode) firing).remove("reads"));
            trace.set("withheld", explained.path("withheld"));
            server.decisionLog().append(new DecisionRecord("first-form", row.createdAt(), row.rulesetVersion(),
                    null, null, null, null, row.answersJson(), Json.MAPPER.writeValueAsString(plan),
                    Json.MAPPER.writeValueAsString(trace)));

            Http.Response replay = http.get("/v1/assessments/first-form/replay");
            assertThat(replay.status()).as(replay.body()).isEqualTo(200);
            assertThat(replay.json().path("reproduced").asBoolean()).isTrue();
            Http.Response compact = http.get("/v1/assessments/first-form?view=compact");
            assertThat(compact.status()).as(compact.body()).isEqualTo(200);
            JsonNode reason = compact.json().path("cards").get(0).path("because").get(0);
            assertThat(reason.has("seq")).as("unknown for the first form: left out, not 0").isFalse();
            assertThat(reason.path("reason").asText()).isNotBlank();
        }
    }

    @Test
    void aStoredRowAlteredAfterTheFactIsNotReproducedAndTheAuditorSeesWhatDiffers() throws Exception {
        Checkout.copyTo(dir());
        try (Rekindle server = start(dir().resolve("rules"), dir().resolve("content"), db())) {
            Http http = new Http(server.port());
            String id = http.post("/v1/assessments", AssessmentApiContract.DISTANT).json().path("id").asText();
            DecisionRecord row = server.decisionLog().find(id).orElseThrow();
            ObjectNode plan = (ObjectNode) Json.MAPPER.readTree(row.planJson());
            plan.put("id", "altered");
            com.fasterxml.jackson.databind.node.ArrayNode cards = (com.fasterxml.jackson.databind.node.ArrayNode)
                    plan.path("cards");
            String dropped = cards.get(cards.size() - 1).path("id").asText();
            cards.remove(cards.size() - 1);
            server.decisionLog().append(new DecisionRecord("altered", row.createdAt(), row.rulesetVersion(), null,
                    null, null, null, row.answersJson(), Json.MAPPER.writeValueAsString(plan), row.traceJson()));

            JsonNode replay = http.get("/v1/assessments/altered/replay").json();
            assertThat(replay.path("reproduced").asBoolean()).as(replay.toString()).isFalse();
            assertThat(replay.path("differences").toString()).isEqualTo("[\"cards\"]");
            assertThat(replay.path("stored").path("appeared").toString()).isEqualTo("[\"" + dropped + "\"]");
            assertThat(replay.path("stored").path("disappeared").toString()).isEqualTo("[]");
            JsonNode untouched = http.get("/v1/assessments/" + id + "/replay").json();
            assertThat(untouched.path("reproduced").asBoolean()).isTrue();
            assertThat(untouched.path("differences").toString()).isEqualTo("[]");
            // The plan rebuilt from the altered row no longer hashes to what the app was sent.
            JsonNode explained = http.get("/v1/assessments/altered/explanation").json();
            assertThat(explained.path("sent").path("matches").asBoolean()).isFalse();
        }
    }

    @Test
    void aDecisionWhoseRulesetLostAFileIsNotReplayedAndTheAuditorIsToldWhy() throws Exception {
        Checkout.copyTo(dir());
        Path rules = dir().resolve("rules");
        String db = db();
        try (Rekindle server = start(rules, dir().resolve("content"), db)) {
            Http http = new Http(server.port());
            Http.Response created = http.post("/v1/assessments", AssessmentApiContract.DISTANT);
            String id = created.json().path("id").asText();
            String oldVersion = created.json().path("rulesetVersion").asText();
            Checkout.edit(rules.resolve("next_move.drl"), "rule \"Invite an honest",
                    Checkout.probeRule("replay_probe", 10, "prevention_check_ins") + "\nrule \"Invite an honest");
            Files.writeString(rules.resolve("next_move.cases.yaml"), Files.readString(rules.resolve(
                    "next_move.cases.yaml")) + Checkout.probeCase("replay_probe", 10));
            assertThat(http.post("/v1/admin/reload", "{}").status()).isEqualTo(200);

            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                    db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + db);
                 java.sql.PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM bundle_versions WHERE version = ? AND path LIKE ?")) {
                delete.setString(1, oldVersion);
                delete.setString(2, "%next_move.drl");
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            Http.Response replay = http.get("/v1/assessments/" + id + "/replay");
            assertThat(replay.status()).as(replay.body()).isEqualTo(409);
            assertThat(replay.json().path("code").asText()).isEqualTo("ruleset_files_altered");
            assertThat(replay.json().path("message").asText()).contains(oldVersion).contains("changed or removed");
            assertThat(replay.json().has("reproduced")).isFalse();
        }
    }

    private static void assertReplayed(Http http, String id, String oldVersion, JsonNode stored, String today) {
        Http.Response replay = http.get("/v1/assessments/" + id + "/replay");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        JsonNode body = replay.json();
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("rulesetVersion").asText()).isEqualTo(oldVersion);
        assertThat(body.path("reproduced").asBoolean()).isTrue();
        assertThat(body.path("differences").toString()).isEqualTo("[]");
        assertThat(AssessmentApiContract.sortedById(body.path("cards"))).as("the old cards, field for field")
                .isEqualTo(AssessmentApiContract.sortedById(AssessmentApiContract.allCards(stored)));
        assertThat(body.path("summary")).isEqualTo(stored.path("summary"));
        assertThat(body.path("path")).isEqualTo(stored.path("path"));
        List<String> focus = new ArrayList<>();
        body.path("focus").forEach(card -> focus.add(card.asText()));
        assertThat(focus).isNotEmpty().isEqualTo(AssessmentApiContract.ids(stored.path("focus")));
        assertThat(AssessmentApiContract.ids(body.path("cards"))).doesNotContain("prevention_check_ins");
        JsonNode diff = body.path("today");
        assertThat(diff.path("rulesetVersion").asText()).isEqualTo(today);
        assertThat(diff.path("appeared").toString()).isEqualTo("[\"prevention_check_ins\"]");
        assertThat(diff.path("disappeared").toString()).isEqualTo("[]");
        assertThat(diff.has("problem")).isFalse();
    }

    private static Rekindle start(Path rules, Path content, String db) {
        return Rekindle.start(Configs.onFreePort().withFolders(rules, content).withDb(db));
    }
}
