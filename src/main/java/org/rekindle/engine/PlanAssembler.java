package org.rekindle.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.model.Finding;
import org.rekindle.model.Show;
import org.rekindle.model.Withhold;
import org.rekindle.ruleset.Ruleset;

/**
 * Reads what a session ended with (the facts, in insertion order, with the firing that inserted each)
 * into a {@link RuleOutcome}, and hands it to the {@link PlanLayer}.
 */
final class PlanAssembler {

    private PlanAssembler() {
    }

    static Decision assemble(Ruleset ruleset, Answers answers, Previous previous, FiringRecorder recorder,
            String locale) {
        List<Firing> trace = List.copyOf(recorder.firings());
        // Facts come in insertion order, so each list of firings below is in firing order already.
        Map<String, List<Integer>> shownBy = new LinkedHashMap<>(128);
        Map<String, List<Integer>> withheldBy = new HashMap<>(4);
        Map<String, Integer> findings = new LinkedHashMap<>(16);
        List<Object> facts = recorder.facts();
        for (int i = 0; i < facts.size(); i++) {
            Object fact = facts.get(i);
            if (fact instanceof Show show) {
                PlanLayer.addOnce(shownBy, show.getCard(), recorder.producerAt(i));
            } else if (fact instanceof Withhold withhold) {
                PlanLayer.addOnce(withheldBy, withhold.getTag(), recorder.producerAt(i));
            } else if (fact instanceof Finding finding) {
                findings.putIfAbsent(finding.getName(), recorder.producerAt(i));
            }
        }
        Decision decision = PlanLayer.decide(ruleset, answers, new RuleOutcome(trace, shownBy, withheldBy, findings),
                locale);
        return previous == null ? decision : decision.with(previous);
    }
}
