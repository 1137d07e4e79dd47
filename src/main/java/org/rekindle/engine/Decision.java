package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.Plan;
import org.rekindle.model.Previous;

/**
 * Everything one evaluation produced: the plan, and the trace that explains it. The engine hands
 * decisions back; where they go (the decision log, the CLI's output) is the caller's business.
 *
 * @param path     how the plan's path was chosen; null when the ruleset has no plan file
 * @param locale   the language tag the plan's texts are in ({@code en}, or a translation's such as {@code es})
 * @param previous what the rules could read of the previous assessment, which the log keeps with the
 *                 decision so that it is evaluated again with the same; null when there was none
 */
public record Decision(String rulesetVersion, Plan plan, List<Firing> trace, List<WithheldCard> withheld,
        PathChoice path, String locale, Previous previous) {

    /** A decision made without a previous assessment. */
    public Decision(String rulesetVersion, Plan plan, List<Firing> trace, List<WithheldCard> withheld,
            PathChoice path, String locale) {
        this(rulesetVersion, plan, trace, withheld, path, locale, null);
    }

    /** This decision, made with {@code previous} in the session. */
    Decision with(Previous previous) {
        return new Decision(rulesetVersion, plan, trace, withheld, path, locale, previous);
    }
}
