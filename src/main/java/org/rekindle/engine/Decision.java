package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.Plan;
import org.rekindle.model.Previous;

/**
 * Everything one evaluation produced: the plan, and the trace that explains it. The engine hands
 * decisions back; where they go (the decision log, the CLI's output) is the caller's business.
 *
 * @param path     how the plan's path was chosen; null when the ruleset has no plan file
 * @param previous what the rules could read of the previous assessment, which the log keeps with the
 *                 decision so that it is evaluated again with the same; null when there was none
 */
public record Decision(String rulesetVersion, Plan plan, List<Firing> trace, List<WithheldCard> withheld,
        PathChoice path, Previous previous) {

    /** A decision made without a previous assessment. */
    public Decision(String rulesetVersion, Plan plan, List<Firing> trace, List<WithheldCard> withheld,
            PathChoice path) {
        this(rulesetVersion, plan, trace, withheld, path, null);
    }

    /** This decision, made with {@code previous} in the session. */
    Decision with(Previous previous) {
        return new Decision(rulesetVersion, plan, trace, withheld, path, previous);
    }
}
