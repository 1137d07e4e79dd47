package org.rekindle.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.model.Answers;
import org.rekindle.model.Finding;
import org.rekindle.model.Show;
import org.rekindle.model.Withhold;
import org.rekindle.ruleset.Ruleset;

/**
 * (Bench only.) PlanAssembler as first committed, reading the session's facts; see {@link OriginalEngine}.
 * The plan itself now comes from the same {@link PlanLayer} as the engine's, so the two decide alike.
 */
final class OriginalAssembler {

    private OriginalAssembler() {
    }

    static Decision assemble(Ruleset ruleset, Answers answers, List<Object> facts, OriginalRecorder recorder) {
        List<Firing> trace = List.copyOf(recorder.firings());
        Map<String, List<Integer>> shownBy = new LinkedHashMap<>();
        Map<String, List<Integer>> withheldBy = new LinkedHashMap<>();
        Map<String, Integer> findings = new LinkedHashMap<>();
        for (Object fact : facts) {
            if (fact instanceof Show show) {
                addOnce(shownBy, show.getCard(), recorder.producerOf(fact));
            } else if (fact instanceof Withhold withhold) {
                addOnce(withheldBy, withhold.getTag(), recorder.producerOf(fact));
            } else if (fact instanceof Finding finding) {
                findings.putIfAbsent(finding.getName(), recorder.producerOf(fact));
            }
        }

        Map<String, List<Integer>> shown = new LinkedHashMap<>();
        shownBy.forEach((card, seqs) -> shown.put(card, sorted(seqs)));
        return PlanLayer.decide(ruleset, answers, new RuleOutcome(trace, shown, withheldBy, findings), null);
    }

    private static void addOnce(Map<String, List<Integer>> map, String key, int seq) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
        if (!list.contains(seq)) {
            list.add(seq);
        }
    }

    private static List<Integer> sorted(List<Integer> seqs) {
        List<Integer> copy = new ArrayList<>(seqs);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
