package org.rekindle.ruleset;

import java.util.List;
import java.util.Map;

/**
 * One rule as read from its file, before the cross-check resolves its references.
 *
 * @param column  the column of the {@code rule} keyword (0 for a decision table's row)
 * @param when    the shape of its conditions, for {@link FiringBound}
 * @param inserts the facts its consequence inserts, in order (type and literal)
 * @param conditions its conditions as a tree that can be evaluated, for why-not
 */
record CompiledRule(String key, String name, String pkg, String file, int line, int column,
        Map<String, String> metadata,
        int metadataLine, List<RuleReference> references, Condition when, List<Condition.Pattern> inserts,
        RuleConditions conditions) {

    /** What its consequence inserts, in order, as the catalogue ({@link RuleInfo#inserts()}) lists it. */
    List<RuleInfo.Insert> insertedFacts() {
        return inserts.stream().map(insert -> new RuleInfo.Insert(insert.type(), insert.key())).toList();
    }
}
