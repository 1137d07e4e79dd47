package org.rekindle.ruleset;

import java.util.Collection;
import java.util.Map;

import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

import org.rekindle.bundle.Bundle;
import org.rekindle.content.Content;

/**
 * A compiled, checked, immutable ruleset: the bundle it was built from (and so its version), the
 * content, the Drools knowledge base and the catalogue of its rules. Safe to share between threads;
 * each evaluation opens its own session on {@link #kieBase()}.
 */
public final class Ruleset {

    private final Bundle bundle;
    private final Content content;
    private final KieBase kieBase;
    private final Map<String, RuleInfo> rules;
    private final RuleBook ruleBook;

    Ruleset(Bundle bundle, Content content, KieBase kieBase, Map<String, RuleInfo> rules) {
        this.bundle = bundle;
        this.content = content;
        this.kieBase = kieBase;
        this.rules = Map.copyOf(rules);
        this.ruleBook = new RuleBook(bundle.version(), rules.values());
    }

    /** The content hash of the rule and content files. */
    public String version() {
        return bundle.version();
    }

    public Bundle bundle() {
        return bundle;
    }

    public Content content() {
        return content;
    }

    /**
     * The knowledge base. Its rules' consequences insert only the facts a rule can match (findings); the
     * cards they show and the tags they withhold are in each rule's {@link RuleInfo#inserts()}, for the
     * engine to record per firing.
     */
    public KieBase kieBase() {
        return kieBase;
    }

    /** The catalogue entry of a Drools rule. */
    public RuleInfo info(Rule rule) {
        return rules.get(rule.getPackageName() + "." + rule.getName());
    }

    public Collection<RuleInfo> rules() {
        return rules.values();
    }

    /** Its rules by id, as a stored decision of this version looks them up. */
    public RuleBook ruleBook() {
        return ruleBook;
    }
}
