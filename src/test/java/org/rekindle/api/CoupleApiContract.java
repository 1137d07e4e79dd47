package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * The couple's shared view over real HTTP, against the checkout's rules and content, once per
 * database (see the subclasses): each couple-level card with reasons citing both partners, no private
 * answer and no sign of a positive screen in any body, erasure, and one app never seeing another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoupleApiContract {

    /** Partner a: above the self-assessment threshold, pushes, noticed first; private answers too. */
    static final String A = """
            "sa_hide_feelings": "yes", "sa_affection_rare": "yes", "sa_silence_uneasy": "yes", "sa_unseen": "yes",
            "months_since_noticed": 8, "who_noticed_first": "me", "att_my_reaction": "push",
            "att_partner_reaction": "pull",
            "currency_my_language": "quality_time", "currency_partner_language": "gifts",
            "labour_hard_talks": "me", "labour_milestones": "partner", "myth_time_heals": "agree",
            "st_considering_ending": "decided", "st_recent_crisis": "yes",
            "micro_received": ["stonewalling", "eye_rolling"], "th_mental_health": "yes",
            "partner_willingness": "willing\"""";

    /** Partner b: below the threshold, pulls away, agrees a noticed first. */
    static final String B = """
            "sa_hide_feelings": "yes", "sa_affection_rare": "no", "sa_silence_uneasy": "no", "sa_unseen": "no",
            "months_since_noticed": 8, "who_noticed_first": "partner", "att_my_reaction": "pull",
            "att_partner_reaction": "push",
            "currency_my_language": "physical_touch", "currency_partner_language": "quality_time",
            "labour_hard_talks": "me", "labour_milestones": "partner", "myth_time_heals": "agree",
            "partner_willingness": "willing\"""";

    static final String SCREEN_NO = """
            "safety_afraid": "no", "safety_hurt": "no", "safety_control": "no", "safety_forced": "no\"""";
    static final String SCREEN_POSITIVE = """
            "safety_afraid": "no", "safety_hurt": "no", "safety_control": "yes", "safety_forced": "no\"""";

    static final List<String> COUPLE_CARDS = List.of("couple_perception_gap", "couple_noticed_first",
            "couple_pursuer_withdrawer", "couple_currency_mismatch", "couple_labour_both_claim",
            "couple_labour_nobody", "couple_shared_myth");

    private Rekindle server;
    private Http app;
    private Http otherApp;

    /** The decision log setting for this database. */
    abstract String db();

    @BeforeAll
    void startServer() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token", "other-app-token"),
                Role.AUDITOR, List.of("auditor-token"), Role.COACH, List.of("coach-token")));
        server = Rekindle.start(Configs.onFreePort().withDb(db()).withAccess(access).withMaxBodyBytes(16 * 1024));
        Http anonymous = new Http(server.port());
        app = anonymous.as("app-token");
        otherApp = anonymous.as("other-app-token");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String body(String answers, String screen, String subject, String couple, String partner) {
        return "{\"answers\": {" + answers + ", " + screen + "}, \"subject\": \"" + subject + "\", \"couple\": \""
                + couple + "\", \"partner\": \"" + partner + "\"}";
    }

    private void post(Http as, String answers, String screen, String subject, String couple, String partner) {
        Http.Response created = as.post("/v1/assessments", body(answers, screen, subject, couple, partner));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void bothPartnersGetEveryCoupleCardWithReasonsCitingBoth() {
        post(app, A, SCREEN_NO, "cards-a", "cards", "a");
        post(app, B, SCREEN_NO, "cards-b", "cards", "b");
        Http.Response shared = app.get("/v1/couples/cards");
        assertThat(shared.status()).isEqualTo(200);
        JsonNode body = shared.json();
        assertThat(body.path("available").asBoolean()).isTrue();
        List<String> cards = new ArrayList<>();
        body.path("cards").forEach(card -> cards.add(card.path("id").asText()));
        assertThat(cards).containsExactlyInAnyOrderElementsOf(COUPLE_CARDS);
        assertThat(body.path("focus")).hasSize(3);
        for (JsonNode card : body.path("cards")) {
            JsonNode because = card.path("because").get(0);
            assertThat(because.path("file").asText()).isEqualTo("rules/couple.drl");
            // Every answer cited is both partners' answer to the same question, side by side.
            assertThat(because.path("answers")).isNotEmpty();
            boolean both = false;
            for (JsonNode answer : because.path("answers")) {
                both |= answer.path("value").has("a") && answer.path("value").has("b");
            }
            assertThat(both).as(card.path("id").asText()).isTrue();
        }
        JsonNode pursuer = card(body, "couple_pursuer_withdrawer");
        assertThat(pursuer.path("because").get(0).path("reason").asText())
                .contains("a: I push to talk it through, b: I pull away or go quiet");
        assertThat(card(body, "couple_perception_gap").path("because").get(0).path("reason").asText())
                .contains("to 4 of the self-assessment questions, the other to 1");
        // The couple's path, chosen from the plan file's couple: block, with the firing that chose it.
        JsonNode path = body.path("path");
        assertThat(path.path("id").asText()).isEqualTo("couple_one_feels_it");
        assertThat(path.path("title").asText()).isNotBlank();
        assertThat(path.path("because").get(0).path("ruleId").asText()).isEqualTo("couple.perception_gap");
        assertThat(path.path("because").get(0).path("reason").asText())
                .contains("to 4 of the self-assessment questions, the other to 1");
        assertThat(body.path("focus").get(0).asText()).isEqualTo("couple_perception_gap");
        assertThat(body.path("focus").get(1).asText()).isEqualTo("couple_noticed_first");
        // The single-person plans are not touched by couple rules.
        Http.Response own = app.post("/v1/assessments?view=full", body(A, SCREEN_NO, "cards-a", "cards", "a"));
        assertThat(own.body()).doesNotContain("couple_").doesNotContain("couple.drl");
    }

    private static JsonNode card(JsonNode body, String id) {
        for (JsonNode card : body.path("cards")) {
            if (card.path("id").asText().equals(id)) {
                return card;
            }
        }
        throw new AssertionError("no card " + id);
    }

    @Test
    void theSharedViewNeverCarriesAPrivateAnswer() {
        post(app, A, SCREEN_NO, "private-a", "private", "a");
        post(app, B, SCREEN_NO, "private-b", "private", "b");
        String shared = app.get("/v1/couples/private").body();
        assertThat(shared).contains("\"available\":true");
        for (String secret : List.of("st_considering_ending", "decided",
                "micro_received", "stonewalling", "eye_rolling", "th_mental_health", "safety_", "leaving")) {
            assertThat(shared).as(secret).doesNotContain(secret);
        }
    }

    @Test
    void aPositiveScreenLooksExactlyLikeAPartnerWhoHasNotAnswered() {
        post(app, A, SCREEN_NO, "screen-a", "screen", "a");
        Http.Response waiting = app.get("/v1/couples/screen");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().path("available").asBoolean()).isFalse();

        post(app, B, SCREEN_POSITIVE, "screen-b", "screen", "b");
        Http.Response positiveB = app.get("/v1/couples/screen");
        assertThat(positiveB.status()).isEqualTo(waiting.status());
        assertThat(positiveB.body()).isEqualTo(waiting.body());
        assertThat(positiveB.raw().headers().firstValue("Content-Type"))
                .isEqualTo(waiting.raw().headers().firstValue("Content-Type"));

        // The same partner answering again with a negative screen: now there is a shared view...
        post(app, B, SCREEN_NO, "screen-b", "screen", "b");
        assertThat(app.get("/v1/couples/screen").json().path("available").asBoolean()).isTrue();
        // ...and partner a's screen turning positive takes it away, byte for byte as before.
        post(app, A, SCREEN_POSITIVE, "screen-a", "screen", "a");
        assertThat(app.get("/v1/couples/screen").body()).isEqualTo(waiting.body());
    }

    @Test
    void bothFeelingTheDistancePutsTheCoupleOnItsOwnPathWithThePatternFirst() {
        String bothAbove = """
                "sa_hide_feelings": "yes", "sa_affection_rare": "yes", "sa_silence_uneasy": "yes", "sa_unseen": "yes",
                "sa_logistics_only": "yes", "att_my_reaction": "%s", "myth_time_heals": "agree\"""";
        post(app, bothAbove.formatted("push"), SCREEN_NO, "both-a", "both", "a");
        post(app, bothAbove.formatted("pull"), SCREEN_NO, "both-b", "both", "b");
        JsonNode body = app.get("/v1/couples/both").json();
        JsonNode path = body.path("path");
        assertThat(path.path("id").asText()).isEqualTo("couple_both_feel_it");
        assertThat(path.path("because").get(0).path("ruleId").asText()).isEqualTo("couple.both_feel_it");
        assertThat(path.path("because").get(0).path("reason").asText()).contains("(5 and 5)");
        List<String> focus = new ArrayList<>();
        body.path("focus").forEach(id -> focus.add(id.asText()));
        assertThat(focus).containsExactly("couple_pursuer_withdrawer", "couple_shared_myth");
        // Partner b's screen turning positive: no path, no focus, nothing but the waiting answer.
        String waiting = """
                {"couple":"both","available":false,"message":"The shared view is ready once both partners have \
                answered; the other partner has not answered yet."}""";
        post(app, bothAbove.formatted("pull"), SCREEN_POSITIVE, "both-b", "both", "b");
        assertThat(app.get("/v1/couples/both").body()).isEqualTo(waiting);
        app.delete("/v1/subjects/both-b");
        assertThat(app.get("/v1/couples/both").body()).isEqualTo(waiting);
        app.delete("/v1/subjects/both-a");
    }

    @Test
    void erasingAPartnerTakesTheirSideOfTheCoupleAway() {
        post(app, A, SCREEN_NO, "erase-a", "erase", "a");
        String waiting = app.get("/v1/couples/erase").body();
        post(app, B, SCREEN_NO, "erase-b", "erase", "b");
        assertThat(app.get("/v1/couples/erase").json().path("available").asBoolean()).isTrue();

        Http.Response erased = app.delete("/v1/subjects/erase-b");
        assertThat(erased.json().path("erased").asInt()).isEqualTo(1);
        assertThat(app.get("/v1/couples/erase").body()).isEqualTo(waiting);

        app.delete("/v1/subjects/erase-a");
        assertThat(app.get("/v1/couples/erase").status()).isEqualTo(404);
    }

    @Test
    void anotherAppSeesNoneOfACouple() {
        post(app, A, SCREEN_NO, "apps-a", "apps", "a");
        post(app, B, SCREEN_NO, "apps-b", "apps", "b");
        Http.Response other = otherApp.get("/v1/couples/apps");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("couple_");
        // The other app's own partner under the same pseudonym is a couple of its own, still waiting.
        post(otherApp, B, SCREEN_NO, "apps-b", "apps", "b");
        assertThat(otherApp.get("/v1/couples/apps").json().path("available").asBoolean()).isFalse();
        assertThat(app.get("/v1/couples/apps").json().path("available").asBoolean()).isTrue();
    }

    @Test
    void aSubjectIsOnePartnerOfOneCoupleAndASideKeepsItsSubject() {
        post(app, A, SCREEN_NO, "slot-a", "slot", "a");
        Map<String, String> refused = Map.of(
                body(B, SCREEN_NO, "slot-a", "slot", "b"), "partner",       // the same person as the other side
                body(B, SCREEN_NO, "slot-a", "slot-elsewhere", "a"), "couple", // the same person in another couple
                body(B, SCREEN_NO, "slot-intruder", "slot", "a"), "subject", // another person on a's side
                "{\"answers\": {" + B + "}, \"couple\": \"slot\", \"partner\": \"a\"}", "subject");
        refused.forEach((request, field) -> {
            Http.Response response = app.post("/v1/assessments", request);
            assertThat(response.status()).as(request).isEqualTo(409);
            assertThat(response.json().path("code").asText()).isEqualTo("couple_mismatch");
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(request).isEqualTo(field);
        });
        // A couple without a side would be stored and never be part of the shared view.
        Http.Response sideless = app.post("/v1/assessments", "{\"answers\": {" + B + "}, \"subject\": \"slot-b\", "
                + "\"couple\": \"slot\"}");
        assertThat(sideless.status()).isEqualTo(400);
        assertThat(sideless.json().path("errors").get(0).path("field").asText()).isEqualTo("partner");
        // Nothing refused was stored: the couple still waits for partner b, who may answer as themselves.
        assertThat(app.get("/v1/couples/slot").json().path("available").asBoolean()).isFalse();
        assertThat(app.get("/v1/couples/slot-elsewhere").status()).isEqualTo(404);
        post(app, B, SCREEN_NO, "slot-b", "slot", "b");
        post(app, A, SCREEN_NO, "slot-a", "slot", "a");
        assertThat(app.get("/v1/couples/slot").json().path("available").asBoolean()).isTrue();
    }

    @Test
    void racingFirstPostsForOneSideLeaveItOneSubject() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (String couple : List.of("race-1", "race-2", "race-3")) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    String request = body(A, SCREEN_NO, couple + "-person-" + i, couple, "a");
                    statuses.add(pool.submit(() -> {
                        go.await();
                        return app.post("/v1/assessments", request).status();
                    }));
                }
                go.countDown();
                List<Integer> answered = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    answered.add(status.get(60, TimeUnit.SECONDS));
                }
                assertThat(answered).as(couple).containsOnly(201, 409).containsOnlyOnce(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPartnersLaterCheckInWithoutTheCoupleStillDecidesTheSharedView() {
        post(app, A, SCREEN_NO, "later-a", "later", "a");
        String waiting = app.get("/v1/couples/later").body();
        post(app, B, SCREEN_NO, "later-b", "later", "b");
        assertThat(app.get("/v1/couples/later").json().path("available").asBoolean()).isTrue();
        // Partner b checks in again without naming the couple, and this time the screen is positive.
        Http.Response checkIn = app.post("/v1/assessments", "{\"answers\": {" + B + ", " + SCREEN_POSITIVE
                + "}, \"subject\": \"later-b\"}");
        assertThat(checkIn.status()).isEqualTo(201);
        assertThat(app.get("/v1/couples/later").body()).isEqualTo(waiting);
        // A later negative screen, still without the couple, brings the shared view back from those answers.
        Http.Response again = app.post("/v1/assessments", "{\"answers\": {" + B + ", " + SCREEN_NO
                + "}, \"subject\": \"later-b\"}");
        assertThat(again.status()).isEqualTo(201);
        assertThat(app.get("/v1/couples/later").json().path("available").asBoolean()).isTrue();
    }
}
