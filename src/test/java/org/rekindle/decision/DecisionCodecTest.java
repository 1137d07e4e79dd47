package org.rekindle.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.json.Json;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.BenchAnswers;
import org.rekindle.testing.Checkout;

/** The one codec of the stored decision: what it writes reads back as the engine made it, in every form. */
class DecisionCodecTest {

    private static final Instant AT = Instant.parse("2026-11-30T09:30:00.123456Z");

    private static final List<String> BENCH_FILES = List.of("full_many_problems", "full_in_therapy",
            "full_borderline", "full_new_couple", "full_happy_couple", "full_withdrawer_leaving",
            "full_safety_positive");

    private final Ruleset ruleset = Checkout.ruleset();

    @Test
    void aWrittenDecisionReadsBackAsTheEngineMadeIt() throws Exception {
        for (boolean safety : new boolean[] {false, true}) {
            Answers answers = ruleset.content().questionnaire().read(Checkout.everythingWrong(safety));
            Decision decision = Engine.evaluate(ruleset, answers, "en-GB");
            DecisionRecord row = DecisionCodec.write("d-1", AT, decision, answers,
                    new DecisionCodec.Parties("subject-1", "couple-1", "a", "owner"),
                    StoredDecision.Sent.of("plan", "sent".getBytes(StandardCharsets.UTF_8)), ruleset.ruleBook());

            StoredDecision stored = DecisionCodec.read(row, version -> ruleset.ruleBook());

            assertThat(stored.expanded()).isFalse();
            assertThat(stored.record().subject()).isEqualTo("subject-1");
            assertThat(json(stored.trace())).isEqualTo(json(decision.trace()));
            assertThat(json(stored.withheld())).isEqualTo(json(decision.withheld()));
            assertThat(stored.pathChoice()).isEqualTo(decision.path());
            assertThat(stored.cardIds()).isEqualTo(decision.plan().cards().stream().map(Card::id).toList());
            assertThat(stored.pathId()).isEqualTo(decision.plan().path().id());
            assertThat(stored.sent().view()).isEqualTo("plan");
            assertThat(json(stored.rebuild(ruleset::content).plan())).isEqualTo(json(decision.plan()));
            assertThat(DecisionCodec.answers(row)).isEqualTo(stored.answers());
            assertThat(DecisionCodec.keys(row).cards()).containsExactlyElementsOf(stored.cardIds());
            assertThat(DecisionCodec.keys(row).path()).isEqualTo(stored.pathId());
            assertThat(DecisionCodec.keys(row).rules()).isNotEmpty();
            assertThat(DecisionCodec.keys(decision)).as("the keys of the decision and of its row")
                    .isEqualTo(DecisionCodec.keys(row));
        }
    }

    @Test
    void theKeysTakenFromADecisionAreThoseReadFromItsRow() throws Exception {
        for (String file : BENCH_FILES) {
            JsonNode body = Json.MAPPER.readTree(BenchAnswers.body(file));
            Answers answers = ruleset.content().questionnaire().read(
                    Json.MAPPER.convertValue(body.path("answers"), new TypeReference<Map<String, Object>>() { }));
            Decision decision = Engine.evaluate(ruleset, answers, "en");
            DecisionRecord row = DecisionCodec.write("d-" + file, AT, decision, answers,
                    new DecisionCodec.Parties(null, null, null, null),
                    StoredDecision.Sent.of("plan", "sent".getBytes(StandardCharsets.UTF_8)), ruleset.ruleBook());
            assertThat(DecisionCodec.keys(decision)).as(file).isEqualTo(DecisionCodec.keys(row));
        }
    }

    @Test
    void theFirstExpandedFormReadsWithoutTheContentOfItsVersion() throws Exception {
        Answers answers = ruleset.content().questionnaire().read(Checkout.everythingWrong(false));
        Decision decision = Engine.evaluate(ruleset, answers);
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.put("id", "first-form").put("rulesetVersion", ruleset.version()).put("createdAt", AT.toString());
        plan.set("summary", Json.MAPPER.valueToTree(decision.plan().summary()));
        plan.set("cards", Json.MAPPER.valueToTree(decision.plan().cards()));
        ObjectNode trace = Json.MAPPER.createObjectNode();
        trace.set("trace", Json.MAPPER.valueToTree(decision.trace()));
        trace.path("trace").forEach(firing -> ((ObjectNode) firing).remove("reads"));
        trace.set("withheld", Json.MAPPER.valueToTree(decision.withheld()));
        DecisionRecord row = new DecisionRecord("first-form", AT, ruleset.version(), null, null, null, null,
                Json.MAPPER.writeValueAsString(Map.of("sa_unseen", "yes")), Json.MAPPER.writeValueAsString(plan),
                Json.MAPPER.writeValueAsString(trace));

        StoredDecision stored = DecisionCodec.read(row, version -> ruleset.ruleBook());

        assertThat(stored.expanded()).isTrue();
        assertThat(stored.sent()).isNull();
        assertThat(stored.trace()).extracting(Firing::reads).containsOnlyNulls();
        assertThat(json(stored.rebuild(() -> {
            throw new AssertionError("the first form keeps its cards' texts");
        }).allCards())).isEqualTo(json(decision.plan().cards()));
    }

