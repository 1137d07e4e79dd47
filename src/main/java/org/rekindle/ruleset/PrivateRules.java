package org.rekindle.ruleset;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;

/**
 * The rules of a ruleset whose firing can tell something about a private answer (the questionnaire
 * marks the safety screen, leaving and what the partner does {@code private}), and the findings they
 * draw. A rule is private when its conditions or its reason read a private question, or when it matches
 * (or waits for the absence of) a finding that a private rule inserts; that closes over chains such as
 * "screen positive" to "safety concern" to "help first" and "withhold exposing exercises", and over any
 * rule a coach adds to them later.
 *
 * <p>What it serves: a count that anyone but an auditor can read is never kept per private rule
 * ({@code /metrics} and {@code GET /v1/rules} leave them out), and a couple never sees a private finding
 * of either partner. Instances are immutable.
 */
public final class PrivateRules {

    private final Ruleset ruleset;
    private final Set<String> ids;
    private final Set<String> findings;

    private PrivateRules(Ruleset ruleset, Set<String> ids, Set<String> findings) {
        this.ruleset = ruleset;
        this.ids = Set.copyOf(ids);
        this.findings = Set.copyOf(findings);
    }

    /** The private rules of a ruleset. */
    public static PrivateRules of(Ruleset ruleset) {
        return of(ruleset.content().questionnaire(), ruleset.rules(), ruleset);
    }

    /** The private rules among {@code rules}, read against {@code questionnaire}; for checks before a ruleset exists. */
    static PrivateRules of(Questionnaire questionnaire, Collection<RuleInfo> rules, Ruleset ruleset) {
        Set<String> privateQuestions = new HashSet<>();
        questionnaire.questions().stream().filter(Question::isPrivate).forEach(q -> privateQuestions.add(q.id()));
        questionnaire.sections().stream().filter(Questionnaire.Section::isPrivate)
                .forEach(section -> section.questions().forEach(q -> privateQuestions.add(q.id())));
        Set<String> ids = new HashSet<>();
        Set<String> privateFindings = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (RuleInfo rule : rules) {
                if (ids.contains(rule.id())) {
                    continue;
                }
                boolean reads = rule.questions().stream().anyMatch(privateQuestions::contains)
                        || rule.uses().stream().anyMatch(privateFindings::contains);
                if (reads) {
                    ids.add(rule.id());
                    privateFindings.addAll(rule.findings());
                    grew = true;
                }
            }
        }
        return new PrivateRules(ruleset, ids, privateFindings);
    }

    /** True when these are the private rules of {@code other} (the same object, not an equal one). */
    public boolean belongTo(Ruleset other) {
        return ruleset == other;
    }

    /** True when the rule of this id is private. */
    public boolean contains(String ruleId) {
        return ids.contains(ruleId);
    }

    /** The ids of the private rules. */
    public Set<String> ids() {
        return ids;
    }

    /**
     * The findings some private rule draws: whether one is there can tell a private answer, even where
     * another rule draws it too.
     */
    public Set<String> findings() {
        return findings;
    }
}
