package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.ruleset.RulesetLoader;

/** {@code rekindle validate}: compile and cross-check rules and content, print problems, exit 1 on any. */
@Command(name = "validate", description = "Compile rules and content and cross-check them; "
        + "prints file:line:column: message for each problem and exits 1 when there is any.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bundle bundle = Bundle.read(options.rules, options.content);
        RulesetLoader.Result result = RulesetLoader.load(bundle);
        if (!result.ok()) {
            result.problems().forEach(problem -> err.println(problem));
            err.println(result.problems().size() + " problem(s); the ruleset is not valid");
            return 1;
        }
        out.println("ok: ruleset " + bundle.version() + " with " + result.ruleset().rules().size() + " rules, "
                + result.ruleset().content().library().items().size() + " content items, "
                + result.ruleset().content().questionnaire().questions().size() + " questions");
        return 0;
    }

}
