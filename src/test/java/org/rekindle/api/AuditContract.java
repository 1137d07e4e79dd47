package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.Role;
import org.rekindle.json.Json;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * What an auditor can ask of the decision log, over real HTTP: private answers masked unless the
 * token carries the scope. Run once per database (see the subclasses); one server per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditContract {

    /** Someone on the safety path: two private answers are yes. */
    static final String AFRAID = """
            {"answers": {"safety_afraid": "yes", "safety_control": "yes", "sa_unseen": "yes",
                         "sa_hide_feelings": "yes"}}""";

    private Rekindle server;
    Http app;
    Http auditor;
    Http privateAuditor;

    /** A folder for the decision log file, when the database is a file. */
    abstract Path dir();

    /** The decision log setting for this database. */
    abstract String db();

    @BeforeAll
    void start() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token"), Role.AUDITOR, List.of("auditor-token"),
                Role.COACH, List.of("coach-token")), List.of("private-auditor-token"));
        server = Rekindle.start(Configs.onFreePort().withDb(db()).withAccess(access));
        Http anonymous = new Http(server.port());
        app = anonymous.as("app-token");
        auditor = anonymous.as("auditor-token");
        privateAuditor = anonymous.as("private-auditor-token");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Rekindle server() {
        return server;
    }

    String create(String body) {
        Http.Response created = app.post("/v1/assessments", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void privateAnswersAreMaskedForAnAuditorWithoutTheScopeAndShownWithIt() {
        String id = create(AFRAID);
        for (String route : List.of("/v1/assessments/" + id + "/explanation", "/v1/assessments/" + id + "/replay",
                "/v1/assessments/" + id + "?view=full", "/v1/assessments/" + id)) {
            Http.Response masked = auditor.get(route);
            assertThat(masked.status()).as(masked.body()).isEqualTo(200);
            List<String> seen = privateValues(masked.json());
            assertThat(seen).as(route).isNotEmpty().containsOnly(AnswerMask.MASKED);
            Http.Response shown = privateAuditor.get(route);
            assertThat(privateValues(shown.json())).as(route).isNotEmpty().containsOnly("yes");
            // Everything else is the same: only private values differ.
            assertThat(masked.body().replace("\"***\"", "\"yes\"")).as(route).isEqualTo(shown.body());
        }
        // Why-not: the stored answers a safety rule read, and what its queries on them answered.
        String whyNot = "/v1/assessments/" + id + "/why-not/safety_screen_invite";
        JsonNode maskedWhy = auditor.get(whyNot).json();
        JsonNode shownWhy = privateAuditor.get(whyNot).json();
        assertThat(privateValues(maskedWhy)).isNotEmpty().containsOnly(AnswerMask.MASKED);
        assertThat(privateValues(shownWhy)).isNotEmpty().containsOnly("yes");
        assertThat(safetyQueries(maskedWhy)).isNotEmpty().containsOnly(AnswerMask.MASKED);
        assertThat(safetyQueries(shownWhy)).isNotEmpty().doesNotContain(AnswerMask.MASKED);
        // Apps read their own answers unmasked.
        assertThat(privateValues(app.get("/v1/assessments/" + id + "?view=full").json())).containsOnly("yes");
        // Answers to questions that are not private are never masked.
        assertThat(auditor.get("/v1/assessments/" + id + "/explanation").json().path("answers").path("sa_unseen")
                .asText()).isEqualTo("yes");
    }

    /** Three self-assessment answers are yes: one short of the "more than three" rules. */
    static final String THREE_YES = """
            {"answers": {"sa_hide_feelings": "yes", "sa_affection_rare": "yes", "sa_silence_uneasy": "yes",
                         "sa_unseen": "no"}}""";

    @Test
    void whyNotNamesTheConditionWhoseThresholdOneAnswerMissed() {
        String id = create(THREE_YES);
        Http.Response why = auditor.get("/v1/assessments/" + id + "/why-not/dd_do_seek_support");
        assertThat(why.status()).as(why.body()).isEqualTo(200);
        assertThat(why.json().path("verdict").asText()).isEqualTo("NO_RULE_HELD");
        assertThat(why.json().path("shown").asBoolean()).isFalse();
        JsonNode rule = ruleNamed(why.json(), "dos_donts.seek_support_self_assessment");
        assertThat(rule.path("held").asBoolean()).isFalse();
        assertThat(rule.path("fired").asBoolean()).isFalse();
        assertThat(rule.path("source").asText()).isNotBlank();
        // The rule matches the finding; the finding was not drawn, so the rule that draws it, where the
        // threshold is written, is checked in turn.
        JsonNode finding = rule.path("conditions").path("parts").get(0);
        assertThat(finding.path("text").asText()).isEqualTo("Finding");
        assertThat(finding.path("held").asBoolean()).isFalse();
        assertThat(finding.path("parts").get(0).path("text").asText())
                .isEqualTo("name == \"disconnection_suspected\"");
        assertThat(rule.path("needs").size()).isEqualTo(1);
        assertThat(rule.path("needs").get(0).path("finding").asText()).isEqualTo("disconnection_suspected");
        JsonNode drawer = ruleNamed(rule.path("needs").get(0).path("drawnBy"), "self_assessment.disconnection_suspected");
        assertThat(drawer.path("held").asBoolean()).isFalse();
        assertThat(drawer.path("fired").asBoolean()).isFalse();
        assertThat(drawer.path("source").asText()).isNotBlank();
        assertThat(drawer.path("needs").size()).as("one level deep").isZero();
        JsonNode constraints = drawer.path("conditions").path("parts").get(0).path("parts");
        assertThat(constraints.get(0).path("text").asText()).isEqualTo("$yes : yesCount(\"self_assessment\")");
        assertThat(constraints.get(0).path("looked").get(0).path("query").asText())
                .isEqualTo("yesCount(\"self_assessment\")");
        assertThat(constraints.get(0).path("looked").get(0).path("value").asInt()).isEqualTo(3);
        assertThat(constraints.get(0).path("answers").path("sa_hide_feelings").asText()).isEqualTo("yes");
        assertThat(constraints.get(1).path("text").asText()).isEqualTo("$yes > 3");
        assertThat(constraints.get(1).path("held").asBoolean()).isFalse();

        // One more yes: the drawing rule holds, the finding is drawn, and the rule that shows the card holds.
        String four = create(THREE_YES.replace("\"sa_unseen\": \"no\"", "\"sa_unseen\": \"yes\""));
        JsonNode held = auditor.get("/v1/assessments/" + four + "/why-not/dd_do_seek_support").json();
        assertThat(ruleNamed(held, "dos_donts.seek_support_self_assessment").path("held").asBoolean()).isTrue();
        assertThat(ruleNamed(held, "dos_donts.seek_support_self_assessment").path("fired").asBoolean()).isTrue();
        assertThat(ruleNamed(held, "dos_donts.seek_support_self_assessment").path("needs").size())
                .as("a drawn finding needs no explaining").isZero();
        assertThat(held.path("verdict").asText()).isIn("SHOWN", "WITHHELD");
    }

    @Test
    void whyNotNamesThePathOrRuleThatWithheldACardOnTheSafetyPath() {
        String id = create(AFRAID);
        JsonNode explained = privateAuditor.get("/v1/assessments/" + id + "/explanation").json();
        assertThat(explained.path("path").path("path").asText()).contains("safety");
        JsonNode withheld = explained.path("withheld");
        assertThat(withheld.size()).isPositive();
        String card = withheld.get(0).path("card").asText();
        Http.Response why = auditor.get("/v1/assessments/" + id + "/why-not/" + card);
        assertThat(why.status()).as(why.body()).isEqualTo(200);
        assertThat(why.json().path("verdict").asText()).isEqualTo("WITHHELD");
        assertThat(why.json().path("withheld").get(0)).isEqualTo(withheld.get(0));
        assertThat(why.json().path("rules").get(0).path("held").asBoolean()).isTrue();
        // Nothing private leaks through the conditions of the rules that can show it.
        assertThat(privateValues(why.json())).allMatch(AnswerMask.MASKED::equals);
    }

    @Test
    void whyNotForACardNoRuleHeldForAndForACardTheRulesetDoesNotHave() {
        String id = create(THREE_YES);
        JsonNode why = auditor.get("/v1/assessments/" + id + "/why-not/safety_private_device").json();
        assertThat(why.path("verdict").asText()).isEqualTo("NO_RULE_HELD");
        assertThat(why.path("rules").size()).isPositive();
        why.path("rules").forEach(rule -> assertThat(rule.path("held").asBoolean()).isFalse());
        assertThat(why.path("withheld").size()).isZero();
        Http.Response unknown = auditor.get("/v1/assessments/" + id + "/why-not/no_such_card");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(app.get("/v1/assessments/" + id + "/why-not/safety_private_device").status()).isEqualTo(403);
    }

    @Test
    void thePlainLanguageReportNamesQuestionsAnswersRulesSourcesAndPlacesAndMasksPrivateAnswers() {
        String id = create(AFRAID);
        Http.Response text = privateAuditor.get("/v1/assessments/" + id + "/explanation?format=text");
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        assertThat(text.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        JsonNode plain = privateAuditor.get("/v1/assessments/" + id + "/explanation?format=plain").json();
        JsonNode first = plain.path("cards").get(0);
        assertThat(first.path("position").asInt()).isEqualTo(1);
        assertThat(first.path("focus").asBoolean()).isTrue();
        assertThat(first.path("where").asText()).startsWith("Focus card 1 of");
        JsonNode step = first.path("shownBy").get(0);
        assertThat(text.body()).contains(plain.path("path").path("title").asText())
                .contains(first.path("title").asText()).contains(step.path("rule").asText())
                .contains("Source: " + step.path("source").asText());
        assertThat(step.path("source").asText()).isNotBlank();
        assertThat(text.body()).contains("Do you ever feel afraid of your partner, or afraid of what they might do? "
                + "\u2014 Yes");
        // Only the answers the rules needed: an answered question no rule behind the card read is left out.
        plain.path("cards").forEach(card -> card.path("decisive").forEach(answer ->
                assertThat(answer.path("question").asText()).isNotEqualTo("sa_hide_feelings_unread")));

        Http.Response masked = auditor.get("/v1/assessments/" + id + "/explanation?format=text");
        assertThat(masked.body()).contains("Do you ever feel afraid of your partner, or afraid of what they might "
                + "do? \u2014 ***").doesNotContain("afraid of what they might do? \u2014 Yes");
        assertThat(auditor.get("/v1/assessments/" + id + "/explanation?format=yaml").status()).isEqualTo(400);
    }

    @Test
    void theLogIsQueriedByTimeRulesCardsAndPathPagedCountedAndExportedWithPrivateAnswersMasked() throws Exception {
        java.time.Instant from = java.time.Instant.now().minusMillis(1);
        String afraid = create(AFRAID);
        String three = create(THREE_YES);
        String afraidAgain = create(AFRAID);
        String to = java.time.Instant.now().plusSeconds(1).toString();
        String period = "from=" + from + "&to=" + to;
        JsonNode explained = privateAuditor.get("/v1/assessments/" + afraid + "/explanation").json();
        String path = explained.path("path").path("path").asText();

        assertThat(ids(auditor.get("/v1/decisions?" + period).json())).containsExactly(afraidAgain, three, afraid);
        assertThat(ids(auditor.get("/v1/decisions?" + period + "&path=" + path).json()))
                .containsExactly(afraidAgain, afraid);
        assertThat(ids(auditor.get("/v1/decisions?" + period + "&rule=safety.screen_positive").json()))
                .containsExactly(afraidAgain, afraid);
        assertThat(ids(auditor.get("/v1/decisions?" + period + "&card=safety_private_device").json()))
                .containsExactly(afraidAgain, afraid);
        String version = explained.path("rulesetVersion").asText();
        assertThat(ids(auditor.get("/v1/decisions?" + period + "&version=" + version).json())).hasSize(3);
        assertThat(ids(auditor.get("/v1/decisions?" + period + "&version=000000000000").json())).isEmpty();
        assertThat(ids(auditor.get("/v1/decisions?from=" + to).json())).isEmpty();

        // A page at a time, newest first, each decision once.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = auditor.get("/v1/decisions?" + period + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            paged.addAll(ids(page));
            cursor = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (cursor != null);
        assertThat(paged).containsExactly(afraidAgain, three, afraid);

        JsonNode counts = auditor.get("/v1/decisions/counts?" + period).json();
        assertThat(counts.path("decisions").asLong()).isEqualTo(3);
        assertThat(counts.path("paths").path(path).asLong()).isEqualTo(2);
        assertThat(counts.path("rules").path("safety.screen_positive").asLong()).isEqualTo(2);
        assertThat(counts.path("cards").path("safety_private_device").asLong()).isEqualTo(2);

        Http.Response export = auditor.get("/v1/decisions/export?" + period);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            lines.add(Json.MAPPER.readTree(line));
        }
        assertThat(lines).extracting(line -> line.path("id").asText()).containsExactly(afraid, three, afraidAgain);
        assertThat(privateValues(Json.MAPPER.valueToTree(lines))).isNotEmpty().containsOnly(AnswerMask.MASKED);
        List<JsonNode> unmasked = new ArrayList<>();
        for (String line : privateAuditor.get("/v1/decisions/export?" + period).body().split("\n")) {
            unmasked.add(Json.MAPPER.readTree(line));
        }
        assertThat(privateValues(Json.MAPPER.valueToTree(unmasked))).isNotEmpty().containsOnly("yes");

        assertThat(auditor.get("/v1/decisions?limit=0").status()).isEqualTo(400);
        assertThat(auditor.get("/v1/decisions?from=yesterday").json().path("code").asText()).isEqualTo("invalid_time");
        assertThat(auditor.get("/v1/decisions?cursor=nonsense").json().path("code").asText())
                .isEqualTo("invalid_cursor");
        assertThat(app.get("/v1/decisions").status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("decisions").forEach(d -> ids.add(d.path("id").asText()));
        return ids;
    }

    private static JsonNode ruleNamed(JsonNode why, String ruleId) {
        for (JsonNode rule : why.isArray() ? why : why.path("rules")) {
            if (rule.path("ruleId").asText().equals(ruleId)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + ruleId + " in " + why);
    }

    /** The values of every query on the safety section or a safety question that why-not reports. */
    static List<String> safetyQueries(JsonNode tree) {
        List<String> values = new ArrayList<>();
        tree.findParents("query").forEach(looked -> {
            if (looked.path("query").asText().contains("\"safety")) {
                values.add(looked.path("value").asText());
            }
        });
        return values;
    }

    /** Every value the tree gives a private (safety_) question, in either form answers take. */
    static List<String> privateValues(JsonNode tree) {
        List<String> values = new ArrayList<>();
        collect(tree, values);
        return values;
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node.isObject()) {
            if (node.path("question").asText().startsWith("safety_") && node.has("value")) {
                values.add(node.path("value").asText());
            }
            node.properties().forEach(field -> {
                if (field.getKey().equals("answers") && field.getValue().isObject()) {
                    field.getValue().properties().forEach(answer -> {
                        if (answer.getKey().startsWith("safety_")) {
                            values.add(answer.getValue().asText());
                        }
                    });
                } else {
                    collect(field.getValue(), values);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, values));
        }
    }
}
