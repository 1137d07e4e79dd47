package org.rekindle.engine;

import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.content.PlanBook;
import org.rekindle.content.Questionnaire;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.Couple;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/**
 * Evaluates one person's answers against a ruleset. Each call takes a session of its own (a fresh one,
 * or one a finished call handed back and Drools reset) with its own recorder, so concurrent calls share
 * nothing but the immutable ruleset (and its {@link RulesetIndex}, built once); the ruleset is passed
 * per call, so a request that started on one ruleset finishes on it even if another goes live meanwhile.
 */
public final class Engine {

    /** How many couple-level cards the shared view puts in its focus. */
    public static final int COUPLE_FOCUS = 3;

    private Engine() {
    }

    /**
     * The couple-level decision for both partners' answers (private answers already left out of
     * {@code couple}). Only {@code Couple} is inserted, so only rules that read it (and rules building on
     * their findings) can fire; the cards are those they show, in the content's order. The path and focus
     * are chosen as the plan file's {@code couple:} block says ({@link CouplePath}); without one there is
     * no path and the focus is the first {@link #COUPLE_FOCUS} cards.
     *
     * @throws EvaluationLimitExceeded when the rules fire more often, or run longer, than the limits allow
     */
    public static CoupleDecision evaluateCouple(Ruleset ruleset, Couple couple, EvaluationLimits limits) {
        KieSession session = RulesetIndex.of(ruleset).newSession();
        FiringRecorder recorder;
        int fired;
        try {
            recorder = FiringRecorder.on(session, ruleset, couple.sideBySide(),
                    System.nanoTime() + limits.time().toNanos());
            session.insert(couple);
            fired = session.fireAllRules(limits.firings() + 1);
        } finally {
            session.dispose();
        }
        if (recorder.overBudget() || fired > limits.firings()) {
            throw recorder.exceeded(recorder.overBudget() ? EvaluationLimitExceeded.Limit.TIME
                    : EvaluationLimitExceeded.Limit.FIRINGS, "the couple's evaluation went past its limits");
        }
        RuleOutcome outcome = recorder.outcome(fired);
        List<Firing> trace = outcome.trace();
        Map<String, List<Because>> shown = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> card : outcome.shownBy().entrySet()) {
            List<Because> because = new ArrayList<>(card.getValue().size());
            for (int seq : card.getValue()) {
                Firing f = trace.get(seq - 1);
                because.add(new Because(seq, f.rule(), f.ruleId(), f.file(), f.line(), f.answers(), f.reason()));
            }
            shown.put(card.getKey(), because);
        }
        Map<String, Integer> findings = outcome.findings();
        List<GuidanceItem> items = new ArrayList<>();
        for (String id : shown.keySet()) {
            GuidanceItem item = ruleset.content().library().item(id);
            if (item != null) {
                items.add(item);
            }
        }
        items.sort(Comparator.comparingInt(GuidanceItem::order).thenComparingInt(GuidanceItem::position));
        List<Card> cards = new ArrayList<>(items.size());
        for (GuidanceItem item : items) {
            cards.add(item.card(List.copyOf(shown.get(item.id()))));
        }
        PlanBook.CouplePlan plan = ruleset.content().plan().couple();
        if (plan.paths().isEmpty()) {
            List<String> focus = cards.stream().limit(COUPLE_FOCUS).map(Card::id).toList();
            return new CoupleDecision(ruleset.version(), null, List.copyOf(cards), focus, trace);
        }
        ChosenPath path = CouplePath.choose(plan, findings, trace);
        List<String> focus = CouplePath.focus(plan, plan.path(path.id()), items);
        return new CoupleDecision(ruleset.version(), path, List.copyOf(cards), focus, trace);
    }

    /** The decision for these answers, with the help lines of no particular region, within the default limits. */
    public static Decision evaluate(Ruleset ruleset, Answers answers) {
        return evaluate(ruleset, answers, null, EvaluationLimits.DEFAULT);
    }

    /**
     * The decision for these answers, within the {@link EvaluationLimits#DEFAULT default limits}.
     *
     * @param locale the request's locale ({@code es-MX}): its language picks the texts' translation, its region
     *               the help lines; null for none
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, String locale) {
        return evaluate(ruleset, answers, locale, EvaluationLimits.DEFAULT);
    }

    /**
     * The decision for these answers, within {@code limits}.
     *
     * @param locale the request's locale ({@code es-MX}): its language picks the texts' translation, its region
     *               the help lines; null for none
     * @throws EvaluationLimitExceeded when the rules fire more often, or run longer, than the limits allow
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, String locale, EvaluationLimits limits) {
        return evaluate(ruleset, answers, null, locale, limits);
    }

    /**
     * The decision for these answers and, when there is one, the previous assessment's, within the
     * {@link EvaluationLimits#DEFAULT default limits}.
     *
     * @param previous what the rules may read of the previous assessment ({@link #previous}), or null
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, Previous previous, String locale) {
        return evaluate(ruleset, answers, previous, locale, EvaluationLimits.DEFAULT);
    }

    /**
     * The questions some rule of {@code ruleset} reads of the previous assessment ({@code Previous( ... )}),
     * sections expanded; empty when no rule does, and then no previous assessment needs to be looked up.
     */
    public static Set<String> previousQuestions(Ruleset ruleset) {
        return RulesetIndex.of(ruleset).previousQuestions();
    }

    /**
     * The {@code Previous} fact for a previous assessment's stored answers: only those the rules of
     * {@code ruleset} can read of it ({@link #previousQuestions}), each read with the ruleset's
     * questionnaire; an answer it no longer accepts is left out, as unanswered. What it holds is what the
     * decision log keeps with the decision, so narrowing it again, with the same ruleset, gives it back.
     *
     * @return null when no rule reads {@code Previous}
     */
    public static Previous previous(Ruleset ruleset, String id, Map<String, ?> stored) {
        Set<String> reads = previousQuestions(ruleset);
        if (reads.isEmpty()) {
            return null;
        }
        Questionnaire questionnaire = ruleset.content().questionnaire();
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String question : reads) {
            Object value = stored.get(question);
            if (value == null || questionnaire.question(question) == null) {
                continue;
            }
            try {
                questionnaire.read(Map.of(question, value));
                kept.put(question, value);
            } catch (InvalidAnswers e) {
                // Answered under a questionnaire that has changed since: unanswered now.
            }
        }
        return new Previous(id, questionnaire.read(kept));
    }

    /**
     * The decision for these answers and the previous assessment's, within {@code limits}.
     *
     * @param previous what the rules may read of the previous assessment ({@link #previous}), or null for
     *                 none: then no {@code Previous} fact is in the session and no rule over it fires
     * @param locale   the request's locale ({@code en-GB}), which picks the help lines' region; null for none
     * @throws EvaluationLimitExceeded when the rules fire more often, or run longer, than the limits allow
     */
    public static Decision evaluate(Ruleset ruleset, Answers answers, Previous previous, String locale,
            EvaluationLimits limits) {
        KieSession session = RulesetIndex.of(ruleset).newSession();
        FiringRecorder recorder;
        int fired;
        try {
            recorder = FiringRecorder.on(session, ruleset, answers, System.nanoTime() + limits.time().toNanos());
            session.insert(answers);
            if (previous != null) {
                session.insert(previous);
            }
            // One firing more than allowed tells "stopped at the limit" from "finished exactly at it".
            fired = session.fireAllRules(limits.firings() + 1);
        } finally {
            session.dispose();
        }
        if (recorder.overBudget()) {
            throw recorder.exceeded(EvaluationLimitExceeded.Limit.TIME, "the evaluation ran longer than its "
                    + limits.time().toMillis() + " ms budget");
        }
        if (fired > limits.firings()) {
            throw recorder.exceeded(EvaluationLimitExceeded.Limit.FIRINGS, "the rules fired more than "
                    + limits.firings() + " times in one evaluation");
        }
        Decision decision = PlanLayer.decide(ruleset, answers, recorder.outcome(fired), locale);
        return previous == null ? decision : decision.with(previous);
    }
}
