package org.rekindle.audit;

import java.util.Map;

/**
 * How many decisions of a period each rule drove, each card appeared in and each path held.
 *
 * @param decisions how many decisions in all
 */
public record DecisionCounts(long decisions, Map<String, Long> rules, Map<String, Long> cards,
        Map<String, Long> paths) {
}
