package org.rekindle.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How the plan a candidate ruleset in shadow would have made for one live decision differs from the plan
 * that was sent: ids only (the paths, the focus, the cards), never answers, and nothing a stored decision
 * does not already hold. Kept beside its decision and erased with it.
 *
 * @param pathFrom     the path of the plan sent (null when the ruleset has no plan file)
 * @param pathTo       the path the candidate would have chosen
 * @param focusChanged whether the candidate's focus (its ids, in order) differs
 * @param added        card ids the candidate's plan has and the sent one has not, in the candidate's order
 * @param dropped      card ids the sent plan has and the candidate's has not, in the sent order
 */
public record ShadowDiff(String decisionId, String candidate, String liveVersion, Instant comparedAt,
        String pathFrom, String pathTo, boolean focusChanged, List<String> added, List<String> dropped) {

    public ShadowDiff {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
    }

    /** True when the candidate's plan would differ at all. */
    public boolean changed() {
        return focusChanged || !added.isEmpty() || !dropped.isEmpty() || !Objects.equals(pathFrom, pathTo);
    }
}
