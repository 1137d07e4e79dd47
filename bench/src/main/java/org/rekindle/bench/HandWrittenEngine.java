package org.rekindle.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.Questionnaire;
import org.rekindle.engine.Decision;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * The physical-limit baseline: the decisions of all 170 rules written by hand in plain Java
 * ({@link HandWrittenRules}), producing the same {@link Decision} as {@code Engine.evaluate}: the same
 * cards in the same order with the same reasons, the same summary, the same firings and withheld cards.
 *
 * <p>It uses the compiled ruleset only as a catalogue, never to decide: each rule's name, file, line,
 * reason template and the questions its conditions read (all of which end up in the output), and the
 * content library the cards are made of. Whatever can be prepared once per ruleset (the display order
 * of the content, each card's source) is prepared here, as a hand-written service would.
 *
 * <p>Thread-safe: all per-call state lives in an {@link Evaluation}.
 */
public final class HandWrittenEngine {

    /** A content item with its place in the display order, ready to become a card. */
    record Item(GuidanceItem guidance, int rank, Card.CardSource source) {
    }

    private final Ruleset ruleset;
    private final Map<String, RuleInfo> rules = new HashMap<>();
    private final Map<String, Item> items = new HashMap<>();
    private final int selfAssessmentQuestions;

    public HandWrittenEngine(Ruleset ruleset) {
        this.ruleset = ruleset;
        for (RuleInfo rule : ruleset.rules()) {
            rules.put(rule.id(), rule);
        }
        List<GuidanceItem> sorted = new ArrayList<>(ruleset.content().library().items());
        sorted.sort(Comparator.comparing(GuidanceItem::indicator).thenComparingInt(GuidanceItem::order)
                .thenComparing(GuidanceItem::topic).thenComparingInt(GuidanceItem::position));
        for (int rank = 0; rank < sorted.size(); rank++) {
            GuidanceItem item = sorted.get(rank);
            items.put(item.id(), new Item(item, rank, new Card.CardSource(item.source().label(), item.source().url())));
        }
        selfAssessmentQuestions = ruleset.content().questionnaire().questionIdsOf("self_assessment").size();
    }

    /** The decision for one person's answers. */
    public Decision evaluate(Answers answers) {
        Evaluation evaluation = new Evaluation(this, answers);
        HandWrittenRules.run(evaluation, answers);
        return evaluation.decide();
    }

    String version() {
        return ruleset.version();
    }

    Questionnaire questionnaire() {
        return ruleset.content().questionnaire();
    }

    int selfAssessmentQuestions() {
        return selfAssessmentQuestions;
    }

    RuleInfo rule(String id) {
        RuleInfo rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException("the ruleset has no rule with @id(\"" + id + "\"): the hand-written "
                    + "baseline no longer matches rules/; update bench/.../HandWrittenRules.java");
        }
        return rule;
    }

    Item item(String card) {
        return items.get(card);
    }
}
