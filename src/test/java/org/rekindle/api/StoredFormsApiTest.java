package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.audit.DecisionLog;
import org.rekindle.bundle.Bundle;
import org.rekindle.content.GuidanceItem;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.WithheldCard;
import org.rekindle.json.Json;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.BenchAnswers;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * The fourth stored form leaves out of each firing what its rule says in the decision's version, and
 * stores each withheld card's reason once: every response that reads a stored decision (the plan in each
 * view, the explanation in each format, why-not for every card shown or withheld and for some no rule
 * showed, replay, progress, feedback, the export, and the {@code explain} command) is byte for byte the
 * same for a decision stored in the fourth form as for the same decision stored in the third, for every
 * realistic full questionnaire.
 */
class StoredFormsApiTest {

    private static final List<String> FULL = List.of("full_many_problems", "full_in_therapy", "full_borderline",
            "full_new_couple", "full_happy_couple", "full_withdrawer_leaving", "full_safety_positive");

    @TempDir
    Path dir;

    @Test
    void everyViewOfADecisionStoredInTheFourthFormIsByteForByteThatOfTheThird() throws Exception {
        String db = dir.resolve("decisions.db").toString();
        long thirdBytes = 0;
        long fourthBytes = 0;
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db))) {
            Http http = new Http(server.port());
            Ruleset ruleset = server.rulesets().current().orElseThrow().ruleset();
            for (String file : FULL) {
                String subject = "subject-" + file.replace('_', '-');
                ObjectNode body = (ObjectNode) Json.MAPPER.readTree(BenchAnswers.body(file));
                body.put("subject", subject);
                Http.Response created = http.post("/v1/assessments", body.toString());
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String id = created.json().path("id").asText();
                DecisionRecord fourth = server.decisionLog().find(id).orElseThrow();
                assertThat(Json.MAPPER.readTree(fourth.traceJson()).path("format").asInt()).isEqualTo(4);

                // The same decision, made again in process: written in today's form it is the stored row.
                Answers answers = ruleset.content().questionnaire().read(Json.MAPPER.convertValue(
                        body.path("answers"), new TypeReference<Map<String, Object>>() { }));
                StoredDecision stored = DecisionCodec.read(fourth, version -> ruleset.ruleBook());
                Decision decision = Engine.evaluate(ruleset, answers, stored.locale());
                DecisionCodec.Parties parties = new DecisionCodec.Parties(subject, null, null, null);
                DecisionRecord again = DecisionCodec.write(id, fourth.createdAt(), decision, answers, parties,
                        stored.sent(), ruleset.ruleBook());
                assertThat(again).as(file).isEqualTo(fourth);
                DecisionRecord third = DecisionCodec.writeThirdForm(id, fourth.createdAt(), decision, answers,
                        parties, stored.sent());
                assertThat(Json.MAPPER.readTree(third.traceJson()).path("format").asInt()).isEqualTo(3);
                assertThat(third.planJson()).isEqualTo(fourth.planJson());
                assertThat(third.answersJson()).isEqualTo(fourth.answersJson());
                thirdBytes += third.traceJson().length();
                fourthBytes += fourth.traceJson().length();

                Map<String, String> asFourth = views(http, server.decisionLog(), db, id, subject, created.body(),
                        ruleset, decision);
                server.decisionLog().erase(id);
                server.decisionLog().append(third);
                Map<String, String> asThird = views(http, server.decisionLog(), db, id, subject, created.body(),
                        ruleset, decision);

                assertThat(asFourth.keySet()).containsExactlyElementsOf(asThird.keySet());
                for (String view : asThird.keySet()) {
                    assertThat(asFourth.get(view)).as(file + ": " + view).isEqualTo(asThird.get(view));
                }
                server.decisionLog().erase(id);
            }
        }
        assertThat(fourthBytes * 2).as("the fourth form's traces, under half the third's")
                .isLessThan(thirdBytes);
    }

    @Test
    void aDecisionWhoseVersionsRulesNoLongerReadIsRefusedWithAPlainMessage() throws Exception {
        String db = dir.resolve("decisions.db").toString();
        String id;
        String broken;
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db))) {
            Http http = new Http(server.port());
            Http.Response created = http.post("/v1/assessments", AssessmentApiContract.DISTANT);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            DecisionRecord row = server.decisionLog().find(created.json().path("id").asText()).orElseThrow();

            // A version archived with a rule file that today's checks refuse (a rule without its @id): its
            // content still loads, its rules no longer read.
            Bundle bundle = server.rulesets().current().orElseThrow().ruleset().bundle();
            Bundle unreadable = Checkout.withRuleEdited(bundle, "signs.drl", "@id\\(\"[^\"]*\"\\)", "");
            broken = unreadable.version();
            server.database().archive().store(unreadable);
            id = "unreadable";
            server.decisionLog().append(new DecisionRecord(id, row.createdAt(), broken, "subject-unreadable", null,
                    null, null, row.answersJson(), row.planJson().replace(row.rulesetVersion(), broken),
                    row.traceJson()));

            String assessment = "/v1/assessments/" + id;
            for (String path : List.of(assessment, assessment + "?view=full", assessment + "/explanation",
                    assessment + "/explanation?format=text", assessment + "/replay",
                    assessment + "/why-not/steps_acknowledge")) {
                Http.Response refused = http.get(path);
                assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(409);
                assertThat(refused.json().path("code").asText()).as(path).isEqualTo("ruleset_not_rebuildable");
                assertThat(refused.json().path("message").asText()).as(path).contains(broken)
                        .doesNotContain("Exception");
                assertThat(refused.body()).as(path).contains("rules/signs.drl");
            }
            // The progress chart reads the answers and the path alone, so it still charts the decision.
            Http.Response progress = http.get("/v1/subjects/subject-unreadable/progress");
            assertThat(progress.status()).as(progress.body()).isEqualTo(200);
            assertThat(progress.json().path("series").get(0).path("assessment").asText()).isEqualTo(id);
            Http.Response feedback = http.post(assessment + "/feedback", "{\"feedback\": [{\"card\": "
                    + "\"steps_acknowledge\", \"outcome\": \"accepted\", \"outcomeTimestamp\": "
                    + "\"2026-11-30T09:30:00Z\"}]}");
            assertThat(feedback.status()).as(feedback.body()).isEqualTo(409);
            // The export still gives the row, its trace as stored.
            Http.Response export = http.get("/v1/decisions/export?from=2000-01-01T00:00:00Z");
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.body().lines().filter(line -> line.contains("\"id\":\"" + id + "\""))
                    .map(line -> line.contains("\"format\":4"))).containsExactly(true);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "explain", "--id", id, "--db",
                db);
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("cannot be explained").contains(broken).contains("rules/signs.drl")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Everything that reads the stored decision, by what was asked. */
    private static Map<String, String> views(Http http, DecisionLog log, String db, String id, String subject,
            String asCreated, Ruleset ruleset, Decision decision) throws Exception {
        Map<String, String> views = new LinkedHashMap<>();
        String assessment = "/v1/assessments/" + id;
        views.put("plan", ok(http.get(assessment)));
        assertThat(views.get("plan")).as("the plan as it was returned").isEqualTo(asCreated);
        for (String view : List.of("full", "compact")) {
            views.put("plan " + view, ok(http.get(assessment + "?view=" + view)));
        }
        views.put("explanation", ok(http.get(assessment + "/explanation")));
        assertThat(Json.MAPPER.readTree(views.get("explanation")).path("sent").path("matches").asBoolean())
                .as("the rebuilt plan hashes to what the app was sent").isTrue();
        for (String format : List.of("plain", "text")) {
            views.put("explanation " + format, ok(http.get(assessment + "/explanation?format=" + format)));
        }
        views.put("replay", ok(http.get(assessment + "/replay")));
        assertThat(Json.MAPPER.readTree(views.get("replay")).path("reproduced").asBoolean()).isTrue();
        Set<String> cards = new LinkedHashSet<>();
        decision.plan().cards().forEach(card -> cards.add(card.id()));
        decision.withheld().stream().map(WithheldCard::card).forEach(cards::add);
        // And some that no rule showed (a why-not reads what every firing inserted).
        ruleset.content().library().items().stream().map(GuidanceItem::id).filter(item -> !cards.contains(item))
                .limit(8).toList().forEach(cards::add);
        for (String card : cards) {
            views.put("why-not " + card, ok(http.get(assessment + "/why-not/" + card)));
        }
        views.put("progress", ok(http.get("/v1/subjects/" + subject + "/progress")));
        views.put("export", ok(http.get("/v1/decisions/export?from=2000-01-01T00:00:00Z")));
        String card = decision.plan().cards().get(0).id();
        Http.Response feedback = http.post(assessment + "/feedback", "{\"feedback\": [{\"card\": \"" + card
                + "\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-30T09:30:00Z\"}]}");
        assertThat(feedback.status()).as(feedback.body()).isEqualTo(201);
        views.put("feedback", feedback.body());
        // Which rules showed the card, as the log records them with the feedback.
        List<String> rules = new ArrayList<>();
        log.feedback(id).forEach(item -> rules.add(String.join(",", item.rules())));
        assertThat(rules).hasSize(1).doesNotContain("");
        views.put("feedback rules", rules.get(0));
        // The command rebuilds the version from the log (a compile each run): explain, as why-not is above.
        views.put("command explain", command("explain", "--id", id, "--db", db));
        return views;
    }

    private static String ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }
}
