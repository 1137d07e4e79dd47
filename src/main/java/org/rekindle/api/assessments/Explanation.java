package org.rekindle.api.assessments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.PathChoice;

/**
 * The auditor's view of one stored decision: the answers (and what the rules could read of the previous
 * assessment), the ordered firing trace (rule, file, line,
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
    static Map<String, Object> of(StoredDecision stored, SentPlan.Check sent) {
        Map<Integer, Firing> bySeq = new LinkedHashMap<>();
        stored.trace().forEach(firing -> bySeq.put(firing.seq(), firing));

        List<Map<String, Object>> chains = new ArrayList<>();
        for (String id : stored.cardIds()) {
            TreeSet<Integer> chain = new TreeSet<>();
            bySeq.values().stream()
                    .filter(f -> f.inserted() != null && f.inserted().contains("Show(" + id + ")"))
                    .forEach(f -> collect(f.seq(), bySeq, chain));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("card", id);
            entry.put("chain", chain.stream().map(seq -> step(bySeq.get(seq))).toList());
            chains.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.put("rulesetVersion", stored.rulesetVersion());
        body.put("createdAt", stored.createdAt());
        body.put("answers", stored.answers());
        if (stored.previous() != null) {
            // What the rules could read of the previous assessment: its id and those answers (masked as
            // the decision's own are: the mask reads every "answers" object).
            body.put("previous", stored.previous());
        }
        body.put("trace", stored.trace());
        PathChoice path = stored.pathChoice();
        if (path != null) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("path", path.path());
            choice.put("finding", path.finding());
            choice.put("seq", path.seq());
            choice.put("outranked", path.outranked());
            TreeSet<Integer> chain = new TreeSet<>();
            collect(path.seq(), bySeq, chain);
            choice.put("chain", chain.stream().map(seq -> step(bySeq.get(seq))).toList());
            body.put("path", choice);
        }
        body.put("withheld", stored.withheld());
        body.put("cards", chains);
        if (sent != null) {
            body.put("sent", sent);
        }
        return body;
    }

    private static void collect(int seq, Map<Integer, Firing> bySeq, TreeSet<Integer> into) {
        if (seq <= 0 || !into.add(seq) || !bySeq.containsKey(seq)) {
            return;
        }
        List<Integer> dependsOn = bySeq.get(seq).dependsOn();
        if (dependsOn != null) {
            dependsOn.forEach(dep -> collect(dep, bySeq, into));
        }
    }

    private static Map<String, Object> step(Firing firing) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("seq", firing.seq());
        step.put("ruleId", firing.ruleId());
        step.put("rule", firing.rule());
        step.put("file", firing.file());
        step.put("line", firing.line());
        step.put("answers", firing.answers());
        step.put("inserted", firing.inserted());
        step.put("reason", firing.reason());
        return step;
    }
}
