package org.rekindle.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;
import org.rekindle.model.Answers;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/** (Bench only.) FiringRecorder as first committed; see {@link OriginalEngine}. */
final class OriginalRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final Ruleset ruleset;
    private final Answers answers;
    private final List<Firing> firings = new ArrayList<>();
    /** Which firing inserted each derived fact, by identity. */
    private final Map<Object, Integer> producedBy = new IdentityHashMap<>();

    /** State of the firing in progress, between before- and afterMatchFired. */
    private RuleInfo current;
    private List<Integer> dependsOn;
    private final List<Object> inserted = new ArrayList<>(2);

    OriginalRecorder(Ruleset ruleset, Answers answers) {
        this.ruleset = ruleset;
        this.answers = answers;
    }

    List<Firing> firings() {
        return firings;
    }

    /** The seq of the firing that inserted {@code fact}, or 0 when the engine inserted it. */
    int producerOf(Object fact) {
        return producedBy.getOrDefault(fact, 0);
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Match match = event.getMatch();
        current = ruleset.info(match.getRule());
        dependsOn = new ArrayList<>(2);
        for (Object fact : match.getObjects()) {
            Integer producer = producedBy.get(fact);
            if (producer != null && !dependsOn.contains(producer)) {
                dependsOn.add(producer);
            }
        }
        inserted.clear();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Match match = event.getMatch();
        int seq = firings.size() + 1;
        List<String> facts = new ArrayList<>(inserted.size());
        for (Object fact : inserted) {
            producedBy.put(fact, seq);
            facts.add(fact.toString());
        }
        String reason = current.reason().render(hole -> fill(hole, match));
        List<MatchedAnswer> answers = answersOf();
        List<String> reads = new ArrayList<>();
        for (String question : current.questions()) {
            if (this.answers.value(question) != null) {
                reads.add(question);
            }
        }
        firings.add(new Firing(seq, current.id(), current.name(), current.file(), current.line(),
                List.copyOf(reads), answers, reason, List.copyOf(facts), List.copyOf(dependsOn)));
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current != null) {
            inserted.add(event.getObject());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Rules insert facts; they do not modify them.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Deleted facts simply do not reach the plan, which reads the session's facts at the end.
    }

    /** The answers this rule read, then those behind the firings it built on, each question once. */
    private List<MatchedAnswer> answersOf() {
        Map<String, MatchedAnswer> collected = new LinkedHashMap<>();
        for (String question : current.questions()) {
            Object value = answers.value(question);
            if (value != null) {
                collected.put(question, new MatchedAnswer(question, value));
            }
        }
        for (int producer : dependsOn) {
            for (MatchedAnswer answer : firings.get(producer - 1).answers()) {
                collected.putIfAbsent(answer.question(), answer);
            }
        }
        return List.copyOf(collected.values());
    }

    private String fill(String hole, Match match) {
        if (hole.startsWith("$")) {
            Object value = match.getDeclarationIds().contains(hole) ? match.getDeclarationValue(hole) : null;
            return value == null ? null : AnswerText.of(value);
        }
        Questionnaire questionnaire = ruleset.content().questionnaire();
        Question question = questionnaire.question(hole);
        Object value = answers.value(hole);
        return question == null || value == null ? null : AnswerText.of(question, value);
    }
}
