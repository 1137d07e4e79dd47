package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.drools.base.base.ValueResolver;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.consequence.Consequence;
import org.drools.base.rule.consequence.ConsequenceContext;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import org.rekindle.model.Finding;

/**
 * A rule's consequence as {@link RulePolicy} checked it: nothing but {@code insert(new Type("literal"));}
 * statements, so the facts it inserts are known before it ever runs. It runs in place of the Java Drools
 * compiled from the same statements and inserts only the facts a rule can match
 * ({@link RuleVocabulary#MATCHABLE}: findings). Cards shown and tags withheld are facts no rule can
 * match, so they would only cost the session a fact handle, a propagation and an event each: the engine
 * records them for every firing from the rule's {@link RuleInfo#inserts()} instead (more than half the
 * time of an evaluation went to inserting them).
 *
 * <p>Immutable and shared by every session of its knowledge base.
 */
final class CheckedConsequence implements Consequence<ConsequenceContext> {

    /** How to make each fact a rule can match from its literal: every type of {@link RuleVocabulary#MATCHABLE}. */
    private static final Map<String, Function<String, Object>> MATCHABLE_FACTS = Map.of("Finding", Finding::new);

    static {
        if (!MATCHABLE_FACTS.keySet().equals(RuleVocabulary.MATCHABLE.keySet())) {
            throw new IllegalStateException("CheckedConsequence makes " + MATCHABLE_FACTS.keySet()
                    + " but rules may match " + RuleVocabulary.MATCHABLE.keySet() + "; teach it the new facts");
        }
    }

    /** The facts to insert into the session, in the consequence's order, each a fresh object per firing. */
    private final List<Function<String, Object>> makers;
    private final List<String> values;

    private CheckedConsequence(List<RuleInfo.Insert> inserts) {
        List<Function<String, Object>> makers = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (RuleInfo.Insert insert : inserts) {
            Function<String, Object> maker = MATCHABLE_FACTS.get(insert.type());
            if (maker != null) {
                makers.add(maker);
                values.add(insert.value());
            }
        }
        this.makers = List.copyOf(makers);
        this.values = List.copyOf(values);
    }

    /**
     * Puts a checked consequence in place of the compiled one of every rule of {@code kieBase} that
     * {@code rules} has read; before the knowledge base opens its first session.
     */
    static void install(KieBase kieBase, List<CompiledRule> rules) {
        Map<String, CompiledRule> byKey = new HashMap<>();
        rules.forEach(rule -> byKey.put(rule.key(), rule));
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                CompiledRule read = byKey.get(rule.getPackageName() + "." + rule.getName());
                if (read != null) { // a rule that could not be read refuses the ruleset (RulesetLoader)
                    ((RuleImpl) rule).setConsequence(new CheckedConsequence(read.insertedFacts()));
                }
            }
        }
    }

    @Override
    public String getName() {
        return RuleImpl.DEFAULT_CONSEQUENCE_NAME;
    }

    @Override
    public void evaluate(ConsequenceContext context, ValueResolver resolver) {
        for (int i = 0; i < makers.size(); i++) {
            context.insert(makers.get(i).apply(values.get(i)));
        }
    }
}
