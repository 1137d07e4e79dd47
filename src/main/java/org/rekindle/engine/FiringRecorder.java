package org.rekindle.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;
import org.kie.internal.event.rule.RuleEventManager;

import org.rekindle.content.Question;
import org.rekindle.model.Answers;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.ruleset.RuleConditions;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * Records every firing of one evaluation: which rule, the answers it read, its filled reason, the
 * facts it inserted and the earlier firings whose facts it matched; and, for the plan, the cards each
 * firing showed, the tags it withheld and the findings it drew, in firing order.
 *
 * <p>What a firing inserts is known from its rule ({@link RuleInfo#inserts()}): the ruleset's consequences
 * put only findings into the session, the facts other rules can match, so the cards and withheld tags
 * are recorded here and never enter it. The findings are followed into the session to know which firing
 * drew each one a later rule matches. Drools tells the recorder of each firing through its plain
 * before/after-fire callbacks ({@link RuleEventListener}), which cost no event object.
 *
 * <p>One recorder per session: it holds that evaluation's state and is not thread-safe.
 */
final class FiringRecorder implements RuleEventListener, RuleRuntimeEventListener, Function<String, String> {

    private final Ruleset ruleset;
    private final RulesetIndex index;
    private final Answers answers;
    private final KieSession session;
    private final List<Firing> firings = new ArrayList<>(64);
    /** Which firing inserted each fact in the session, by identity; 0 for facts the engine inserted. */
    private final Map<Object, Integer> producedBy = new IdentityHashMap<>(32);
    /** Each card shown, in the order first shown, to the firings that showed it; likewise tags and findings. */
    private final Map<String, List<Integer>> shownBy = new LinkedHashMap<>(128);
    private final Map<String, List<Integer>> withheldBy = new HashMap<>(4);
    private final Map<String, Integer> findings = new LinkedHashMap<>(16);

    /** The firing in progress, between onBeforeMatchFire and onAfterMatchFire. */
    private RulesetIndex.IndexedRule current;
    private Match match;
    private List<Integer> dependsOn;

    /** {@link System#nanoTime()} after which the session is halted, and whether that happened. */
    private final long deadline;
    private boolean overBudget;

    private FiringRecorder(Ruleset ruleset, RulesetIndex index, Answers answers, KieSession session, long deadline) {
        this.ruleset = ruleset;
        this.index = index;
        this.answers = answers;
        this.session = session;
        this.deadline = deadline;
    }

    /**
     * A recorder listening to {@code session}, which it halts once {@code deadline} has passed.
     *
     * @param answers the answers the rules read, whose values the firings record
     */
    static FiringRecorder on(KieSession session, Ruleset ruleset, Answers answers, long deadline) {
        FiringRecorder recorder = new FiringRecorder(ruleset, RulesetIndex.of(ruleset), answers, session, deadline);
        ((RuleEventManager) session).addEventListener(recorder);
        session.addEventListener(recorder);
        return recorder;
    }

    /** True when the session was halted because the evaluation ran past its deadline. */
    boolean overBudget() {
        return overBudget;
    }

    /** The limit crossed, naming the rule of the last firing (the one that was running). */
    EvaluationLimitExceeded exceeded(EvaluationLimitExceeded.Limit limit, String what) {
        Firing last = firings.isEmpty() ? null : firings.get(firings.size() - 1);
        String ruleId = last == null ? null : last.ruleId();
        String rule = last == null ? null : last.rule();
        return new EvaluationLimitExceeded(limit, ruleId, rule, firings.size(), what
                + (last == null ? "" : "; rule \"" + rule + "\" (" + ruleId + ", " + last.file() + ":" + last.line()
                        + ") was firing"));
    }

    List<Firing> firings() {
        return firings;
    }

    /**
     * What the rules decided: the trace, the cards shown, the tags withheld and the findings drawn, each
     * with the firings behind it in firing order.
     *
     * @param fired how many firings Drools reports: all of them must have been recorded
     */
    RuleOutcome outcome(int fired) {
        if (fired != firings.size()) {
            throw new IllegalStateException("Drools fired " + fired + " rules but " + firings.size()
                    + " firings were recorded: a rule's consequence is not the one the ruleset installed");
        }
        return new RuleOutcome(List.copyOf(firings), shownBy, withheldBy, findings);
    }

    @Override
    public void onBeforeMatchFire(Match fired) {
        if (!overBudget && System.nanoTime() - deadline > 0) {
            // halt() lets this firing finish and stops before the next one.
            overBudget = true;
            session.halt();
        }
        match = fired;
        current = index.rule(ruleset, fired.getRule());
        dependsOn = List.of();
        if (!current.buildsOnFirings()) {
            return; // it matched only the facts the engine inserted
        }
        for (Object fact : fired.getObjects()) {
            Integer producer = producedBy.get(fact);
            if (producer != null && producer > 0 && !dependsOn.contains(producer)) {
                if (dependsOn.isEmpty()) {
                    dependsOn = new ArrayList<>(2);
                }
                dependsOn.add(producer);
            }
        }
    }

    @Override
    public void onAfterMatchFire(Match fired) {
        int seq = firings.size() + 1;
        RuleInfo info = current.info();
        for (RuleInfo.Insert insert : info.inserts()) {
            switch (insert.type()) {
                case "Show" -> PlanLayer.addOnce(shownBy, insert.value(), seq);
                case "Withhold" -> PlanLayer.addOnce(withheldBy, insert.value(), seq);
                case "Finding" -> findings.putIfAbsent(insert.value(), seq);
                default -> throw new IllegalStateException("rule " + info.id() + " inserts " + insert.fact()
                        + ", which the engine does not know");
            }
        }
        String reason = info.reason().render(this);
        List<String> reads = info.reads(question -> answers.value(question) != null);
        firings.add(new Firing(seq, info.id(), info.name(), info.file(), info.line(), reads, answersOf(reads), reason,
                current.inserted(), List.copyOf(dependsOn)));
        current = null;
        match = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        // The engine's facts (the answers), then the findings the firings insert.
        producedBy.put(event.getObject(), current == null ? 0 : firings.size() + 1);
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Rules insert facts; they do not modify them.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Rules insert facts; they neither delete them nor insert them logically (RulePolicy).
    }

    /** The answers this rule read, then those behind the firings it built on, each question once. */
    private List<MatchedAnswer> answersOf(List<String> reads) {
        List<MatchedAnswer> collected = new ArrayList<>(reads.size() + 4);
        for (String question : reads) {
            collected.add(new MatchedAnswer(question, answers.value(question)));
        }
        for (int producer : dependsOn) {
            for (MatchedAnswer answer : firings.get(producer - 1).answers()) {
                if (!reads(collected, answer.question())) {
                    collected.add(answer);
                }
            }
        }
        return List.copyOf(collected);
    }

    private static boolean reads(List<MatchedAnswer> answers, String question) {
        for (MatchedAnswer answer : answers) {
            if (answer.question().equals(question)) {
                return true;
            }
        }
        return false;
    }

    /** Fills one hole of the current firing's reason: a binding ({@code $yes}) or a question id. */
    @Override
    public String apply(String hole) {
        if (hole.startsWith("$")) {
            RuleConditions.Query query = current.answerBindings().get(hole);
            Object value = query != null ? query.ask(answers)
                    : match.getDeclarationIds().contains(hole) ? match.getDeclarationValue(hole) : null;
            return value == null ? null : AnswerText.of(value);
        }
        Question question = ruleset.content().questionnaire().question(hole);
        Object value = answers.value(hole);
        return question == null || value == null ? null : AnswerText.of(question, value);
    }
}
