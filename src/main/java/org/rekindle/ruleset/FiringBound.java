package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.bundle.Problem;

/**
 * An upper bound on how often a ruleset's rules can fire in one evaluation, worked out before the
 * ruleset goes live. Rules never modify or delete facts, so a rule fires at most once per combination
 * of facts its patterns match; a pattern on {@code Answers} matches the one answers fact, and a
 * pattern on a finding matches at most as many findings as the rules inserting it can fire. A rule
 * that (through other rules) inserts a fact its own patterns wait for would fire without end: that is
 * refused as a cycle, and so is a ruleset whose bound exceeds {@link #CEILING}. What passes here
 * cannot loop or multiply without limit, whoever wrote it; the engine's firing limit and time budget
 * stay as a second line.
 */
final class FiringBound {

    /** The most firings a ruleset may be able to make in one evaluation; the article's rules make ~150. */
    static final long CEILING = 10_000;

    private final Map<String, CompiledRule> byKey = new HashMap<>();
    /** Rules inserting each fact ("Type:key"), for the count of a pattern. */
    private final Map<String, Set<CompiledRule>> inserters = new HashMap<>();
    private final Map<String, Long> bounds = new HashMap<>();
    private final List<String> inProgress = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private FiringBound(List<CompiledRule> rules) {
        for (CompiledRule rule : rules) {
            byKey.put(rule.key(), rule);
            for (Condition.Pattern fact : rule.inserts()) {
                inserters.computeIfAbsent(fact.type() + ":" + fact.key(), k -> new LinkedHashSet<>()).add(rule);
                inserters.computeIfAbsent(fact.type() + ":", k -> new LinkedHashSet<>()).add(rule);
            }
        }
    }

    /** The problems that keep {@code rules} from going live: cycles, and a bound over the ceiling. */
    static List<Problem> problems(List<CompiledRule> rules) {
        FiringBound bound = new FiringBound(rules);
        long total = 0;
        CompiledRule largest = null;
        long largestBound = 0;
        for (CompiledRule rule : rules) {
            long b = bound.of(rule);
            total = saturatedAdd(total, b);
            if (b > largestBound) {
                largestBound = b;
                largest = rule;
            }
        }
        if (bound.problems.isEmpty() && total > CEILING && largest != null) {
            bound.problems.add(new Problem(largest.file(), largest.line(), largest.column(), "these rules could fire up to "
                    + (total == Long.MAX_VALUE ? "an unlimited number of" : String.valueOf(total))
                    + " times in one evaluation (the most allowed is " + CEILING + "); rule \"" + largest.name()
                    + "\" alone up to " + largestBound + " times, because its patterns match findings that many "
                    + "rules insert: match each finding once, or insert it from fewer rules"));
        }
        if (bound.problems.isEmpty()) {
            bound.work(rules);
        }
        return List.copyOf(bound.problems);
    }

    /** The most branches a rule's 'or's may expand to: Drools compiles each branch as a rule of its own. */
    static final long MAX_BRANCHES = 64;

    /**
     * What the firing bound alone does not cover, once every rule's bound is known: how many facts the
     * rules can insert, how many branches each rule's 'or's expand to, and how many combinations of
     * facts Drools may build while matching a rule, inside {@code not} and {@code exists} too (it builds
     * them before any rule fires, so neither the firing limit nor the time budget could stop it).
     */
    private void work(List<CompiledRule> rules) {
        long facts = 0;
        for (CompiledRule rule : rules) {
            facts = saturatedAdd(facts, saturatedMultiply(of(rule), rule.inserts().size()));
            long branches = branches(rule.when());
            if (branches > MAX_BRANCHES) {
                problems.add(new Problem(rule.file(), rule.line(), rule.column(), "rule \"" + rule.name() + "\" expands to "
                        + branches + " alternatives (its 'or's multiply; the most allowed is " + MAX_BRANCHES
                        + "); split it into several rules"));
                continue;
            }
            long combinations = combinations(rule.when());
            if (combinations > CEILING) {
                problems.add(new Problem(rule.file(), rule.line(), rule.column(), "rule \"" + rule.name() + "\" could have to "
                        + "combine up to " + (combinations == Long.MAX_VALUE ? "unlimited" : String.valueOf(combinations))
                        + " sets of findings while it is matched (the most allowed is " + CEILING + "), because it "
                        + "matches findings that many rules insert several times over; match each finding once"));
            }
        }
        if (facts > CEILING) {
            problems.add(Problem.inFile(rules.get(0).file(), "these rules could insert up to " + facts + " facts in "
                    + "one evaluation (the most allowed is " + CEILING + "); insert fewer facts per rule"));
        }
    }

