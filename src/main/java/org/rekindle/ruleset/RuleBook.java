package org.rekindle.ruleset;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules of one ruleset version say of themselves, by rule id: each rule's name, file, line, the
 * questions its conditions read and the facts its consequence inserts ({@link RuleInfo}). A stored
 * decision keeps of each firing only what the engine computed, and looks the rest up here. Read from the
 * version's rule files without compiling them ({@link RulesetLoader#rules}), or taken from the compiled
 * {@link Ruleset#ruleBook()}: the same reading either way. Immutable.
 */
public final class RuleBook {

    private final String version;
    private final Map<String, RuleInfo> byId;
    /** Each rule's {@link RuleInfo#facts()}, printed once per version rather than once per firing. */
    private final Map<String, List<String>> facts;

    RuleBook(String version, Collection<RuleInfo> rules) {
        this.version = version;
        Map<String, RuleInfo> ids = new HashMap<>(rules.size() * 2);
        Map<String, List<String>> printed = new HashMap<>(rules.size() * 2);
        // Rule ids are unique in a ruleset that passed its cross-check.
        rules.forEach(rule -> {
            ids.put(rule.id(), rule);
            printed.put(rule.id(), rule.facts());
        });
        this.byId = Map.copyOf(ids);
        this.facts = Map.copyOf(printed);
    }

    /** The ruleset version these rules are of. */
    public String version() {
        return version;
    }

    /**
     * What a firing of the rule with this id inserts, as the trace prints it ({@link RuleInfo#facts()}); null
     * when the version has no such rule. The same list each time: the engine records it as a firing's
     * inserts, so a stored firing is told to match its rule without comparing the facts one by one.
     */
    public List<String> facts(String id) {
        return facts.get(id);
    }

    /** The rule with this id, or null when the version has none. */
    public RuleInfo rule(String id) {
        return byId.get(id);
    }
}
