package org.rekindle.live;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.audit.ShadowDiff;
import org.rekindle.audit.ShadowStore;
import org.rekindle.content.Questionnaire;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.engine.Firing;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.model.Plan;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/**
 * Evaluates live requests with the candidate in shadow (the ruleset {@link LiveRuleset#stage staged}) as
 * well, and stores how its plan would differ from the plan sent, so that a coach sees a candidate's impact
 * on real traffic before promoting it.
 *
 * <p>The budget: the request thread only offers its decision to a bounded queue ({@link #QUEUE} entries,
 * never blocking; a few microseconds) after the decision is stored; one background thread evaluates and
 * writes the diffs in batches. When the queue is full the comparison is dropped and counted, never waited
 * for: under pressure the shadow sees fewer decisions, the responses are not slowed.
 *
 * <p>What is stored: ids only (paths, focus, cards), one row per compared decision, erased with it. A
 * decision in which an answer to a private question (the safety screen) decided any firing, under either
 * version, is not compared at all and leaves no trace here, not even a count: the diff of a safety-path
 * decision could tell a coach that someone screened positive. (A screen left unanswered decides nothing
 * by an answer, so those decisions are compared.) Safety changes are checked by the scenario cases that
 * gate every version instead.
 */
public final class Shadow implements AutoCloseable {

    /** How many decisions may wait to be compared; more are dropped. */
    public static final int QUEUE = 256;
    /** How many diffs are written in one transaction at most. */
    static final int BATCH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Shadow.class);

    /** Counts since start, for the fleet view: compared (and stored), dropped under pressure, failed. */
    public record Stats(long compared, long dropped, long failed) {
    }

    /** A decision sent, waiting to be compared with the candidate's. */
    private record Sent(String decisionId, Ruleset ruleset, Decision decision, Map<String, Object> answers,
            String locale) {
    }

    private final LiveRuleset rulesets;
    private final ShadowStore store;
    private final EvaluationLimits limits;
    private final Clock clock;
    private final BlockingQueue<Sent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;
    private boolean failing;

    public Shadow(LiveRuleset rulesets, ShadowStore store, EvaluationLimits limits, Clock clock) {
        this.rulesets = rulesets;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.worker = new Thread(this::run, "rekindle-shadow");
        worker.setDaemon(true);
        worker.setPriority(Thread.MIN_PRIORITY);
        worker.start();
    }

    /**
     * Offers a decision that was stored and sent for comparison with the candidate in shadow, if there is
     * one. Never blocks and never throws: must be cheap on the request thread.
     *
     * @param answers the answers as posted (the candidate reads them with its own questionnaire)
     */
    public void offer(String decisionId, Ruleset ruleset, Decision decision, Map<String, Object> answers,
            String locale) {
        Ruleset candidate = rulesets.staged().orElse(null);
        if (candidate == null || closed || candidate.version().equals(ruleset.version())) {
            return;
        }
        if (!queue.offer(new Sent(decisionId, ruleset, decision, answers, locale))) {
            dropped.incrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(compared.get(), dropped.get(), failed.get());
    }

    private void run() {
        List<Sent> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                Sent first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                List<ShadowDiff> diffs = new ArrayList<>(batch.size());
                for (Sent sent : batch) {
                    ShadowDiff diff = compare(sent);
                    if (diff != null) {
                        diffs.add(diff);
                    }
                }
                store.record(diffs);
                compared.addAndGet(diffs.size());
                if (failing) {
                    LOG.info("shadow diffs are stored again");
                    failing = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                if (!failing) { // once per outage
                    LOG.warn("could not store shadow diffs: {}; they are dropped until the database takes them "
                            + "again (responses are not affected)", e.getMessage());
                    failing = true;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * What the candidate's rules may read of the previous assessment the live decision was made with: the
     * same stored values, narrowed to the questions the candidate reads (one it reads that the live rules
     * did not is unanswered here, as in an impact preview); null when there was none.
     */
    private static Previous previous(Previous live, Ruleset candidate) {
        if (live == null) {
            return null;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        live.answers().questions().forEach(q -> stored.put(q, live.answers().value(q)));
        return Engine.previous(candidate, live.id(), stored);
    }

    /** The diff for one decision, or null when it is not compared (no candidate, private, unreadable). */
    private ShadowDiff compare(Sent sent) {
        Ruleset candidate = rulesets.staged().orElse(null);
        if (candidate == null || candidate.version().equals(sent.ruleset().version())) {
            return null; // the shadow ended, or was promoted, meanwhile
        }
        if (decidedByPrivateAnswer(sent.decision(), sent.ruleset().content().questionnaire())) {
            return null;
        }
        Decision shadowed;
        try {
            Answers answers = candidate.content().questionnaire().readPosted(sent.answers());
            shadowed = Engine.evaluate(candidate, answers, previous(sent.decision().previous(), candidate),
                    sent.locale(), limits);
        } catch (RuntimeException e) {
            // The candidate's questionnaire refuses these answers, or it crossed a limit: not comparable.
            failed.incrementAndGet();
            return null;
        }
        if (decidedByPrivateAnswer(shadowed, candidate.content().questionnaire())) {
            return null;
        }
        Plan before = sent.decision().plan();
        Plan after = shadowed.plan();
        List<String> sentCards = before.cards().stream().map(Card::id).toList();
        List<String> shadowCards = after.cards().stream().map(Card::id).toList();
        Set<String> sentSet = Set.copyOf(sentCards);
        Set<String> shadowSet = Set.copyOf(shadowCards);
        return new ShadowDiff(sent.decisionId(), candidate.version(), sent.ruleset().version(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), pathOf(before), pathOf(after),
                !Objects.equals(before.focus(), after.focus()),
                shadowCards.stream().filter(id -> !sentSet.contains(id)).distinct().toList(),
                sentCards.stream().filter(id -> !shadowSet.contains(id)).distinct().toList());
    }

    private static String pathOf(Plan plan) {
        return plan.path() == null ? null : plan.path().id();
    }

    private static boolean decidedByPrivateAnswer(Decision decision, Questionnaire questionnaire) {
        for (Firing firing : decision.trace()) {
            for (MatchedAnswer answer : firing.answers()) {
                if (questionnaire.isPrivate(answer.question())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Stops comparing; what waits in the queue is dropped. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
