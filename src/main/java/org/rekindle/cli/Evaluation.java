package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.rekindle.content.InvalidAnswers;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/**
 * An answers file evaluated offline, as the server evaluates the same body: what {@code evaluate} and
 * {@code explain} print.
 */
record Evaluation(Ruleset ruleset, Answers answers, Decision decision) {

    /**
     * Reads {@code answersFile} (first, so that a wrong name is reported before the rules compile), loads
     * the ruleset and evaluates the answers.
     *
     * @return null when the ruleset is not valid or the answers do not fit its questionnaire; every
     *         problem is then printed to {@code err}
     * @throws InputProblem when the file cannot be read or is not an answers body
     */
    static Evaluation of(RulesOptions options, String answersFile, PrintWriter err) throws IOException {
        AnswersFile.Body body = AnswersFile.read(answersFile, System.in);
        Ruleset ruleset = RulesOptions.loadOrReport(options.bundle(), err,
                "the ruleset is not valid; run 'validate' and fix it first");
        if (ruleset == null) {
            return null;
        }
        Answers answers;
        try {
            answers = ruleset.content().questionnaire().readPosted(body.answers());
            if (body.previous() != null) {
                ruleset.content().questionnaire().read(body.previous());
            }
        } catch (InvalidAnswers e) {
            e.problems().forEach(p -> err.println(answersFile + ": " + p.field() + ": " + p.problem()));
            return null;
        }
        Previous previous = body.previous() == null ? null : Engine.previous(ruleset, "previous", body.previous());
        return new Evaluation(ruleset, answers, Engine.evaluate(ruleset, answers, previous, body.locale()));
    }
}
