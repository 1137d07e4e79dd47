package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Evaluate an answers file (the body an app posts: {\"answers\": {...}}) and print why the "
                + "plan is what it is: each rule that fired, in order, with its file:line, the answers it read, its "
                + "reason, what it inserted and the firings it built on; then the cards withheld, and by which "
                + "rules. --json prints the trace as JSON.",
                "Exits 2 when the file cannot be read, its answers do not fit the questionnaire, or the ruleset "
                        + "is not valid."})
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Parameters(paramLabel = "ANSWERS.json", description = "The answers file; '-' reads standard input.")
    String answersFile;

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
                    decision.plan(), trace, answers, (question, value) -> value)));
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
