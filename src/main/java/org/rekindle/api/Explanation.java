package org.rekindle.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.audit.DecisionRecord;

/**
 * The auditor's view of one stored decision: the answers, the ordered firing trace (rule, file, line,
 * answers matched, facts inserted), how the path was chosen (with the chain of firings behind it and the
 * paths it outranked), the withheld cards (by a rule's tag or by the path, with its reason), for each
 * card the chain of firings that led to it, back to the answers, and whether the plan rebuilt from the
 * log is what the app was sent.
 */
final class Explanation {

    private Explanation() {
    }

    /**
     * @param sent whether the plan rebuilt today hashes to what the app was sent; null for decisions of
     *             the first form, which keep the sent plan itself
     */
    static Map<String, Object> of(DecisionRecord record, LoggedDecision.Check sent) throws JsonProcessingException {
        JsonNode plan = Json.MAPPER.readTree(record.planJson());
        JsonNode traced = LoggedDecision.trace(record);
        JsonNode trace = traced.path("trace");
        Map<Integer, JsonNode> bySeq = new LinkedHashMap<>();
        trace.forEach(firing -> bySeq.put(firing.path("seq").asInt(), firing));

        List<Map<String, Object>> chains = new ArrayList<>();
        for (JsonNode card : plan.path("cards")) {
            String id = card.path("id").asText();
            TreeSet<Integer> chain = new TreeSet<>();
            bySeq.values().stream()
                    .filter(f -> inserts(f, "Show(" + id + ")"))
                    .forEach(f -> collect(f.path("seq").asInt(), bySeq, chain));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("card", id);
            entry.put("chain", chain.stream().map(seq -> step(bySeq.get(seq))).toList());
            chains.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", record.id());
        body.put("rulesetVersion", record.rulesetVersion());
        body.put("createdAt", record.createdAt());
        body.put("answers", Json.MAPPER.readTree(record.answersJson()));
        body.put("trace", trace);
        JsonNode path = traced.path("path");
        if (path.isObject()) {
            Map<String, Object> choice = new LinkedHashMap<>();
            path.properties().forEach(field -> choice.put(field.getKey(), field.getValue()));
            TreeSet<Integer> chain = new TreeSet<>();
            collect(path.path("seq").asInt(), bySeq, chain);
            choice.put("chain", chain.stream().map(seq -> step(bySeq.get(seq))).toList());
            body.put("path", choice);
        }
        body.put("withheld", traced.path("withheld"));
        body.put("cards", chains);
        if (sent != null) {
            body.put("sent", sent);
        }
        return body;
    }

    private static boolean inserts(JsonNode firing, String fact) {
        for (JsonNode inserted : firing.path("inserted")) {
            if (inserted.asText().equals(fact)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(int seq, Map<Integer, JsonNode> bySeq, TreeSet<Integer> into) {
        if (seq <= 0 || !into.add(seq) || !bySeq.containsKey(seq)) {
            return;
        }
        bySeq.get(seq).path("dependsOn").forEach(dep -> collect(dep.asInt(), bySeq, into));
    }

    private static Map<String, Object> step(JsonNode firing) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("seq", firing.path("seq").asInt());
        step.put("ruleId", firing.path("ruleId").asText());
        step.put("rule", firing.path("rule").asText());
        step.put("file", firing.path("file").asText());
        step.put("line", firing.path("line").asInt());
        step.put("answers", firing.path("answers"));
        step.put("inserted", firing.path("inserted"));
        step.put("reason", firing.path("reason").asText());
        return step;
    }
}