    /** How many rules Drools makes of these conditions: each 'or' branch becomes one. */
    private static long branches(Condition condition) {
        if (condition instanceof Condition.All all) {
            long product = 1;
            for (Condition part : all.parts()) {
                product = saturatedMultiply(product, branches(part));
            }
            return product;
        }
        if (condition instanceof Condition.Any any) {
            long sum = 0;
            for (Condition part : any.parts()) {
                sum = saturatedAdd(sum, branches(part));
            }
            return sum;
        }
        if (condition instanceof Condition.Test test) {
            return branches(test.part());
        }
        return 1;
    }

    /** The most combinations of facts matching these conditions, counting inside not and exists. */
    private long combinations(Condition condition) {
        if (condition instanceof Condition.All all) {
            long product = 1;
            for (Condition part : all.parts()) {
                product = saturatedMultiply(product, combinations(part));
            }
            return product;
        }
        if (condition instanceof Condition.Any any) {
            long most = 0;
            for (Condition part : any.parts()) {
                most = Math.max(most, combinations(part));
            }
            return most;
        }
        if (condition instanceof Condition.Test test) {
            return combinations(test.part());
        }
        Condition.Pattern pattern = (Condition.Pattern) condition;
        return RuleVocabulary.QUERIES.containsKey(pattern.type()) ? 1 : count(pattern);
    }

    private long of(CompiledRule rule) {
        Long known = bounds.get(rule.key());
        if (known != null) {
            return known;
        }
        if (inProgress.contains(rule.key())) {
            List<String> cycle = new ArrayList<>(inProgress.subList(inProgress.indexOf(rule.key()),
                    inProgress.size()));
            cycle.add(rule.key());
            problems.add(new Problem(rule.file(), rule.line(), rule.column(), "rule \"" + rule.name() + "\" waits for a fact "
                    + "that it inserts itself" + (cycle.size() > 2 ? " through " + String.join(" -> ",
                    cycle.subList(1, cycle.size() - 1).stream().map(k -> "\"" + byKey.get(k).name() + "\"")
                            .toList()) : "") + ", so it would fire again and again without end; "
                    + "guard it with 'not Finding( name == \"...\" )' or wait for another finding"));
            bounds.put(rule.key(), Long.MAX_VALUE);
            return Long.MAX_VALUE;
        }
        inProgress.add(rule.key());
        long bound = matches(rule.when());
        inProgress.remove(inProgress.size() - 1);
        if (!bounds.containsKey(rule.key())) {
            bounds.put(rule.key(), bound);
        }
        return bounds.get(rule.key());
    }

    private long matches(Condition condition) {
        if (condition instanceof Condition.All all) {
            long product = 1;
            for (Condition part : all.parts()) {
                product = saturatedMultiply(product, matches(part));
            }
            return product;
        }
        if (condition instanceof Condition.Any any) {
            long sum = 0;
            for (Condition part : any.parts()) {
                sum = saturatedAdd(sum, matches(part));
            }
            return sum;
        }
        if (condition instanceof Condition.Pattern pattern) {
            return RuleVocabulary.QUERIES.containsKey(pattern.type()) ? 1 : count(pattern);
        }
        // not / exists: one match at most, and facts are never deleted, so a test that turns false when
        // the rule's own insert arrives (the usual guard) can never turn true again.
        return 1;
    }

    /** How many facts a pattern can match: every insertion of them by every firing of their rules. */
    private long count(Condition.Pattern pattern) {
        String key = pattern.type() + ":" + (pattern.key() == null ? "" : pattern.key());
        long count = 0;
        for (CompiledRule inserter : inserters.getOrDefault(key, Set.of())) {
            long times = inserter.inserts().stream().filter(fact -> fact.type().equals(pattern.type())
                    && (pattern.key() == null || pattern.key().equals(fact.key()))).count();
            count = saturatedAdd(count, saturatedMultiply(of(inserter), times));
        }
        return count;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
