package org.rekindle.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rekindle.model.Answers;

/**
 * What makes a set of answers contradict itself, each well formed as it is: an answer to a question
 * that these answers do not ask (its {@code enableWhen} does not hold), and an exclusive option (such
 * as {@code none}) picked together with another option.
 */
final class Contradictions {

    private Contradictions() {
    }

    /** Every contradiction in {@code answers}, each naming its field ({@code answers.<question>}). */
    static List<FieldProblem> find(Questionnaire questionnaire, Answers answers) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> asked = questionnaire.asked(answers);
        for (Question question : questionnaire.questions()) {
            if (!answers.answered(question.id())) {
                continue;
            }
            String field = "answers." + question.id();
            if (!asked.contains(question.id())) {
                problems.add(new FieldProblem(field, "this question is not asked with the other answers: it is "
                        + "asked only when " + question.enableWhen().describe() + "; leave it out, or send the "
                        + "answer it depends on"));
            }
            if (!question.exclusive().isEmpty() && answers.value(question.id()) instanceof List<?> picked
                    && picked.size() > 1) {
                for (String option : question.exclusive()) {
                    if (picked.contains(option)) {
                        problems.add(new FieldProblem(field, "'" + option + "' (\"" + question.labelOf(option)
                                + "\") cannot be combined with another option; send [\"" + option
                                + "\"] alone, or the other options without it"));
                    }
                }
            }
        }
        return problems;
    }
}
