package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.explain.PlainExplanation;
import org.rekindle.json.Json;

/**
 * {@code rekindle explain answers.json}: why the plan is what it is. Every rule that fired on the
 * answers, in firing order, with where it is written, the answers it read, its reason, what it
 * inserted and the firings it built on; then the cards another rule withheld.
 *
 * <p>{@code rekindle explain --id ID --db DB}: the plain-language report of a decision stored in the
 * log, rebuilt with the ruleset of its day from the log's archive, exactly as
 * {@code GET /v1/assessments/{id}/explanation?format=text} (or {@code --json}: {@code ?format=plain})
 * gives it to an auditor without the private-answers scope, unless {@code --private-answers}.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Evaluate an answers file (the body an app posts: {\"answers\": {...}}) and print why the "
                + "plan is what it is: each rule that fired, in order, with its file:line, the answers it read, its "
                + "reason, what it inserted and the firings it built on; then the cards withheld, and by which "
                + "rules. --json prints the trace as JSON.",
                "With --id ID (and --db), explain a decision stored in the decision log instead, with the ruleset "
                        + "of its day: the plain-language report GET /v1/assessments/{id}/explanation?format=text gives "
                        + "(--json: ?format=plain), answers to private questions masked unless --private-answers.",
                "Exits 2 when the file cannot be read, its answers do not fit the questionnaire, or the ruleset "
                        + "is not valid; with --id, when the decision is not in the log or its ruleset cannot be "
                        + "rebuilt."})
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Parameters(paramLabel = "ANSWERS.json", arity = "0..1",
            description = "The answers file; '-' reads standard input. Not with --id.")
    String answersFile;

    @Option(names = "--id", paramLabel = "ID", description = "Explain the stored decision ID (see --db) instead.")
    String id;

    @Mixin
    DbOption db;

    @Option(names = "--private-answers", description = "With --id: show the answers to private questions as "
            + "stored.")
    boolean privateAnswers;

    @Option(names = "--json", description = "Print {rulesetVersion, trace, withheld} as JSON.")
    boolean json;

    @Option(names = "--plain", description = "Print the plain-language report instead: for each card where it "
            + "is and why, the rules that showed it with their sources, and the answers (question and answer as "
            + "the person saw them) that decided it. GET /v1/assessments/{id}/explanation?format=text gives the "
            + "same report for a stored decision.")
    boolean plain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if ((id == null) == (answersFile == null)) {
            throw new ParameterException(spec.commandLine(), "give either an answers file or --id ID, not "
                    + (id == null ? "neither" : "both"));
        }
        if (id != null) {
            PlainExplanation.Report report = StoredDecisions.report(db.setting(spec), id, options, privateAnswers,
                    spec.commandLine().getErr());
            if (report == null) {
                return 2;
            }
            out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
                    : PlainExplanation.text(report));
            return 0;
        }
        Evaluation evaluation = Evaluation.of(options, answersFile, spec.commandLine().getErr());
        if (evaluation == null) {
            return 2;
        }
        Decision decision = evaluation.decision();
        if (plain) {
            Map<Integer, Firing> trace = new LinkedHashMap<>();
            decision.trace().forEach(f -> trace.put(f.seq(), f));
            Map<String, Object> answers = new LinkedHashMap<>();
            evaluation.answers().questions().forEach(q -> answers.put(q, evaluation.answers().value(q)));
            out.print(PlainExplanation.text(PlainExplanation.of(answersFile, "now", evaluation.ruleset(),
                    decision.locale(), decision.plan(), trace, answers, (question, value) -> value)));
        } else if (json) {
            Map<String, Object> trace = new LinkedHashMap<>();
            trace.put("rulesetVersion", decision.rulesetVersion());
            trace.put("trace", decision.trace());
            trace.put("withheld", decision.withheld());
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(trace));
        } else {
            PlanReport.printTrace(decision, answersFile, out);
        }
        return 0;
    }
}
