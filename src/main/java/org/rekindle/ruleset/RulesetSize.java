package org.rekindle.ruleset;

import java.util.List;

import org.rekindle.bundle.Problem;

/**
 * How much rule text a ruleset may hold, checked before anything is parsed or compiled. Compiling
 * takes time and memory in proportion to the rules (about 25 ms and a few hundred KiB a rule on a
 * busy two-core machine), and a reload holds the ruleset's lock while it compiles: a file of
 * thousands of rules, valid or not, would keep every later edit from going live for minutes and could
 * exhaust the heap, and a rule of thousands of conditions overflows the compiling thread's stack. The limits are far above the article's rules (186 rules in 85 KB, the largest file
 * 11 KB), so that no honest ruleset meets them and any that passes compiles well within a reload's
 * time limit.
 */
final class RulesetSize {

    /** The most bytes of one rule file (DRL, or a decision table and the DRL made of it). */
    static final int MAX_FILE_BYTES = 256 * 1024;
    /** The most bytes of DRL all rule files hold together. */
    static final int MAX_TOTAL_BYTES = 512 * 1024;
    /**
     * The most characters of one rule, from {@code rule} to {@code end}. Drools builds a node for each
     * pattern and constraint and walks them recursively: a rule of thousands of them (8,000 joined by
     * commas, {@code &&} or {@code ||}) overflowed the stack of the thread that compiled it. The
     * article's longest rule has 1,070 characters; 600 constraints in one rule still compiled.
     */
    static final int MAX_RULE_CHARS = 8 * 1024;
    /** The most rules a ruleset holds. */
    static final int MAX_RULES = 1_000;

    private RulesetSize() {
    }

    /** The problem of a file of {@code bytes} bytes at {@code path}, or null when it is within the limit. */
    static Problem ofFile(String path, long bytes) {
        if (bytes <= MAX_FILE_BYTES) {
            return null;
        }
        return Problem.inFile(path, "is " + kib(bytes) + " KiB; a rule file may hold at most " + kib(MAX_FILE_BYTES)
                + " KiB (the largest of the article's is 11 KiB): split the topic, or remove rules that repeat");
    }

    /** The problem of rule files holding {@code bytes} bytes of DRL together, or null within the limit. */
    static Problem ofTotal(long bytes) {
        if (bytes <= MAX_TOTAL_BYTES) {
            return null;
        }
        return Problem.inFile("rules/", "the rule files hold " + kib(bytes) + " KiB of rules together; a ruleset "
                + "may hold at most " + kib(MAX_TOTAL_BYTES) + " KiB (the article's rules take 85 KiB), so that it "
                + "compiles within a reload's time limit: remove rules that repeat");
    }

    /** The message for a rule of {@code chars} characters, or null when it is within the limit. */
    static String ofRule(int chars) {
        if (chars <= MAX_RULE_CHARS) {
            return null;
        }
        return "this rule has " + chars + " characters; a rule may have at most " + MAX_RULE_CHARS + " (the "
                + "article's longest has about 1,000): split it into rules that each conclude a Finding";
    }

    /** The problem of a ruleset of {@code rules}, or null when there are at most {@link #MAX_RULES}. */
    static Problem ofRules(List<CompiledRule> rules) {
        if (rules.size() <= MAX_RULES) {
            return null;
        }
        CompiledRule first = rules.get(MAX_RULES);
        return Problem.at(first.file(), first.line(), "this is rule " + (MAX_RULES + 1) + " of " + rules.size()
                + "; a ruleset may hold at most " + MAX_RULES + " rules (the article has 186), so that it compiles "
                + "within a reload's time limit: remove rules that repeat, or join them with 'or'");
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
