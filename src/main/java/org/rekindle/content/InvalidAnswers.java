package org.rekindle.content;

import java.util.List;

/** Thrown when posted answers do not fit the questionnaire; lists every offending field. */
public final class InvalidAnswers extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidAnswers(List<FieldProblem> problems) {
        super(problems.size() + " answer(s) do not fit the questionnaire");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
