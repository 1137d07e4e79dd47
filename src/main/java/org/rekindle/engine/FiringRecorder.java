package org.rekindle.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

import org.rekindle.content.Question;
import org.rekindle.model.Answers;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * Records every firing of one evaluation: which rule, the answers it read, its filled reason, the
 * facts it inserted and the earlier firings whose facts it matched. It also keeps every fact of the
 * session, in insertion order, with the firing that inserted it (a deleted fact is dropped), which is
 * all the plan needs: the session's facts are never read back. One recorder per session: it holds
 * that evaluation's state and is not thread-safe.
 */
final class FiringRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener,
        Function<String, String> {

    private final Ruleset ruleset;
    private final RulesetIndex index;
    private final Answers answers;
    private final List<Firing> firings = new ArrayList<>(64);
    /** Which firing inserted each fact, by identity; 0 for facts the engine inserted. */
    private final Map<Object, Integer> producedBy = new IdentityHashMap<>(512);
    /** The session's facts in insertion order, and beside each the firing that inserted it. */
    private final List<Object> facts = new ArrayList<>(256);
    private final List<Integer> producers = new ArrayList<>(256);

    /** The firing in progress, between before- and afterMatchFired. */
    private RuleInfo current;
    private Match match;
    private List<Integer> dependsOn;
    private final List<Object> inserted = new ArrayList<>(8);

    /** {@link System#nanoTime()} after which the session is halted, and whether that happened. */
    private final long deadline;
    private boolean overBudget;

    FiringRecorder(Ruleset ruleset, RulesetIndex index, Answers answers, long deadline) {
        this.ruleset = ruleset;
        this.index = index;
        this.answers = answers;
        this.deadline = deadline;
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

    /** The session's facts, in the order they were inserted. */
    List<Object> facts() {
        return facts;
    }

    /** The seq of the firing that inserted {@code facts().get(i)}, or 0 when the engine inserted it. */
    int producerAt(int i) {
        return producers.get(i);
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (!overBudget && System.nanoTime() - deadline > 0) {
            // halt() lets this firing finish and stops before the next one.
            overBudget = true;
            ((KieSession) event.getKieRuntime()).halt();
        }
        match = event.getMatch();
        current = index.info(ruleset, match.getRule());
        dependsOn = List.of();
        for (Object fact : match.getObjects()) {
            Integer producer = producedBy.get(fact);
            if (producer != null && producer > 0 && !dependsOn.contains(producer)) {
                if (dependsOn.isEmpty()) {
                    dependsOn = new ArrayList<>(2);
                }
                dependsOn.add(producer);
            }
        }
        inserted.clear();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        int seq = firings.size() + 1;
        String[] insertedFacts = new String[inserted.size()];
        for (int i = 0; i < insertedFacts.length; i++) {
            insertedFacts[i] = inserted.get(i).toString();
        }
        String reason = current.reason().render(this);
        List<String> reads = readsOf();
        firings.add(new Firing(seq, current.id(), current.name(), current.file(), current.line(), reads,
                answersOf(reads), reason, List.of(insertedFacts), List.copyOf(dependsOn)));
        current = null;
        match = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object fact = event.getObject();
        int seq = 0;
        if (current != null) {
            seq = firings.size() + 1;
            inserted.add(fact);
        }
        producedBy.put(fact, seq);
        facts.add(fact);
        producers.add(seq);
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Rules insert facts; they do not modify them.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Rules do not delete today; should one (or a logical insert lose its support), the fact leaves
        // the plan, as it leaves the session.
        Object fact = event.getOldObject();
        for (int i = facts.size() - 1; i >= 0; i--) {
            if (facts.get(i) == fact) {
                facts.remove(i);
                producers.remove(i);
                return;
            }
        }
    }

    /** The answered questions among those this rule's conditions read. */
    private List<String> readsOf() {
        List<String> questions = current.questions();
        List<String> reads = new ArrayList<>(questions.size());
        for (String question : questions) {
            if (answers.value(question) != null) {
                reads.add(question);
            }
        }
        return List.copyOf(reads);
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
            Object value = match.getDeclarationIds().contains(hole) ? match.getDeclarationValue(hole) : null;
            return value == null ? null : AnswerText.of(value);
        }
        Question question = ruleset.content().questionnaire().question(hole);
        Object value = answers.value(hole);
        return question == null || value == null ? null : AnswerText.of(question, value);
    }
}
