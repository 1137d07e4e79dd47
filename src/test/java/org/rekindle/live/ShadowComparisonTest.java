package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.audit.ShadowDiff;
import org.rekindle.audit.ShadowStore;
import org.rekindle.audit.ShadowSummary;
import org.rekindle.bundle.Bundle;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Eventually;

/**
 * What {@link Shadow} compares and what it stores, without HTTP: the checkout's real ruleset live, a real
 * candidate compiled and accepted beside it, real evaluations. The candidate puts people who talk exactly
 * seventeen minutes a day (which no scenario case answers) on the leaving path, so for a couple on the reconnect path its plan changes path,
 * drops the reconnection steps and adds support for the one leaving. The store is the one thing stood in
 * for: it keeps the diffs in memory, and can hold the shadow's thread to fill its queue.
 */
class ShadowComparisonTest {

    /** A rule that draws the leaving path's finding at exactly seventeen minutes of talk a day. */
    private static final String LEAVING_AT_SEVENTEEN = """

            rule "Probe: put the plan on the leaving path at seventeen minutes of talk a day"
                @id("plan.probe_leaving_at_seventeen")
                @source("Rekindle tests")
                @reason("You talk {talk_minutes_per_day} minutes a day.")
            when
                Answers( number("talk_minutes_per_day") == 17 )
            then
                insert(new Finding("decided_to_leave"));
            end
            """;
    private static final String LEAVING_AT_SEVENTEEN_CASE = """

              - name: Probe, the leaving path at seventeen minutes of talk a day
                answers: {talk_minutes_per_day: 17}
                expect:
                  fired: [plan.probe_leaving_at_seventeen]
            """;

    private static Ruleset live;
    private static Bundle candidate;
    /** Holds the candidate staged; the shadow only reads it, so the tests share it (one compile). */
    private static LiveRuleset rulesets;

