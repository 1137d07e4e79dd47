package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * Locales over real HTTP, once per database (see the subclasses), with the checkout's content and its
 * Spanish translation of the safety section, the safety cards and the help lines: the request's
 * {@code locale} or else {@code Accept-Language} picks the texts, each text the translation does not give
 * is English, the response names the locale it used, the help lines follow the locale's region, and a
 * stored decision reads back, explains and replays in the locale it was given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocaleApiContract {

    private static final String SCREEN_POSITIVE = "{\"answers\": {\"safety_afraid\": \"yes\"}";

    private Rekindle server;
    private Http http;

    /** The decision log setting for this database. */
    abstract String db();

    @BeforeAll
    void startServer() {
        server = Rekindle.start(Configs.onFreePort().withDb(db()));
        http = new Http(server.port());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // --- GET /v1/questionnaire -----------------------------------------------------------------

    @Test
    void acceptLanguagePicksTheQuestionnairesLanguageByItsQValues() {
        Http.Response english = http.get("/v1/questionnaire");
        Http.Response spanish = http.withHeader("Accept-Language", "fr-CA, es;q=0.8, en;q=0.5")
                .get("/v1/questionnaire");
        assertThat(english.json().path("locale").asText()).isEqualTo("en");
        assertThat(english.raw().headers().firstValue("Content-Language")).hasValue("en");
        assertThat(spanish.json().path("locale").asText()).as("fr is not translated; es is next").isEqualTo("es");
        assertThat(spanish.raw().headers().firstValue("Content-Language")).hasValue("es");
        assertThat(spanish.raw().headers().firstValue("Vary")).hasValue("Accept-Language");

        JsonNode section = section(spanish.json(), "safety");
        assertThat(section.path("title").asText()).isEqualTo("Una consulta privada sobre tu seguridad");
        assertThat(section.path("description").asText()).startsWith("Cuatro preguntas privadas");
        JsonNode afraid = question(spanish.json(), "safety_afraid");
        assertThat(afraid.path("text").asText())
                .isEqualTo("¿Alguna vez sientes miedo de tu pareja, o miedo de lo que pueda hacer?");
        assertThat(afraid.path("help").asText()).contains("Tu pareja nunca verá esta respuesta");
        assertThat(afraid.path("options").findValuesAsText("label")).containsExactly("Sí", "No");
        assertThat(afraid.path("options").findValuesAsText("value")).as("values never change")
                .containsExactly("yes", "no");
        assertThat(question(english.json(), "safety_afraid").path("text").asText())
                .isEqualTo("Do you ever feel afraid of your partner, or afraid of what they might do?");
    }

    @Test
    void whatTheTranslationDoesNotGiveIsEnglish() {
        JsonNode english = http.get("/v1/questionnaire").json();
        JsonNode spanish = http.withHeader("Accept-Language", "es").get("/v1/questionnaire").json();
        assertThat(section(spanish, "self_assessment").path("title").asText())
                .isEqualTo(section(english, "self_assessment").path("title").asText());
        assertThat(question(spanish, "therapy_status")).isEqualTo(question(english, "therapy_status"));
        assertThat(question(spanish, "sa_unseen").path("options").findValuesAsText("label"))
                .as("the built-in yes/no labels are translated everywhere").containsExactly("Sí", "No");
        assertThat(spanish.path("questions").size()).isEqualTo(english.path("questions").size());
    }

    @Test
    void theShortFormIsTheSameFormInEveryLanguage() {
        JsonNode english = http.get("/v1/questionnaire?form=short").json();
        Http.Response spanish = http.withHeader("Accept-Language", "es").get("/v1/questionnaire?form=short");
        assertThat(spanish.status()).as(spanish.body()).isEqualTo(200);
        assertThat(spanish.json().path("questions").findValuesAsText("id"))
                .isEqualTo(english.path("questions").findValuesAsText("id"));
        assertThat(spanish.json().path("form")).isEqualTo(english.path("form"));
        assertThat(question(spanish.json(), "safety_afraid").path("text").asText()).startsWith("¿Alguna vez");
    }

    @Test
    void aLanguageWithoutATranslationOrRefusedWithQZeroGetsEnglish() {
        for (String header : List.of("de-DE, fr;q=0.5", "es;q=0, en;q=0.1", "*", "not a ;; header")) {
            Http.Response response = http.withHeader("Accept-Language", header).get("/v1/questionnaire");
            assertThat(response.status()).as(header).isEqualTo(200);
            assertThat(response.json().path("locale").asText()).as(header).isEqualTo("en");
        }
    }

    // --- POST /v1/assessments ------------------------------------------------------------------

    @Test
    void theBodysLocaleWinsOverAcceptLanguage() {
        JsonNode english = post(http.withHeader("Accept-Language", "es"), SCREEN_POSITIVE + ", \"locale\": \"en-GB\"}");
        assertThat(english.path("locale").asText()).isEqualTo("en");
        assertThat(helpCard(english).path("summary").asText()).isEqualTo("A note just for you");

        Http.Response spanish = http.withHeader("Accept-Language", "en-US").post("/v1/assessments",
                SCREEN_POSITIVE + ", \"locale\": \"es-US\"}");
        assertThat(spanish.status()).isEqualTo(201);
        assertThat(spanish.json().path("locale").asText()).isEqualTo("es");
        assertThat(spanish.raw().headers().firstValue("Content-Language")).hasValue("es");
        assertThat(spanish.json().path("path").path("title").asText()).isEqualTo("Solo para ti");
        JsonNode help = helpCard(spanish.json());
        assertThat(help.path("summary").asText()).isEqualTo("Una nota solo para ti");
        assertThat(help.path("detail").asText()).contains("Mereces un apoyo propio");
        assertThat(help.path("helpLines").path("region").asText()).isEqualTo("us");
        assertThat(help.path("helpLines").path("lines").toString()).contains("1-800-799-7233", "88788", "988", "911",
                "Llama");
    }

    @Test
    void acceptLanguagePicksThePlansLanguageAndItsFirstRegion() {
        JsonNode plan = post(http.withHeader("Accept-Language", "fr-CA, es;q=0.5"), SCREEN_POSITIVE + "}");
        assertThat(plan.path("locale").asText()).isEqualTo("es");
        assertThat(helpCard(plan).path("helpLines").path("region").asText())
                .as("the header's first region, in the language it could have").isEqualTo("canada");
        assertThat(helpCard(plan).path("helpLines").path("name").asText()).isEqualTo("Canadá");
    }

    @Test
    void aSpanishPlanOffTheSafetyPathIsEnglishWhereNothingIsTranslated() {
        String body = "{\"answers\": {\"safety_afraid\": \"no\", \"sa_unseen\": \"yes\"}, \"locale\": \"es\"}";
        JsonNode spanish = post(http, body);
        JsonNode english = post(http, body.replace("\"es\"", "\"en\""));
        assertThat(spanish.path("locale").asText()).isEqualTo("es");
        assertThat(spanish.path("path").path("id").asText()).isEqualTo(english.path("path").path("id").asText());
        assertThat(spanish.path("path").path("title").asText()).isEqualTo(english.path("path").path("title").asText());
        List<String> spanishFocus = spanish.path("focus").findValuesAsText("summary");
        List<String> englishFocus = english.path("focus").findValuesAsText("summary");
        assertThat(spanish.path("focus").get(0).path("id").asText()).isEqualTo("safety_screen_invite");
        assertThat(spanishFocus.get(0)).as("a safety card: translated")
                .isEqualTo("Quedan algunas preguntas privadas por responder");
        assertThat(spanishFocus.subList(1, spanishFocus.size())).as("the others are not translated: English")
                .isEqualTo(englishFocus.subList(1, englishFocus.size())).isNotEmpty();
        Map<String, String> unanswered = new HashMap<>();
        spanish.path("summary").path("unanswered").path("required")
                .forEach(q -> unanswered.put(q.path("id").asText(), q.path("text").asText()));
        assertThat(unanswered.get("safety_hurt")).as("translated")
                .startsWith("¿Tu pareja te ha empujado");
        assertThat(unanswered.get("therapy_status")).as("not translated: English")
                .startsWith("Have you looked for outside help");
    }

    @Test
    void theHelpLinesFollowTheLocalesRegion() {
        Map<String, String> regions = Map.of("en-GB", "uk", "en-US", "us", "en-IE", "ireland", "en-AU", "australia",
                "en-CA", "canada", "en-ZA", "international", "en", "international");
        regions.forEach((locale, region) -> {
            JsonNode lines = helpCard(post(http, SCREEN_POSITIVE + ", \"locale\": \"" + locale + "\"}"))
                    .path("helpLines");
            assertThat(lines.path("region").asText()).as(locale).isEqualTo(region);
        });
        String uk = helpCard(post(http, SCREEN_POSITIVE + ", \"locale\": \"en-GB\"}")).path("helpLines").toString();
        String us = helpCard(post(http, SCREEN_POSITIVE + ", \"locale\": \"en-US\"}")).path("helpLines").toString();
        String ie = helpCard(post(http, SCREEN_POSITIVE + ", \"locale\": \"en-IE\"}")).path("helpLines").toString();
        String elsewhere = helpCard(post(http, SCREEN_POSITIVE + ", \"locale\": \"en-ZA\"}")).path("helpLines")
                .toString();
        assertThat(uk).contains("0808 2000 247", "116 123", "999").doesNotContain("911", "799-7233");
        assertThat(us).contains("1-800-799-7233", "988", "911").doesNotContain("999", "0808");
        assertThat(ie).contains("1800 341 900", "116 123", "112").doesNotContain("911", "0808 2000 247");
        assertThat(elsewhere).contains("findahelpline.com").doesNotContain("911", "999", "0808");
    }

    @Test
    void aLanguageTagIsReadWhateverItsCaseAndWithItsExtensions() {
        // BCP 47 tags are case-insensitive: "EN-gb" is en-GB, and an extension or private use keeps the region.
        Map<String, String> regions = Map.of("EN-gb", "uk", "en-gb", "uk", "ES-us", "us",
                "de-DE-u-ca-gregory", "international", "en-IE-x-test", "ireland");
        regions.forEach((locale, region) -> {
            JsonNode plan = post(http, SCREEN_POSITIVE + ", \"locale\": \"" + locale + "\"}");
            assertThat(helpCard(plan).path("helpLines").path("region").asText()).as(locale).isEqualTo(region);
        });
        assertThat(post(http, SCREEN_POSITIVE + ", \"locale\": \"ES-us\"}").path("locale").asText()).isEqualTo("es");
        for (String bad : new String[] {"en_GB", "x", "", "i-klingon", "en--GB", "a".repeat(300), "en-GB-"}) {
            Http.Response refused = http.post("/v1/assessments", SCREEN_POSITIVE + ", \"locale\": \"" + bad + "\"}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asText()).as(bad).isEqualTo("locale");
        }
    }

    // --- stored decisions ------------------------------------------------------------------------

    @Test
    void aStoredDecisionReadsExplainsAndReplaysInTheLocaleItWasGiven() {
        Http.Response created = http.post("/v1/assessments", SCREEN_POSITIVE + ", \"locale\": \"es-GB\"}");
        String id = created.json().path("id").asText();

        Http.Response read = http.withHeader("Accept-Language", "en").get("/v1/assessments/" + id);
        assertThat(read.body()).as("byte for byte, whatever this request asks for").isEqualTo(created.body());
        assertThat(read.raw().headers().firstValue("Content-Language")).hasValue("es");
        assertThat(helpCard(read.json()).path("helpLines").path("name").asText()).isEqualTo("Reino Unido");

        JsonNode explanation = http.get("/v1/assessments/" + id + "/explanation").json();
        assertThat(explanation.path("sent").path("matches").asBoolean()).isTrue();
        JsonNode plain = http.get("/v1/assessments/" + id + "/explanation?format=plain").json();
        assertThat(plain.path("cards").findValuesAsText("title")).contains("Una nota solo para ti");

        JsonNode replay = http.get("/v1/assessments/" + id + "/replay").json();
        assertThat(replay.path("reproduced").asBoolean()).as(replay.toString()).isTrue();
        assertThat(replay.path("differences")).isEmpty();
        assertThat(replay.path("cards").findValuesAsText("summary")).contains("Una nota solo para ti");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static JsonNode post(Http client, String body) {
        Http.Response response = client.post("/v1/assessments", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode helpCard(JsonNode plan) {
        for (JsonNode card : plan.path("focus")) {
            if (card.path("id").asText().equals("safety_help")) {
                return card;
            }
        }
        throw new AssertionError("no safety_help card in the focus of " + plan);
    }

    private static JsonNode section(JsonNode questionnaire, String id) {
        for (JsonNode section : questionnaire.path("sections")) {
            if (section.path("id").asText().equals(id)) {
                return section;
            }
        }
        throw new AssertionError("no section " + id);
    }

    private static JsonNode question(JsonNode questionnaire, String id) {
        for (JsonNode question : questionnaire.path("questions")) {
            if (question.path("id").asText().equals(id)) {
                return question;
            }
        }
        throw new AssertionError("no question " + id);
    }
}
