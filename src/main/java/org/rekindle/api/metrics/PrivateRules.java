package org.rekindle.api.metrics;

import java.util.Set;

import org.rekindle.ruleset.PrivateRuleIds;
import org.rekindle.ruleset.Ruleset;

/**
 * The rules of a ruleset whose firing can tell something about a private answer, as {@link PrivateRuleIds}
 * defines them, held for the ruleset they belong to.
 *
 * <p>The general rule this serves: a count that anyone but an auditor can read is never kept per
 * private rule. {@code /metrics} has no firing counter for these rules and {@code GET /v1/rules}
 * shows no firing count for them; their firings stay in the decision log, for auditors only.
 */
final class PrivateRules {

    private final Ruleset ruleset;
    private final Set<String> ids;

    private PrivateRules(Ruleset ruleset, Set<String> ids) {
        this.ruleset = ruleset;
        this.ids = Set.copyOf(ids);
    }

    static PrivateRules of(Ruleset ruleset) {
        return new PrivateRules(ruleset, PrivateRuleIds.of(ruleset));
    }

    /** True when these are the private rules of {@code other} (the same object, not an equal one). */
    boolean belongTo(Ruleset other) {
        return ruleset == other;
    }

    boolean contains(String ruleId) {
        return ids.contains(ruleId);
    }

    Set<String> ids() {
        return ids;
    }
}
