package org.rekindle.api.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * The rules of a ruleset whose firing can tell something about a private answer (the questionnaire
 * marks the safety screen {@code private}). A rule is private when its conditions or its reason read
 * a private question, or when it matches (or waits for the absence of) a finding that a private rule
 * inserts; that closes over chains such as "screen positive" to "safety concern" to "help first" and
 * "withhold exposing exercises", and over any rule a coach adds to them later.
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
        Set<String> privateQuestions = ruleset.content().questionnaire().questions().stream()
                .filter(Question::isPrivate).map(Question::id).collect(Collectors.toSet());
        ruleset.content().questionnaire().sections().stream().filter(Questionnaire.Section::isPrivate)
                .forEach(section -> section.questions().forEach(q -> privateQuestions.add(q.id())));
        Set<String> ids = new HashSet<>();
        Set<String> privateFindings = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (RuleInfo rule : ruleset.rules()) {
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
        return new PrivateRules(ruleset, ids);
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
