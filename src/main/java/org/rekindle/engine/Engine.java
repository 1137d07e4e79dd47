package org.rekindle.engine;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.content.GuidanceItem;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.Couple;
import org.rekindle.model.Show;
import org.rekindle.ruleset.Ruleset;

/**
 * Evaluates one person's answers against a ruleset. Each call opens a fresh session with its own
 * recorder, so concurrent calls share nothing but the immutable ruleset (and its {@link RulesetIndex},
 * built once); the ruleset is passed per call, so a request that started on one ruleset finishes on it
 * even if another goes live meanwhile.
 */
public final class Engine {

    /** How many couple-level cards the shared view puts in its focus. */
    public static final int COUPLE_FOCUS = 3;

    private Engine() {
    }

    /**
     * The couple-level decision for both partners' answers (private answers already left out of
     * {@code couple}). Only {@code Couple} is inserted, so only rules that read it (and rules building on
     * their findings) can fire; the cards are those they show, in the content's order.
     *
     * @throws EvaluationLimitExceeded when the rules fire more often, or run longer, than the limits allow
     */
    public static CoupleDecision evaluateCouple(Ruleset ruleset, Couple couple, EvaluationLimits limits) {
        RulesetIndex index = RulesetIndex.of(ruleset);
        FiringRecorder recorder = new FiringRecorder(ruleset, index, couple.sideBySide(),
                System.nanoTime() + limits.time().toNanos());
        KieSession session = ruleset.kieBase().newKieSession();
        int fired;
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(couple);
            fired = session.fireAllRules(limits.firings() + 1);
        } finally {
            session.dispose();
        }
        if (recorder.overBudget() || fired > limits.firings()) {
            throw recorder.exceeded(recorder.overBudget() ? EvaluationLimitExceeded.Limit.TIME
                    : EvaluationLimitExceeded.Limit.FIRINGS, "the couple's evaluation went past its limits");
        }
        List<Firing> trace = List.copyOf(recorder.firings());
        Map<String, List<Because>> shown = new LinkedHashMap<>();
        List<Object> facts = recorder.facts();
        for (int i = 0; i < facts.size(); i++) {
            int seq = recorder.producerAt(i);
            if (facts.get(i) instanceof Show show && seq > 0) {
                Firing f = trace.get(seq - 1);
                shown.computeIfAbsent(show.getCard(), k -> new ArrayList<>()).add(new Because(seq, f.rule(),
                        f.ruleId(), f.file(), f.line(), f.answers(), f.reason()));
            }
        }
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
        List<String> focus = cards.stream().limit(COUPLE_FOCUS).map(Card::id).toList();
        return new CoupleDecision(ruleset.version(), List.copyOf(cards), focus, trace);
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
        RulesetIndex index = RulesetIndex.of(ruleset);
        FiringRecorder recorder = new FiringRecorder(ruleset, index, answers,
                System.nanoTime() + limits.time().toNanos());
        KieSession session = ruleset.kieBase().newKieSession();
        int fired;
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(answers);
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
        return PlanAssembler.assemble(ruleset, answers, recorder, locale);
    }
}
