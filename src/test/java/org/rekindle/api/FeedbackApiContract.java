package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.Role;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * Feedback on cards and progress over time, over real HTTP, once per database (see the subclasses):
 * feedback stored with the decision, counted per rule and per card in {@code GET /v1/rules}, erased
 * with the subject, refused when it does not fit the plan, invisible to another app, and never counted
 * for a private rule's card; a subject's progress series after three assessments, with what changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FeedbackApiContract {

    /** A check-up: its focus cards are shown by a rule that reads no private answer, so they are counted. */
    static final String CHECK_UP = """
            {"answers": {"sa_hide_feelings": "no", "sa_affection_rare": "no", "sa_silence_uneasy": "no",
                         "sa_unseen": "no", "sa_logistics_only": "yes", "talk_minutes_per_day": 10,
                         "safety_afraid": "no", "safety_hurt": "no", "safety_control": "no", "safety_forced": "no",
                         "partner_willingness": "willing"},
             "subject": "%s"}
            """;

    private Rekindle server;
    private Http app;
    private Http otherApp;
    private Http coach;

    /** The decision log setting for this database. */
    abstract String db();

    /** A connection to the same database, to look at the rows themselves. */
    abstract Connection connect() throws SQLException;

    @BeforeAll
    void startServer() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token", "other-app-token"),
                Role.AUDITOR, List.of("auditor-token"), Role.COACH, List.of("coach-token")));
        server = Rekindle.start(Configs.onFreePort().withDb(db()).withAccess(access).withMaxBodyBytes(16 * 1024));
        Http anonymous = new Http(server.port());
        app = anonymous.as("app-token");
        otherApp = anonymous.as("other-app-token");
        coach = anonymous.as("coach-token");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode assess(String subject) {
        Http.Response created = app.post("/v1/assessments", CHECK_UP.formatted(subject));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode catalogue() {
        Http.Response rules = coach.get("/v1/rules");
        assertThat(rules.status()).isEqualTo(200);
        return rules.json();
    }

    private static long count(JsonNode catalogue, String card, String outcome) {
        return catalogue.path("cards").path(card).path(outcome).asLong(0);
    }

    private static long ruleCount(JsonNode catalogue, String rule, String outcome) {
        for (JsonNode entry : catalogue.path("rules")) {
            if (entry.path("id").asText().equals(rule)) {
                return entry.path("feedback").path(outcome).asLong();
            }
        }
        throw new AssertionError("no rule " + rule);
    }

    private long rows(String assessment) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM feedback WHERE decision_id = ?")) {
            statement.setString(1, assessment);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void feedbackIsStoredCountedPerRuleAndPerCardAndErasedWithTheSubject() throws SQLException {
        JsonNode plan = assess("feedback-1");
        assertThat(plan.path("path").path("id").asText()).isEqualTo("check_up");
        String id = plan.path("id").asText();
        String step = plan.path("focus").get(0).path("id").asText();
        String rule = plan.path("focus").get(0).path("because").get(0).path("ruleId").asText();
        String other = plan.path("focus").get(1).path("id").asText();
        JsonNode before = catalogue();

        Http.Response stored = app.post("/v1/assessments/" + id + "/feedback", """
                {"feedback": [
                  {"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-11-30T09:00:00Z", "done": true},
                  {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-11-30T09:05:00Z",
                   "overrideReason": {"reason": "not_now", "userComment": "we tried this last year"}}]}
                """.formatted(step, other));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().path("feedback")).hasSize(2);
        assertThat(rows(id)).isEqualTo(2);

        JsonNode listed = app.get("/v1/assessments/" + id + "/feedback").json();
        assertThat(listed.path("feedback").get(0).path("card").asText()).isEqualTo(step);
        assertThat(listed.path("feedback").get(0).path("done").asBoolean()).isTrue();
        assertThat(listed.path("feedback").get(1).path("overrideReason").path("userComment").asText())
                .isEqualTo("we tried this last year");

        JsonNode after = catalogue();
        assertThat(count(after, step, "accepted")).isEqualTo(count(before, step, "accepted") + 1);
        assertThat(count(after, step, "done")).isEqualTo(count(before, step, "done") + 1);
        assertThat(count(after, other, "overridden")).isEqualTo(count(before, other, "overridden") + 1);
        assertThat(ruleCount(after, rule, "accepted")).isEqualTo(ruleCount(before, rule, "accepted") + 1);
        // The catalogue counts; it never carries what a person wrote.
        assertThat(after.toString()).doesNotContain("we tried this");

        assertThat(app.delete("/v1/subjects/feedback-1").json().path("erased").asInt()).isEqualTo(1);
        assertThat(rows(id)).isZero();
        assertThat(app.get("/v1/assessments/" + id + "/feedback").status()).isEqualTo(404);
        JsonNode erased = catalogue();
        assertThat(count(erased, step, "accepted")).isEqualTo(count(before, step, "accepted"));
        assertThat(ruleCount(erased, rule, "accepted")).isEqualTo(ruleCount(before, rule, "accepted"));
    }

    @Test
    void feedbackThatDoesNotFitThePlanIsRefusedNamingTheField() throws SQLException {
        JsonNode plan = assess("feedback-2");
        String id = plan.path("id").asText();
        String notFocus = plan.path("sections").get(0).path("cards").get(0).path("id").asText();
        Http.Response unknown = app.post("/v1/assessments/" + id + "/feedback", """
                {"feedback": [{"card": "no_such_card", "outcome": "accepted",
                               "outcomeTimestamp": "2026-11-30T09:00:00Z"}]}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("code").asText()).isEqualTo("invalid_body");
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("feedback[0].card");

        Http.Response notAStep = app.post("/v1/assessments/" + id + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "accepted", "done": true,
                               "outcomeTimestamp": "2026-11-30T09:00:00Z"}]}""".formatted(notFocus));
        assertThat(notAStep.status()).isEqualTo(400);
        assertThat(notAStep.json().path("errors").get(0).path("field").asText()).isEqualTo("feedback[0].done");

        Http.Response badOutcome = app.post("/v1/assessments/" + id + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "maybe", "outcomeTimestamp": "yesterday",
                               "overrideReason": {"reason": "x"}}]}""".formatted(notFocus));
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.body()).contains("feedback[0].outcome", "feedback[0].outcomeTimestamp",
                "feedback[0].overrideReason");
        assertThat(rows(id)).isZero();
    }

    @Test
    void eachCardCountsOnceWithItsLatestWordAndHostileItemsAreRefusedOnEveryDatabase() throws SQLException {
        JsonNode plan = assess("feedback-5");
        String id = plan.path("id").asText();
        String step = plan.path("focus").get(0).path("id").asText();
        String rule = plan.path("focus").get(0).path("because").get(0).path("ruleId").asText();
        JsonNode before = catalogue();
        String done = """
                {"feedback": [{"card": "%s", "outcome": "accepted", "done": true,
                               "outcomeTimestamp": "2026-11-30T09:00:00Z"}]}""".formatted(step);
        // The app sends it twice (a retry): both items are kept, the card counts once.
        assertThat(app.post("/v1/assessments/" + id + "/feedback", done).status()).isEqualTo(201);
        assertThat(app.post("/v1/assessments/" + id + "/feedback", done).status()).isEqualTo(201);
        assertThat(rows(id)).isEqualTo(2);
        JsonNode twice = catalogue();
        assertThat(count(twice, step, "accepted")).isEqualTo(count(before, step, "accepted") + 1);
        assertThat(count(twice, step, "done")).isEqualTo(count(before, step, "done") + 1);
        assertThat(ruleCount(twice, rule, "accepted")).isEqualTo(ruleCount(before, rule, "accepted") + 1);
        assertThat(app.get("/v1/subjects/feedback-5/progress").json().path("series").get(0).path("focusDone")
                .asInt()).isEqualTo(1);
        // Then the person changes their mind: the card counts as overridden, not as both.
        assertThat(app.post("/v1/assessments/" + id + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "overridden", "overrideReason": {"reason": "not_now"},
                               "outcomeTimestamp": "2026-11-30T10:00:00Z"}]}""".formatted(step)).status())
                .isEqualTo(201);
        JsonNode changed = catalogue();
        assertThat(count(changed, step, "accepted")).isEqualTo(count(before, step, "accepted"));
        assertThat(count(changed, step, "overridden")).isEqualTo(count(before, step, "overridden") + 1);
        assertThat(count(changed, step, "done")).isEqualTo(count(before, step, "done"));
        assertThat(app.get("/v1/subjects/feedback-5/progress").json().path("series").get(0).path("focusDone")
                .asInt()).isZero();

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("""
                {"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-11-30T09:00:00Z"},
                {"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-11-30T09:00:00Z"}"""
                .formatted(step, step), "feedback[1].card");
        refused.put("""
                {"card": "%s", "outcome": "overridden", "overrideReason": {"reason": "a\\u0000b"},
                 "outcomeTimestamp": "2026-11-30T09:00:00Z"}""".formatted(step), "feedback[0].overrideReason.reason");
        refused.put("""
                {"card": "%s", "outcome": "overridden", "overrideReason": {"reason": "r", "userComment": "\\u0007"},
                 "outcomeTimestamp": "2026-11-30T09:00:00Z"}""".formatted(step),
                "feedback[0].overrideReason.userComment");
        refused.put("""
                {"card": "%s", "outcome": "accepted", "outcomeTimestamp": "+999999999-12-31T23:59:59Z"}"""
                .formatted(step), "feedback[0].outcomeTimestamp");
        refused.put("""
                {"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2999-01-01T00:00:00Z"}"""
                .formatted(step), "feedback[0].outcomeTimestamp");
        refused.put("""
                {"card": "%s", "outcome": "overridden", "done": true, "outcomeTimestamp": "2026-11-30T09:00:00Z"}"""
                .formatted(step), "feedback[0].done");
        refused.forEach((items, field) -> {
            Http.Response response = app.post("/v1/assessments/" + id + "/feedback", "{\"feedback\": [" + items + "]}");
            assertThat(response.status()).as(items).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(items).isEqualTo(field);
        });
        assertThat(rows(id)).isEqualTo(3);
        // An offset is a time like any other, stored in UTC.
        Http.Response offset = app.post("/v1/assessments/" + id + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-11-30T10:30:00+01:00"}]}
                """.formatted(step));
        assertThat(offset.status()).isEqualTo(201);
        assertThat(offset.json().path("feedback").get(3).path("outcomeTimestamp").asText())
                .isEqualTo("2026-11-30T09:30:00Z");
    }

    @Test
    void anotherAppSeesNoneOfIt() throws SQLException {
        JsonNode plan = assess("feedback-3");
        String id = plan.path("id").asText();
        String step = plan.path("focus").get(0).path("id").asText();
        String item = """
                {"feedback": [{"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-11-30T09:00:00Z"}]}
                """.formatted(step);
        assertThat(app.post("/v1/assessments/" + id + "/feedback", item).status()).isEqualTo(201);
        Http.Response read = otherApp.get("/v1/assessments/" + id + "/feedback");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body()).doesNotContain(step);
        assertThat(otherApp.post("/v1/assessments/" + id + "/feedback", item).status()).isEqualTo(404);
        assertThat(rows(id)).isEqualTo(1);
        // Erasing the one assessment erases its feedback with it.
        assertThat(app.delete("/v1/assessments/" + id).status()).isEqualTo(204);
        assertThat(rows(id)).isZero();
    }

    @Test
    void feedbackOnAPrivateRulesCardIsCountedNowhere() {
        Http.Response created = app.post("/v1/assessments", CHECK_UP.formatted("feedback-4")
                .replace("\"safety_control\": \"no\"", "\"safety_control\": \"yes\""));
        JsonNode plan = created.json();
        assertThat(plan.path("path").path("id").asText()).isEqualTo("safety");
        String card = plan.path("focus").get(0).path("id").asText();
        Http.Response stored = app.post("/v1/assessments/" + plan.path("id").asText() + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "accepted", "done": true,
                               "outcomeTimestamp": "2026-11-30T09:00:00Z"}]}""".formatted(card));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        JsonNode catalogue = catalogue();
        assertThat(catalogue.path("cards").has(card)).as(card).isFalse();
        for (JsonNode rule : catalogue.path("rules")) {
            if (rule.path("file").asText().equals("rules/safety.drl")) {
                assertThat(rule.has("feedback")).as(rule.path("id").asText()).isFalse();
            }
        }
    }

    private static String progressBody(int yes, int minutes, String details) {
        StringBuilder answers = new StringBuilder();
        List<String> questions = List.of("sa_hide_feelings", "sa_affection_rare", "sa_silence_uneasy", "sa_unseen",
                "sa_logistics_only");
        for (int i = 0; i < questions.size(); i++) {
            answers.append('"').append(questions.get(i)).append("\": \"").append(i < yes ? "yes" : "no").append("\", ");
        }
        return "{\"answers\": {" + answers + "\"talk_minutes_per_day\": " + minutes + ", \"sign_daily_details\": \""
                + details + "\", \"st_recent_crisis\": \"yes\", \"st_considering_ending\": \"seriously\", "
                + "\"safety_afraid\": \"no\", "
                + "\"safety_hurt\": \"no\", \"safety_control\": \"no\", \"safety_forced\": \"no\", "
                + "\"partner_willingness\": \"willing\"}, \"subject\": \"progress-1\"}";
    }

    @Test
    void progressIsTheSeriesOfASubjectsAssessmentsWithWhatChangedSinceLastTime() {
        for (String body : List.of(progressBody(5, 10, "often"), progressBody(3, 25, "sometimes"),
                progressBody(1, 40, "rarely"))) {
            Http.Response created = app.post("/v1/assessments", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        Http.Response response = app.get("/v1/subjects/progress-1/progress");
        assertThat(response.status()).isEqualTo(200);
        JsonNode progress = response.json();
        JsonNode series = progress.path("series");
        assertThat(series).hasSize(3);
        List<Integer> yes = new java.util.ArrayList<>();
        List<Integer> minutes = new java.util.ArrayList<>();
        series.forEach(point -> {
            yes.add(point.path("selfAssessmentYes").asInt());
            minutes.add(point.path("talkMinutes").asInt());
            assertThat(point.path("path").asText()).isNotBlank();
        });
        assertThat(yes).containsExactly(5, 3, 1);
        assertThat(minutes).containsExactly(10, 25, 40);
        assertThat(series.get(2).path("warningSigns").path("sign_daily_details").asText()).isEqualTo("rarely");
        // A private answer (seriously considering ending it) is in no point.
        assertThat(response.body()).doesNotContain("st_considering_ending").doesNotContain("seriously");

        // A focus step marked done on the latest assessment shows in the series and in the changes.
        String latest = series.get(2).path("assessment").asText();
        String step = app.get("/v1/assessments/" + latest).json().path("focus").get(0).path("id").asText();
        assertThat(app.post("/v1/assessments/" + latest + "/feedback", """
                {"feedback": [{"card": "%s", "outcome": "accepted", "done": true,
                               "outcomeTimestamp": "2026-11-30T09:00:00Z"}]}""".formatted(step)).status())
                .isEqualTo(201);
        JsonNode again = app.get("/v1/subjects/progress-1/progress").json();
        assertThat(again.path("series").get(2).path("focusDone").asInt()).isEqualTo(1);
        Map<String, String> changed = new java.util.HashMap<>();
        again.path("changes").forEach(c -> changed.put(c.path("measure").asText(),
                c.path("from").asText() + "->" + c.path("to").asText()));
        assertThat(changed).containsEntry("talkMinutes", "25->40").containsEntry("selfAssessmentYes", "3->1")
                .containsEntry("warningSigns.sign_daily_details", "sometimes->rarely")
                .containsEntry("focusDone", "0->1");

        assertThat(otherApp.get("/v1/subjects/progress-1/progress").status()).isEqualTo(404);
        app.delete("/v1/subjects/progress-1");
        assertThat(app.get("/v1/subjects/progress-1/progress").status()).isEqualTo(404);
    }
    @Test
    void progressChartsTheSignsTheSelfAssessmentAsksAndNoPathAPrivateAnswerChose() {
        String screenNo = "\"safety_afraid\": \"no\", \"safety_hurt\": \"no\", \"safety_control\": \"no\", "
                + "\"safety_forced\": \"no\"";
        String signs = "\"sa_affection_rare\": \"yes\", \"sa_logistics_only\": \"no\", \"sa_hide_feelings\": \"yes\", "
                + "\"sa_unseen\": \"yes\", \"sa_silence_uneasy\": \"yes\", \"sign_solo_plans\": \"often\", "
                + "\"partner_willingness\": \"willing\", \"talk_minutes_per_day\": %d";
        List<String> bodies = List.of(
                "{\"answers\": {" + screenNo + ", " + signs.formatted(10) + "}, \"subject\": \"progress-2\"}",
                // weeks later: the screen is positive
                "{\"answers\": {" + screenNo.replace("\"safety_control\": \"no\"", "\"safety_control\": \"yes\"")
                        + ", " + signs.formatted(15) + "}, \"subject\": \"progress-2\"}",
                // then: decided to leave (asked because there is no future planned together)
                "{\"answers\": {" + screenNo + ", " + signs.formatted(20) + ", \"sa_no_future_plans\": \"yes\", "
                        + "\"st_considering_ending\": \"decided\"}, \"subject\": \"progress-2\"}",
                "{\"answers\": {" + screenNo + ", " + signs.formatted(30) + "}, \"subject\": \"progress-2\"}");
        List<String> paths = new java.util.ArrayList<>();
        for (String body : bodies) {
            Http.Response created = app.post("/v1/assessments", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            paths.add(created.json().path("path").path("id").asText());
        }
        assertThat(paths).containsExactly("reconnect", "safety", "leaving", "reconnect");
        Http.Response response = app.get("/v1/subjects/progress-2/progress");
        JsonNode series = response.json().path("series");
        assertThat(series).hasSize(4);
        // The five signs the self-assessment stands for are charted with the others, a yes at the level the
        // section counts it as (often), a no as never.
        assertThat(series.get(0).path("warningSigns").path("sa_affection_rare").asText()).isEqualTo("often");
        assertThat(series.get(0).path("warningSigns").path("sa_logistics_only").asText()).isEqualTo("never");
        assertThat(series.get(0).path("warningSigns").path("sign_solo_plans").asText()).isEqualTo("often");
        assertThat(series.get(0).path("warningSigns").has("sa_hide_feelings")).isFalse();
        // The paths a private answer chose are in no point and no change: a chart may be seen by others.
        assertThat(series.get(0).path("path").asText()).isEqualTo("reconnect");
        assertThat(series.get(1).has("path")).isFalse();
        assertThat(series.get(2).has("path")).isFalse();
        assertThat(series.get(3).path("path").asText()).isEqualTo("reconnect");
        assertThat(series.get(3).path("talkMinutes").asInt()).isEqualTo(30);
        assertThat(response.body()).doesNotContain("safety").doesNotContain("leaving").doesNotContain("decided");
        app.delete("/v1/subjects/progress-2");
    }

    private static String talkBody(int minutes, String subject) {
        return """
                {"answers": {"talk_minutes_per_day": %d, "sa_hide_feelings": "yes", "sa_unseen": "no",
                             "sign_solo_plans": "always", "safety_afraid": "no", "safety_hurt": "no",
                             "safety_control": "no", "safety_forced": "no", "partner_willingness": "willing"},
                 "subject": "%s"}""".formatted(minutes, subject);
    }

    /** The card {@code id} of a plan (its focus or a section) or of a replay (its cards), or null. */
    private static JsonNode cardOf(JsonNode plan, String id) {
        List<JsonNode> cards = new java.util.ArrayList<>();
        plan.path("cards").forEach(cards::add);
        plan.path("focus").forEach(cards::add);
        plan.path("sections").forEach(section -> section.path("cards").forEach(cards::add));
        for (JsonNode card : cards) {
            if (card.path("id").asText().equals(id)) {
                return card;
            }
        }
        return null;
    }

    @Test
    void aSecondAssessmentComparesWithTheFirstAndItsReplayReadsTheSamePrevious() {
        Http auditor = new Http(server.port()).as("auditor-token");
        Http.Response first = app.post("/v1/assessments?view=full", talkBody(10, "talk-1"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(cardOf(first.json(), "progress_talk_more")).as("a first assessment has nothing to compare")
                .isNull();
        Http.Response second = app.post("/v1/assessments?view=full", talkBody(25, "talk-1"));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode card = cardOf(second.json(), "progress_talk_more");
        assertThat(card).as(second.body()).isNotNull();
        JsonNode because = card.path("because").get(0);
        assertThat(because.path("ruleId").asText()).isEqualTo("progress.talk_more");
        assertThat(because.path("reason").asText())
                .isEqualTo("Meaningful talk went from 10 to 25 minutes a day since your last check-in.");
        String firstId = first.json().path("id").asText();
        String secondId = second.json().path("id").asText();

        // The decision keeps what the rules read of the previous assessment, and no more of it.
        JsonNode explanation = auditor.get("/v1/assessments/" + secondId + "/explanation").json();
        assertThat(explanation.path("previous").path("id").asText()).isEqualTo(firstId);
        JsonNode kept = explanation.path("previous").path("answers");
        assertThat(kept.path("talk_minutes_per_day").asInt()).isEqualTo(10);
        List<String> keys = new java.util.ArrayList<>();
        kept.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).allMatch(k -> k.equals("talk_minutes_per_day") || k.startsWith("sa_"));

        // Erasing the first assessment leaves the second reproducible: it is replayed with what it read.
        assertThat(app.delete("/v1/assessments/" + firstId).status()).isEqualTo(204);
        Http.Response replay = auditor.get("/v1/assessments/" + secondId + "/replay");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().path("reproduced").asBoolean()).as(replay.body()).isTrue();
        assertThat(cardOf(replay.json(), "progress_talk_more")).isNotNull();
        JsonNode why = auditor.get("/v1/assessments/" + secondId + "/why-not/progress_talk_more").json();
        assertThat(why.path("verdict").asText()).isEqualTo("SHOWN");
        assertThat(why.path("rules").get(0).path("held").asBoolean()).isTrue();

        // Another app's assessment of a subject with the same pseudonym is not this subject's history.
        Http.Response other = otherApp.post("/v1/assessments?view=full", talkBody(40, "talk-1"));
        assertThat(other.status()).isEqualTo(201);
        assertThat(cardOf(other.json(), "progress_talk_more")).isNull();
        app.delete("/v1/subjects/talk-1");
        otherApp.delete("/v1/subjects/talk-1");
    }
}