    @Test
    void aRowFromALaterVersionOrInconsistentIsRefusedNamingOnlyItsId() {
        String plan = "{\"id\":\"x\",\"rulesetVersion\":\"v\",\"createdAt\":\"2025-03-01T09:30:00Z\","
                + "\"summary\":{\"answered\":0},\"cards\":[]}";
        DecisionRecord future = new DecisionRecord("future", AT, "v", null, null, null, null, "{}", plan,
                "{\"format\":5,\"trace\":[]}");
        assertThatThrownBy(() -> DecisionCodec.read(future, version -> ruleset.ruleBook()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("future").hasMessageContaining("form 5");
        DecisionRecord torn = new DecisionRecord("torn", AT, "v", null, null, null, null,
                "{\"secret\":\"we never talk\"}", plan, "{\"format\":3,\"trace\":[{\"seq\":1,\"ruleId\":\"r\","
                        + "\"reads\":[\"sa_unseen\"],\"inserted\":[],\"dependsOn\":[]}],\"withheld\":[]}");
        assertThatThrownBy(() -> DecisionCodec.read(torn, version -> ruleset.ruleBook()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("torn").hasMessageNotContaining("sa_unseen").hasMessageNotContaining("never");
        DecisionRecord broken = new DecisionRecord("broken", AT, "v", null, null, null, null,
                "{\"secret\":\"we never talk\"", plan, "{}");
        assertThatThrownBy(() -> DecisionCodec.read(broken, version -> ruleset.ruleBook()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken").hasMessageNotContaining("never");
    }

    @Test
    void whatTheRulesReadOfThePreviousAssessmentIsKeptAndNothingMoreOfIt() throws Exception {
        Map<String, Object> before = Map.of("talk_minutes_per_day", 10, "sa_unseen", "yes",
                "partner_willingness", "willing", "safety_afraid", "no");
        Previous previous = Engine.previous(ruleset, "d-0", before);
        Answers answers = ruleset.content().questionnaire().read(Map.of("talk_minutes_per_day", 25));
        Decision decision = Engine.evaluate(ruleset, answers, previous, null);
        DecisionRecord row = DecisionCodec.write("d-1", AT, decision, answers,
                new DecisionCodec.Parties("subject-1", null, null, null),
                StoredDecision.Sent.of("plan", "sent".getBytes(StandardCharsets.UTF_8)), ruleset.ruleBook());

        StoredDecision.Previous stored = DecisionCodec.read(row, version -> ruleset.ruleBook()).previous();
        assertThat(stored.id()).isEqualTo("d-0");
        // Only the questions some Previous( ... ) condition reads: not the willingness, not the screen.
        assertThat(stored.answers()).containsEntry("talk_minutes_per_day", 10).containsEntry("sa_unseen", "yes")
                .doesNotContainKeys("partner_willingness", "safety_afraid");
        assertThat(DecisionCodec.previous(row)).isEqualTo(stored);
        // Fed again, it gives the same decision.
        Decision again = Engine.evaluate(ruleset, answers, Engine.previous(ruleset, stored.id(), stored.answers()),
                null);
        assertThat(json(again.plan())).isEqualTo(json(decision.plan()));
        assertThat(decision.plan().cards()).extracting(Card::id).contains("progress_talk_more");

        // A decision without a previous assessment, and every row stored before there was one, has none.
        DecisionRecord first = DecisionCodec.write("d-0", AT, Engine.evaluate(ruleset, answers, "en-GB"), answers,
                new DecisionCodec.Parties(null, null, null, null), null, ruleset.ruleBook());
        assertThat(first.traceJson()).doesNotContain("previous");
        assertThat(DecisionCodec.read(first, version -> ruleset.ruleBook()).previous()).isNull();
        assertThat(DecisionCodec.previous(first)).isNull();
    }

    @Test
    void theFourthFormReadsBackAsTheThirdAndStoresWhatARuleSaysOnlyWhereAFiringDiffers() throws Exception {
        for (String file : BENCH_FILES) {
            JsonNode body = Json.MAPPER.readTree(BenchAnswers.body(file));
            Answers answers = ruleset.content().questionnaire().read(
                    Json.MAPPER.convertValue(body.path("answers"), new TypeReference<Map<String, Object>>() { }));
            Decision decision = Engine.evaluate(ruleset, answers, "en");
            DecisionCodec.Parties parties = new DecisionCodec.Parties(null, null, null, null);
            StoredDecision.Sent sent = StoredDecision.Sent.of("plan", "sent".getBytes(StandardCharsets.UTF_8));
            DecisionRecord fourth = DecisionCodec.write("d", AT, decision, answers, parties, sent, ruleset.ruleBook());
            DecisionRecord third = DecisionCodec.writeThirdForm("d", AT, decision, answers, parties, sent);

            JsonNode stored = Json.MAPPER.readTree(fourth.traceJson());
            assertThat(stored.path("format").asInt()).isEqualTo(4);
            stored.path("trace").forEach(firing -> assertThat(firing.has("rule") || firing.has("file")
                    || firing.has("line") || firing.has("reads") || firing.has("inserted"))
                    .as(file + ": what the rule says is looked up").isFalse());
            assertThat(fourth.traceJson().length() * 2).as(file).isLessThan(third.traceJson().length());
            StoredDecision asFourth = DecisionCodec.read(fourth, version -> ruleset.ruleBook());
            StoredDecision asThird = DecisionCodec.read(third, version -> {
                throw new AssertionError("the third form keeps every firing in full");
            });
            assertThat(json(asFourth.trace())).as(file).isEqualTo(json(asThird.trace()))
                    .isEqualTo(json(decision.trace()));
            assertThat(json(asFourth.withheld())).as(file).isEqualTo(json(asThird.withheld()))
                    .isEqualTo(json(decision.withheld()));
            assertThat(json(asFourth.cards())).as(file).isEqualTo(json(asThird.cards()));
            assertThat(json(asFourth.rebuild(ruleset::content))).isEqualTo(json(asThird.rebuild(ruleset::content)));
            assertThat(DecisionCodec.exportedTrace(fourth, version -> ruleset.ruleBook())).as(file)
                    .isEqualTo(Json.MAPPER.readTree(third.traceJson()));
        }

        // A firing that differs from its rule's entry (here, made by hand) keeps what differs, and reads back.
        Answers answers = ruleset.content().questionnaire().read(Checkout.everythingWrong(false));
        Decision made = Engine.evaluate(ruleset, answers, "en");
        List<Firing> trace = new java.util.ArrayList<>(made.trace());
        Firing first = trace.get(0);
        trace.set(0, new Firing(first.seq(), first.ruleId(), "Renamed", "rules/moved.drl", first.line() + 1,
                List.of(), List.of(), first.reason(), List.of("Finding(other)"), List.of()));
        Decision altered = new Decision(made.rulesetVersion(), made.plan(), trace, made.withheld(), made.path(),
                made.locale());
        DecisionRecord row = DecisionCodec.write("d", AT, altered, answers, new DecisionCodec.Parties(null, null,
                null, null), null, ruleset.ruleBook());
        JsonNode kept = Json.MAPPER.readTree(row.traceJson()).path("trace");
        assertThat(kept.get(0).path("rule").asText()).isEqualTo("Renamed");
        assertThat(kept.get(0).path("reads").toString()).isEqualTo("[]");
        assertThat(kept.get(1).has("rule")).isFalse();
        assertThat(json(DecisionCodec.read(row, version -> ruleset.ruleBook()).trace().get(0))).isEqualTo(json(trace.get(0)));
    }

    @Test
    void aFiringOfARuleItsVersionDoesNotHaveIsRefusedNamingOnlyIds() throws Exception {
        Answers answers = ruleset.content().questionnaire().read(Checkout.everythingWrong(false));
        DecisionRecord row = DecisionCodec.write("d-x", AT, Engine.evaluate(ruleset, answers, "en"), answers,
                new DecisionCodec.Parties(null, null, null, null), null, ruleset.ruleBook());
        String ruleId = Json.MAPPER.readTree(row.traceJson()).path("trace").get(0).path("ruleId").asText();
        DecisionRecord renamed = new DecisionRecord(row.id(), row.createdAt(), row.rulesetVersion(), null, null, null,
                null, row.answersJson(), row.planJson(), row.traceJson().replace("\"" + ruleId + "\"",
                        "\"no.such_rule\""));
        assertThatThrownBy(() -> DecisionCodec.read(renamed, version -> ruleset.ruleBook()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("d-x")
                .hasMessageContaining("no.such_rule");
    }

    private static String json(Object value) throws Exception {
        return Json.MAPPER.writeValueAsString(value);
    }
}
