package org.rekindle.decision;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.json.Json;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;

/**
 * What a decision is filtered and counted by: its path, the rules that fired and the cards it showed.
 * Ids only: nothing of the answers. The decision log indexes them when it appends a row. They are taken
 * from the decision the engine made ({@link DecisionCodec#keys(Decision)}), before its row is written;
 * a row that comes without them (an import, a bench's fill) has them read from its stored JSON instead
 * ({@link DecisionCodec#keys(DecisionRecord)}: every stored form keeps a card's and a path's {@code id}
 * and a firing's {@code ruleId} in place). The two agree, which a test checks.
 *
 * @param path  the plan's path id, or null
 * @param rules the ids of the rules that fired
 * @param cards the ids of the cards the plan shows
 */
public record DecisionKeys(String path, Set<String> rules, Set<String> cards) {

    static DecisionKeys of(Decision decision) {
        Set<String> rules = new LinkedHashSet<>();
        for (Firing firing : decision.trace()) {
            if (firing.ruleId() != null) {
                rules.add(firing.ruleId());
            }
        }
        Set<String> cards = new LinkedHashSet<>();
        for (Card card : decision.plan().cards()) {
            if (card.id() != null) {
                cards.add(card.id());
            }
        }
        ChosenPath path = decision.plan().path();
        return new DecisionKeys(path == null ? null : path.id(), rules, cards);
    }

    static DecisionKeys of(DecisionRecord record) {
        try {
            JsonNode plan = Json.MAPPER.readTree(record.planJson());
            JsonNode trace = Json.MAPPER.readTree(record.traceJson());
            Set<String> rules = new LinkedHashSet<>();
            trace.path("trace").forEach(firing -> {
                if (firing.hasNonNull("ruleId")) {
                    rules.add(firing.path("ruleId").asText());
                }
            });
            Set<String> cards = new LinkedHashSet<>();
            plan.path("cards").forEach(card -> {
                if (card.hasNonNull("id")) {
                    cards.add(card.path("id").asText());
                }
            });
            JsonNode path = plan.path("path").path("id");
            return new DecisionKeys(path.isTextual() ? path.asText() : null, rules, cards);
        } catch (JsonProcessingException e) {
            // Position only: the parser's message could quote the answers.
            return new DecisionKeys(null, Set.of(), Set.of());
        }
    }
}
