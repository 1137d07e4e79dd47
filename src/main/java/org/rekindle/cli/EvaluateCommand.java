package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.json.Json;

/**
 * {@code rekindle evaluate answers.json}: the plan an app would get, offline; a readable report by
 * default, the JSON with {@code --json}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate an answers file (the body an app posts: {\"answers\": {...}}) and print the plan: "
                + "its path and focus when it has them, the summary, then the cards by section, each with the "
                + "reason it is shown and the rule behind it. --json prints the plan as JSON, cards' texts included.",
                "Exits 2 when the file cannot be read, its answers do not fit the questionnaire, or the ruleset "
                        + "is not valid."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Parameters(paramLabel = "ANSWERS.json", description = "The answers file; '-' reads standard input.")
    String answersFile;

    @Option(names = "--json",
            description = "Print the plan as JSON, as the API returns it (without id and createdAt).")
    boolean json;

    @Option(names = "--explain",
            description = "Also print the firing trace and the withheld cards (as 'explain' does).")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Evaluation evaluation = Evaluation.of(options, answersFile, spec.commandLine().getErr());
        if (evaluation == null) {
            return 2;
        }
        // The path and the focus first: what a person on this plan does this week, then the rest.
        ObjectNode whole = Json.MAPPER.valueToTree(evaluation.decision().plan());
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.set("path", whole.remove("path"));
        plan.set("focus", whole.remove("focus"));
        plan.put("rulesetVersion", evaluation.decision().rulesetVersion());
        plan.setAll(whole);
        if (json) {
            if (explain) {
                plan.set("trace", Json.MAPPER.valueToTree(evaluation.decision().trace()));
                plan.set("withheld", Json.MAPPER.valueToTree(evaluation.decision().withheld()));
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
            return 0;
        }
        PlanReport.printPlan(plan, answersFile, evaluation.ruleset().content().library(), out);
        if (explain) {
            out.println();
            PlanReport.printTrace(evaluation.decision(), answersFile, out);
        }
        return 0;
    }
}
