package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * A coach's edits to the short form and to the questions a section reuses, over real HTTP on a copy of
 * the checkout: a form that leaves out a safety question, names a question the questionnaire does not
 * have, asks more than twenty questions or a question it can never ask is refused by the reload with
 * the form file's line, and the short form that was live stays live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestionnaireFormReloadTest {

    @TempDir
    static Path dir;

    /** The refused reloads are logged as warnings. */
    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    private static final String FORM = "content/questionnaire/forms/short.yaml";

    private Rekindle server;
    private Http http;
    private final List<Path> edited = new ArrayList<>();

    @BeforeAll
    void startServer() {
        Checkout.copyTo(dir);
        server = Rekindle.start(Configs.onFreePort().withFolders(dir.resolve("rules"), dir.resolve("content"))
                .withDb(dir.resolve("decisions.db").toString()));
        http = new Http(server.port());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Puts each edited file back as the checkout has it, and reloads. */
    @AfterEach
    void restore() throws IOException {
        for (Path file : edited) {
            Files.copy(dir.relativize(file), file, StandardCopyOption.REPLACE_EXISTING);
        }
        edited.clear();
        assertThat(http.post("/v1/admin/reload", "{}").status()).isEqualTo(200);
    }

    @Test
    void aFormWithoutTheWholeSafetyScreenIsRefusedAndTheLiveFormStays() {
        edit(FORM, "  - safety_hurt\n", "");
        JsonNode problem = refused(FORM);
        assertThat(problem.path("problem").asText()).contains("leaves out the safety question safety_hurt")
                .contains("add it");
        assertThat(ids(http.get("/v1/questionnaire?form=short").json().path("questions"))).contains("safety_hurt");
    }

    @Test
    void aFormNamingAnUnknownQuestionIsRefused() {
        edit(FORM, "  - sa_unseen\n", "  - sa_unheard\n");
        assertThat(refused(FORM).path("problem").asText())
                .contains("names question 'sa_unheard', which is not in content/questionnaire/");
    }

    @Test
    void aFormOfMoreThanTwentyQuestionsIsRefused() {
        edit(FORM, "  - st_recent_crisis\n", "  - st_recent_crisis\n  - relationship_months\n");
        assertThat(refused(FORM).path("problem").asText()).contains("has 21 questions; a form asks at most 20");
    }

    @Test
    void aFormThatCouldNeverAskOneOfItsQuestionsIsRefused() {
        // st_considering_ending is asked only after one of four answers: the form must ask one of them.
        for (String question : List.of("sa_fantasize_alone", "sa_no_future_plans", "sa_safer_with_others",
                "st_recent_crisis")) {
            edit(FORM, "  - " + question + "\n", "");
        }
        assertThat(refused(FORM).path("problem").asText()).contains("names 'st_considering_ending', which is "
                + "asked only after [sa_fantasize_alone, sa_no_future_plans, sa_safer_with_others, st_recent_crisis]");
    }

    @Test
    void aSectionMayReuseOnlyAYesNoAnswerOfAnotherSection() throws IOException {
        String signs = "content/questionnaire/signs.yaml";
        edit(signs, "{question: sa_logistics_only, yesCountsAs: often}", "{question: fade_numb, yesCountsAs: often}");
        assertThat(refused(signs).path("problem").asText())
                .contains("reuses 'fade_numb', a frequency question; only a yes/no answer can be reused");
        restore();
        edit(signs, "{question: sa_logistics_only, yesCountsAs: often}", "{question: sa_logistics_only, yesCountsAs: daily}");
        assertThat(refused(signs).path("problem").asText()).contains("yesCountsAs: 'daily'");
    }

    @Test
    void aQuestionAskedBecauseOfAPrivateAnswerIsNeverListed() {
        // Made private for this test: whether st_considering_ending is asked then tells that answer, so a
        // plan never lists it, even marked as sharpening, nor counts it in a section to sharpen.
        String stories = "content/questionnaire/stories.yaml";
        edit(stories, "  - id: st_recent_crisis\n    type: yes_no\n",
                "  - id: st_recent_crisis\n    type: yes_no\n    private: true\n");
        edit(stories, "    private: true\n    text: Are you seriously", "    private: true\n    sharpens: true\n"
                + "    text: Are you seriously");
        assertThat(http.post("/v1/admin/reload", "{}").status()).isEqualTo(200);
        Http.Response created = http.post("/v1/assessments", "{\"answers\": {\"safety_afraid\": \"no\", "
                + "\"safety_hurt\": \"no\", \"safety_control\": \"no\", \"safety_forced\": \"no\", "
                + "\"st_recent_crisis\": \"yes\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode unanswered = created.json().path("summary").path("unanswered");
        assertThat(ids(unanswered.path("sharpening"))).contains("relationship_months")
                .doesNotContain("st_considering_ending");
        assertThat(unanswered.toString()).doesNotContain("st_considering_ending");
    }

    @Test
    void aDecisionAnsweredBeforeTheMergeStillReadsExplainsAndReplaysWithTheRulesetOfItsDay() throws IOException {
        // The day before: the warning signs still asked sign_transactional_talk themselves.
        edit("content/questionnaire/signs.yaml", "  - id: sign_eye_contact\n", "  - id: sign_transactional_talk\n"
                + "    type: frequency\n    text: How often are your conversations only about logistics?\n"
                + "  - id: sign_eye_contact\n");
        edit("rules/signs.drl", "Answers( yes(\"sa_logistics_only\") )", "Answers( atLeast(\"sign_transactional_talk\", \"often\") )");
        edit("rules/signs.drl", "You answered {sa_logistics_only} when asked whether your daily conversations are "
                + "mostly about logistics and chores.", "You said your conversations are only about logistics "
                + "{sign_transactional_talk}.");
        edit("rules/signs.cases.yaml", "      sa_logistics_only: \"yes\"\n", "      sign_transactional_talk: often\n");
        Http.Response reload = http.post("/v1/admin/reload", "{}");
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        String old = "{\"answers\": {\"safety_afraid\": \"no\", \"safety_hurt\": \"no\", \"safety_control\": \"no\", "
                + "\"safety_forced\": \"no\", \"sign_transactional_talk\": \"always\", \"partner_willingness\": \"willing\"}, "
                + "\"couple\": \"before-merge\", \"partner\": \"%s\"}";
        Http.Response created = http.post("/v1/assessments", old.formatted("a"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(http.post("/v1/assessments", old.formatted("b")).status()).isEqualTo(201);
        assertThat(created.body()).contains("sign_transactional_talk");
        String id = created.json().path("id").asText();
        String then = created.json().path("rulesetVersion").asText();

        restore();
        String today = http.get("/v1/ruleset").json().path("version").asText();
        assertThat(today).isNotEqualTo(then);
        // Today's questionnaire refuses the old question, as it should for a new answer...
        assertThat(http.post("/v1/assessments", old.formatted("a")).status()).isEqualTo(400);
        // ...while the stored decision reads back as it was sent, and explains and replays with its own ruleset.
        assertThat(http.get("/v1/assessments/" + id).body()).isEqualTo(created.body());
        JsonNode explanation = http.get("/v1/assessments/" + id + "/explanation").json();
        assertThat(explanation.path("rulesetVersion").asText()).isEqualTo(then);
        assertThat(explanation.path("sent").path("matches").asBoolean()).isTrue();
        assertThat(explanation.path("trace").toString()).contains("sign_transactional_talk");
        JsonNode replay = http.get("/v1/assessments/" + id + "/replay").json();
        assertThat(replay.path("reproduced").asBoolean()).as(replay.toString()).isTrue();
        // Against today it cannot be compared: the answers name a question that is no longer asked.
        assertThat(replay.path("today").path("problem").asText()).contains("answers.sign_transactional_talk");
        // The couple's shared view reads both partners' answers with today's questionnaire, leaving the
        // merged question out rather than treating the partners as not having answered.
        assertThat(http.get("/v1/couples/before-merge").json().path("available").asBoolean()).isTrue();
    }

    private void edit(String relative, String from, String to) {
        Path file = dir.resolve(relative);
        if (!edited.contains(file)) {
            edited.add(file);
        }
        Checkout.edit(file, from, to);
    }

    /** Reloads, expects a 422, and returns the one problem it names in {@code file}. */
    private JsonNode refused(String file) {
        Http.Response reload = http.post("/v1/admin/reload", "{}");
        assertThat(reload.status()).as(reload.body()).isEqualTo(422);
        List<JsonNode> inFile = new ArrayList<>();
        reload.json().path("errors").forEach(error -> {
            if (error.path("field").asText().startsWith(file + ":")) {
                inFile.add(error);
            }
        });
        assertThat(inFile).as(reload.body()).hasSize(1);
        assertThat(inFile.get(0).path("field").asText()).as("a line in the file").doesNotEndWith(":0:0");
        return inFile.get(0);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
