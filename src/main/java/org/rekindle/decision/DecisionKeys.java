package org.rekindle.decision;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.json.Json;

/**
 * What a decision is filtered and counted by: its path, the rules that fired and the cards it showed,
 * read once from the stored JSON when it is appended (every stored form keeps a card's and a path's
 * {@code id} and a firing's {@code ruleId} in place, so this reads only those, without expanding the
 * trace). Ids only: nothing of the answers. The decision log indexes them when it appends a row
 * ({@link DecisionCodec#keys}).
 *
 * @param path  the plan's path id, or null
 * @param rules the ids of the rules that fired
 * @param cards the ids of the cards the plan shows
 */
public record DecisionKeys(String path, Set<String> rules, Set<String> cards) {

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
