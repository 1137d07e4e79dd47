package org.rekindle.engine;

import java.util.List;

import org.rekindle.model.Plan;

/**
 * Everything one evaluation produced: the plan, and the trace that explains it. The engine hands
 * decisions back; where they go (the decision log, the CLI's output) is the caller's business.
 *
 * @param path   how the plan's path was chosen; null when the ruleset has no plan file
 * @param locale the language tag the plan's texts are in ({@code en}, or a translation's such as {@code es})
 */
public record Decision(String rulesetVersion, Plan plan, List<Firing> trace, List<WithheldCard> withheld,
        PathChoice path, String locale) {
}
