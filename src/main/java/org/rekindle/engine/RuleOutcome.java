package org.rekindle.engine;

import java.util.List;
import java.util.Map;

/**
 * What the rules of one evaluation decided, before the plan layer turns it into a plan.
 *
 * @param trace      every firing, in firing order
 * @param shownBy    each card a rule showed, in the order first shown, to the seqs of the firings that showed it
 * @param withheldBy each withheld tag to the seqs of the firings that withheld it
 * @param findings   each finding drawn, in the order first drawn, to the seq of the firing that first drew it
 */
public record RuleOutcome(List<Firing> trace, Map<String, List<Integer>> shownBy,
        Map<String, List<Integer>> withheldBy, Map<String, Integer> findings) {
}