    @BeforeAll
    static void compileTheCandidate(@TempDir Path dir) throws Exception {
        live = Checkout.ruleset();
        Checkout.copyTo(dir);
        Files.writeString(dir.resolve("rules/plan.drl"), LEAVING_AT_SEVENTEEN, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("rules/plan.cases.yaml"), LEAVING_AT_SEVENTEEN_CASE, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        candidate = Bundle.read(dir.resolve("rules"), dir.resolve("content"));
        rulesets = new LiveRuleset(ruleset -> { }, Clock.systemUTC());
        LiveRuleset.Attempt attempt = rulesets.stage(candidate);
        assertThat(attempt.accepted()).as("the candidate: %s", attempt.problems()).isTrue();
    }

    @Test
    void aChangedPathADroppedCardAndAnAddedCardAreRecorded() throws Exception {
        Memory store = new Memory(null);
        try (Shadow shadow = new Shadow(rulesets, store, EvaluationLimits.DEFAULT, Clock.systemUTC())) {
            Decision sent = offer(shadow, "reconnecting", reconnecting(17));
            assertThat(sent.plan().path().id()).as("the premise: the live plan").isEqualTo("reconnect");
            assertThat(Checkout.cardIds(sent)).contains("steps_acknowledge").doesNotContain(
                    "leaving_support_for_yourself");

            ShadowDiff diff = store.await("reconnecting");
            assertThat(diff.candidate()).isEqualTo(candidate.version());
            assertThat(diff.liveVersion()).isEqualTo(live.version());
            assertThat(diff.pathFrom()).isEqualTo("reconnect");
            assertThat(diff.pathTo()).isEqualTo("leaving");
            assertThat(diff.focusChanged()).isTrue();
            assertThat(diff.dropped()).contains("steps_acknowledge").doesNotContain("leaving_support_for_yourself");
            assertThat(diff.added()).contains("leaving_support_for_yourself").doesNotContain("steps_acknowledge");
            assertThat(shadow.stats()).isEqualTo(new Shadow.Stats(1, 0, 0));
        }
    }

    @Test
    void aDecisionWhosePlanAPrivateAnswerDecidedIsNeitherComparedNorCounted() throws Exception {
        Memory store = new Memory(null);
        try (Shadow shadow = new Shadow(rulesets, store, EvaluationLimits.DEFAULT, Clock.systemUTC())) {
            Map<String, Object> screenedPositive = reconnecting(17);
            screenedPositive.put("safety_afraid", "yes");
            Decision safety = offer(shadow, "screened-positive", screenedPositive);
            assertThat(safety.plan().path().id()).as("the premise: the safety path").isEqualTo("safety");
            // Compared in order: once the decision offered after it is stored, the private one was passed over.
            offer(shadow, "after-it", reconnecting(17));
            store.await("after-it");
            assertThat(store.decisions()).containsExactly("after-it");
            assertThat(shadow.stats()).as("not even counted").isEqualTo(new Shadow.Stats(1, 0, 0));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safeguard: an offer that waited for room would hang here
    void aFullQueueDropsWorkAndCountsItInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Memory store = new Memory(release);
        try (Shadow shadow = new Shadow(rulesets, store, EvaluationLimits.DEFAULT, Clock.systemUTC())) {
            Map<String, Object> answers = reconnecting(17);
            Decision decision = Engine.evaluate(live, live.content().questionnaire().readPosted(answers), null,
                    "en", EvaluationLimits.DEFAULT);
            shadow.offer("held", live, decision, answers, "en");
            assertThat(store.entered.await(2, TimeUnit.MINUTES)).as("the shadow's thread in the store").isTrue();
            // The thread is held with one decision taken: the queue has room for QUEUE more, and no more.
            int extra = 7;
            for (int i = 0; i < Shadow.QUEUE + extra; i++) {
                shadow.offer("queued-" + i, live, decision, answers, "en");
            }
            assertThat(shadow.stats().dropped()).isEqualTo(extra);
            release.countDown();
            Eventually.await(Duration.ofMinutes(2), "the queue compared", () ->
                    shadow.stats().compared() == 1 + Shadow.QUEUE ? true : null);
            assertThat(shadow.stats()).isEqualTo(new Shadow.Stats(1 + Shadow.QUEUE, extra, 0));
            assertThat(store.decisions()).hasSize(1 + Shadow.QUEUE).doesNotContain(
                    "queued-" + Shadow.QUEUE, "queued-" + (Shadow.QUEUE + extra - 1));
        }
    }

    /** Evaluates {@code answers} with the live ruleset, as a request would, and offers the decision. */
    private static Decision offer(Shadow shadow, String id, Map<String, Object> answers) {
        Decision decision = Engine.evaluate(live, live.content().questionnaire().readPosted(answers), null, "en",
                EvaluationLimits.DEFAULT);
        shadow.offer(id, live, decision, answers, "en");
        return decision;
    }

    /** Someone who sees distance, whose partner is willing, safe, talking {@code minutes} a day. */
    private static Map<String, Object> reconnecting(int minutes) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (String question : List.of("safety_afraid", "safety_hurt", "safety_control", "safety_forced")) {
            answers.put(question, "no");
        }
        for (String question : List.of("sa_hide_feelings", "sa_affection_rare", "sa_silence_uneasy", "sa_unseen",
                "sa_fantasize_alone")) {
            answers.put(question, "yes");
        }
        answers.put("therapy_status", "never");
        answers.put("partner_willingness", "willing");
        answers.put("talk_minutes_per_day", minutes);
        return answers;
    }

    /** Diffs kept in memory; with a gate, the first batch waits in {@link #record} until it opens. */
    private static final class Memory implements ShadowStore {

        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch gate;
        private final List<ShadowDiff> diffs = new ArrayList<>();

        Memory(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void record(List<ShadowDiff> batch) {
            entered.countDown();
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            synchronized (this) {
                diffs.addAll(batch);
            }
        }

        @Override
        public ShadowSummary summary(String candidate, int top) {
            throw new UnsupportedOperationException("not read here");
        }

        synchronized List<String> decisions() {
            return diffs.stream().map(ShadowDiff::decisionId).toList();
        }

        ShadowDiff await(String decision) {
            return Eventually.await(Duration.ofMinutes(2), "the diff of " + decision, () -> {
                synchronized (this) {
                    return diffs.stream().filter(d -> d.decisionId().equals(decision)).findFirst().orElse(null);
                }
            });
        }
    }
}
