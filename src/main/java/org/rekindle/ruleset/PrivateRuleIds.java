package org.rekindle.ruleset;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;

/**
 * The ids of the rules of a ruleset whose firing can tell something about a private answer (the
 * questionnaire marks the safety screen {@code private}). A rule is private when its conditions or its
 * reason read a private question, or when it matches (or waits for the absence of) a finding that a
 * private rule inserts; that closes over chains such as "screen positive" to "safety concern" to "help
 * first" and "withhold exposing exercises", and over any rule a coach adds to them later. The one
 * definition the metrics and the shadow comparison share.
 */
public final class PrivateRuleIds {

    private PrivateRuleIds() {
    }

    public static Set<String> of(Ruleset ruleset) {
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
        return Set.copyOf(ids);
    }
}
