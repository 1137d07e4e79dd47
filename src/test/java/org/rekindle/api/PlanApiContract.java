package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.PlanBook;
import org.rekindle.content.PlanPath;
import org.rekindle.json.Json;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.BenchAnswers;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * The plan over real HTTP, with the realistic full questionnaires of {@code bench/answers/}: one per
 * path. Each gets its path, a short focus of cards to act on in the article's order, no card twice,
 * nothing its path holds back anywhere in any view, and a plan view small enough for a phone. Run once
 * per database (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlanApiContract {

    /** Each path's realistic questionnaire; {@code empty} (nothing answered) for the fallback. */
    static final Map<String, String> QUESTIONNAIRES = new LinkedHashMap<>();

    static {
        QUESTIONNAIRES.put("safety", "full_safety_positive");
        QUESTIONNAIRES.put("leaving", "full_withdrawer_leaving");
        QUESTIONNAIRES.put("supported", "full_in_therapy");
        QUESTIONNAIRES.put("solo", "full_borderline");
        QUESTIONNAIRES.put("reconnect", "full_many_problems");
        QUESTIONNAIRES.put("check_up", "full_happy_couple");
        QUESTIONNAIRES.put("first_steps", "empty");
    }

    /** The bound for the default view of the heaviest full questionnaire. */
    static final int MAX_PLAN_BYTES = 24 * 1024;

    private Rekindle server;
    private Http http;
    private Ruleset ruleset;

    abstract String db();

    @BeforeAll
    void startServer() {
        server = Rekindle.start(Configs.onFreePort().withDb(db()));
        http = new Http(server.port());
        ruleset = server.rulesets().current().orElseThrow().ruleset();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyPathOfThePlanFileHasARealisticQuestionnaireHere() {
        assertThat(QUESTIONNAIRES.keySet()).containsExactlyInAnyOrderElementsOf(
                ruleset.content().plan().paths().stream().map(PlanPath::id).toList());
    }

    @Test
    void eachPathsQuestionnaireGetsThePathAFocusToActOnAndNothingThePathHoldsBack() {
        PlanBook book = ruleset.content().plan();
        QUESTIONNAIRES.forEach((pathId, file) -> {
            Http.Response created = http.post("/v1/assessments", body(file));
            assertThat(created.status()).as(file + ": " + created.body()).isEqualTo(201);
            JsonNode plan = created.json();
            PlanPath path = book.path(pathId);

            assertThat(plan.path("path").path("id").asText()).as(file).isEqualTo(pathId);
            assertThat(plan.path("path").path("title").asText()).as(file).isEqualTo(path.title());
            JsonNode because = plan.path("path").path("because");
            if (path.finding() == null) {
                assertThat(because).as(file + ": the fallback is chosen by no firing").isEmpty();
            } else {
                assertThat(because).as(file).hasSize(1);
                assertThat(because.get(0).path("reason").asText()).as(file).isNotBlank();
            }

            List<String> focus = AssessmentApiContract.ids(plan.path("focus"));
            assertThat(focus).as(file).isNotEmpty().hasSizeLessThanOrEqualTo(book.focusSize()).doesNotHaveDuplicates();
            plan.path("focus").forEach(card -> {
                assertThat(book.focusKinds()).as(file + " " + card.path("id")).contains(card.path("kind").asText());
                assertThat(card.path("detail").asText()).as(file).isNotBlank();
                assertThat(card.path("because")).as(file + ": each focus card keeps its reasons").isNotEmpty();
            });
            assertThat(inArticleOrder(focus, book)).as(file + ": the focus reads in the article's order").isTrue();
            Set<String> themes = new HashSet<>();
            for (JsonNode card : AssessmentApiContract.allCards(plan)) {
                String theme = item(card.path("id").asText()).theme();
                assertThat(theme == null || themes.add(theme)).as(file + ": one card per theme, " + theme).isTrue();
            }

            String id = plan.path("id").asText();
            for (String view : List.of("", "?view=full", "?view=compact")) {
                JsonNode read = http.get("/v1/assessments/" + id + view).json();
                List<String> all = AssessmentApiContract.ids(AssessmentApiContract.allCards(read));
                assertThat(all).as(file + view).startsWith(focus.toArray(String[]::new)).doesNotHaveDuplicates();
                assertThat(all).as(file + view + ": nothing the path holds back")
                        .noneMatch(card -> path.holdsBack(item(card)));
            }

            JsonNode explanation = http.get("/v1/assessments/" + id + "/explanation").json();
            assertThat(explanation.path("path").path("path").asText()).as(file).isEqualTo(pathId);
            assertThat(explanation.path("sent").path("matches").asBoolean()).as(file).isTrue();
            for (JsonNode withheld : explanation.path("withheld")) {
                if (withheld.hasNonNull("path")) {
                    assertThat(withheld.path("path").asText()).as(file).isEqualTo(pathId);
                    assertThat(withheld.path("reason").asText()).as(file).isEqualTo(path.reason());
                    assertThat(path.holdsBack(item(withheld.path("card").asText()))).as(file).isTrue();
                }
            }
        });
    }

    @Test
    void theDefaultPlanOfTheHeaviestFullQuestionnaireStaysWithin24KilobytesAndTheFullViewKeepsEveryCard() {
        int heaviest = 0;
        String heaviestFile = null;
        for (String file : QUESTIONNAIRES.values()) {
            int bytes = http.post("/v1/assessments", body(file)).body().getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).as(file).isLessThanOrEqualTo(MAX_PLAN_BYTES);
            if (bytes > heaviest) {
                heaviest = bytes;
                heaviestFile = file;
            }
        }
        Http.Response full = http.post("/v1/assessments?view=full", body(heaviestFile));
        assertThat(full.body().getBytes(StandardCharsets.UTF_8).length).as("the full view is the bounded one's superset")
                .isGreaterThan(2 * heaviest);
        JsonNode plan = http.get("/v1/assessments/" + full.json().path("id").asText()).json();
        int listed = AssessmentApiContract.allCards(plan).size();
        int more = 0;
        for (JsonNode section : plan.path("sections")) {
            assertThat(section.path("title").asText()).isNotBlank();
            more += section.path("more").asInt();
        }
        assertThat(listed + more).as("every card of the full view is listed or counted in the plan view")
                .isEqualTo(AssessmentApiContract.allCards(full.json()).size());
    }

    @Test
    void aPositiveScreenShowsTheHelpLinesOfTheRegionAndNothingPartnerFacingInAnyView() {
        ObjectNode request = (ObjectNode) Json.MAPPER.valueToTree(json("full_safety_positive"));
        request.put("locale", "en-GB");
        Http.Response created = http.post("/v1/assessments", request.toString());
        assertThat(created.status()).isEqualTo(201);
        JsonNode first = created.json().path("focus").get(0);
        assertThat(first.path("id").asText()).isEqualTo("safety_help");
        assertThat(first.path("indicator").asText()).isEqualTo("critical");
        assertThat(first.path("helpLines").path("region").asText()).isEqualTo("uk");
        assertThat(first.path("helpLines").toString()).contains("0808 2000 247", "999");
        assertThat(created.json().path("summary").has("selfAssessment")).isFalse();
        String id = created.json().path("id").asText();
        for (String view : List.of("", "?view=full", "?view=compact")) {
            ObjectNode shown = (ObjectNode) http.get("/v1/assessments/" + id + view).json();
            // the id, version and time are random hex and digits: "911" can turn up in them by chance
            shown.remove(List.of("id", "rulesetVersion", "createdAt"));
            String text = shown.toString().toLowerCase(Locale.ROOT);
            assertThat(text).as(view).doesNotContain("distance", "shared pattern", "emotionally focused", "couples therapy",
                    "together", "disconnection_suspected", "pursuer_withdrawer", "911");
        }
        assertThat(http.get("/v1/assessments/" + id).body()).isEqualTo(created.body());
        JsonNode replay = http.get("/v1/assessments/" + id + "/replay").json();
        assertThat(replay.path("reproduced").asBoolean()).as("replayed with the same region").isTrue();

        JsonNode international = http.post("/v1/assessments", body("full_safety_positive")).json();
        assertThat(international.path("focus").get(0).path("helpLines").path("region").asText())
                .isEqualTo("international");
    }

    @Test
    void anUnansweredSafetyScreenLeadsTheFocusWithTheInvitationAndMarksTogetherExercises() {
        JsonNode plan = http.post("/v1/assessments?view=full", body("partial_first_sections")).json();
        assertThat(AssessmentApiContract.ids(plan.path("focus"))).startsWith("safety_screen_invite");
        List<String> marked = new ArrayList<>();
        for (JsonNode card : AssessmentApiContract.allCards(plan)) {
            boolean together = item(card.path("id").asText()).tagged("together");
            assertThat(card.hasNonNull("caveat")).as(card.path("id").asText()).isEqualTo(together);
            if (together) {
                marked.add(card.path("id").asText());
            }
        }
        assertThat(marked).isNotEmpty();
    }

    private GuidanceItem item(String id) {
        GuidanceItem item = ruleset.content().library().item(id);
        assertThat(item).as(id).isNotNull();
        return item;
    }

    /** The lead cards first, then the others by topic order and position: the article's order. */
    private boolean inArticleOrder(List<String> focus, PlanBook book) {
        List<String> rest = focus.stream().filter(id -> !book.lead().contains(id)).toList();
        List<String> lead = focus.subList(0, focus.size() - rest.size());
        if (!book.lead().containsAll(lead)) {
            return false;
        }
        for (int i = 1; i < rest.size(); i++) {
            GuidanceItem before = item(rest.get(i - 1));
            GuidanceItem after = item(rest.get(i));
            int order = before.order() != after.order() ? Integer.compare(before.order(), after.order())
                    : before.topic().equals(after.topic()) ? Integer.compare(before.position(), after.position())
                    : before.topic().compareTo(after.topic());
            if (order >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String body(String file) {
        return BenchAnswers.body(file);
    }

    private static JsonNode json(String file) {
        try {
            return Json.MAPPER.readTree(body(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
