package org.rekindle.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;
import org.kie.api.runtime.KieSessionsPool;

import org.rekindle.engine.Engine;
import org.rekindle.engine.OriginalEngine;
import org.rekindle.engine.LeverEngines;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.LeverRulesets;
import org.rekindle.ruleset.Ruleset;

/**
 * The levers the issue asks to try, each as a way to evaluate one answer set. Levers that produce a
 * decision are checked against the engine ({@link Equivalence}) before they are measured; the
 * attribution levers ({@code drools-only}, {@code drools+recorder}) produce no plan and are only there
 * to show where the time goes.
 */
final class Levers {

    static final String DEFAULT = "default";

    /**
     * In table order. A lever is one of the fixed names, or '+'-joined parts on the shipped engine:
     * <ul>
     * <li>{@code pool}: sessions from a KieSessionsPool (Drools resets them, listeners included);</li>
     * <li>{@code immutable}: KieBaseMutabilityOption.DISABLED (such a KieBase keeps no facts of a type
     *     no rule matches, such as Show: fine for the engine, which takes facts from its recorder);</li>
     * <li>{@code anc}: the alpha network compiled to bytecode (drools-alphanetwork-compiler);</li>
     * <li>{@code exec}: the rules built as Drools' executable model instead of DRL with MVEL;</li>
     * <li>{@code sequential}: SequentialOption.YES in a stateless session.</li>
     * </ul>
     */
    static final List<String> NAMES = List.of(
            DEFAULT,                    // Engine.evaluate as shipped: fresh session, recorder, plan
            "original",                 // Engine.evaluate as first committed (OriginalEngine)
            "drools-only",              // fresh session, insert, fire, facts out: no recorder, no plan
            "drools+listeners",         // ... plus two listeners that do nothing
            "drools+recorder",          // ... plus the FiringRecorder: the trace, no plan
            "pool",
            "immutable",
            "anc",
            "exec",
            "sequential",
            "immutable+pool",
            "exec+immutable+pool",
            "exec+immutable+pool+anc",
            "hand-written");            // the baseline, for reference

    /** How a lever evaluates one answer set. */
    interface Evaluator {
        Object evaluate(Answers answers);
    }

    /**
     * @param decides     true when it returns a full Decision (and so must make the engine's decisions)
     * @param buildMillis how long its knowledge base took to build, or -1 when it uses the normal one
     */
    record Lever(String name, Evaluator evaluator, boolean decides, long buildMillis) {
    }

    private Levers() {
    }

    static Lever create(String name, BenchData data) {
        Ruleset ruleset = data.ruleset();
        switch (name) {
            case DEFAULT:
                return new Lever(name, a -> Engine.evaluate(ruleset, a), true, -1);
            case "drools-only":
                return new Lever(name, a -> LeverEngines.droolsOnly(ruleset, a), false, -1);
            case "drools+listeners":
                return new Lever(name, a -> LeverEngines.droolsAndEmptyListeners(ruleset, a), false, -1);
            case "original":
                return new Lever(name, a -> OriginalEngine.evaluate(ruleset, a), true, -1);
            case "drools+recorder":
                return new Lever(name, a -> LeverEngines.droolsAndRecorder(ruleset, a), false, -1);
            case "hand-written":
                HandWrittenEngine handWritten = new HandWrittenEngine(ruleset);
                return new Lever(name, handWritten::evaluate, true, -1);
            default:
                return composed(name, ruleset);
        }
    }

    private static Lever composed(String name, Ruleset ruleset) {
        List<String> parts = List.of(name.split("\\+"));
        for (String part : parts) {
            if (!List.of("pool", "immutable", "anc", "exec", "sequential").contains(part)) {
                throw new IllegalArgumentException("no lever '" + name + "'; levers: " + NAMES);
            }
        }
        boolean anc = parts.contains("anc");
        KieBaseConfiguration conf = null;
        if (parts.contains("immutable") || parts.contains("sequential")) {
            conf = KieServices.get().newKieBaseConfiguration();
            if (parts.contains("immutable")) {
                conf.setOption(KieBaseMutabilityOption.DISABLED);
            }
            if (parts.contains("sequential")) {
                conf.setOption(SequentialOption.YES);
            }
        }
        Ruleset target = ruleset;
        long millis = -1;
        if (conf != null || anc || parts.contains("exec")) {
            LeverRulesets.Built built = conf == null && !parts.contains("exec") ? LeverRulesets.drl(ruleset, anc)
                    : LeverRulesets.container(ruleset, parts.contains("exec"), conf, anc);
            target = built.ruleset();
            millis = built.buildMillis();
        }
        Ruleset on = target;
        KieSessionsPool pool = parts.contains("pool") ? on.kieBase().newKieSessionsPool(4) : null;
        Evaluator evaluator;
        if (parts.contains("sequential")) {
            evaluator = a -> LeverEngines.stateless(on, a);
        } else if (pool != null) {
            evaluator = a -> LeverEngines.pooled(on, pool, a);
        } else {
            evaluator = a -> Engine.evaluate(on, a);
        }
        return new Lever(name, evaluator, true, millis);
    }

    /**
     * Builds every lever and checks the deciding ones against the engine; prints one line each. A lever
     * that decides differently is reported (and still measured, marked as such in the doc), never hidden.
     */
    static List<String> checkAll(BenchData data, List<String> names) {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String line;
            try {
                Lever lever = create(name, data);
                String built = lever.buildMillis() < 0 ? "" : String.format(Locale.ROOT, ", knowledge base built in "
                        + "%d ms", lever.buildMillis());
                if (!lever.decides()) {
                    line = name + ": no decision (attribution only)" + built;
                } else {
                    try {
                        int sets = Equivalence.check(data, name, a -> (org.rekindle.engine.Decision)
                                lever.evaluator().evaluate(a));
                        line = name + ": same decisions on all " + sets + " answer sets" + built;
                    } catch (IllegalStateException e) {
                        String[] message = e.getMessage().split("\n");
                        line = name + ": DIFFERENT DECISIONS" + built + "; "
                                + message[0].replaceFirst(".*decisions: ", "") + " e.g. "
                                + (message.length > 1 ? message[1].strip() : "");
                    }
                }
            } catch (RuntimeException e) {
                line = name + ": could not be built: " + e;
            }
            System.out.println("lever " + line);
            lines.add(line);
        }
        return lines;
    }
}
