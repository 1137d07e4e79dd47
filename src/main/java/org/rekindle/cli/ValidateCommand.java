package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.bundle.Bundle;
import org.rekindle.content.ContentLoader;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * {@code rekindle validate}: compile and cross-check rules and content, print problems, exit 1 on any; on
 * success, a note per translation on what it leaves to the default texts.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile rules and content and cross-check them; "
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
        Bundle bundle = options.bundle();
        Acceptance.Verdict verdict = RulesOptions.acceptOrReport(bundle, err, "the ruleset would not go live");
        if (verdict == null) {
            return 1;
        }
        Ruleset ruleset = verdict.ruleset();
        out.println("ok: ruleset " + bundle.version() + " with " + ruleset.rules().size() + " rules, "
                + ruleset.content().library().items().size() + " content items, "
                + ruleset.content().questionnaire().questions().size() + " questions; "
                + verdict.outcomes().size() + " scenario cases pass and cover every rule");
        // Not problems: a translation may leave texts to the default. Said so the coach knows what is English.
        ContentLoader.load(bundle).notes().forEach(note -> out.println("note: " + note.file() + ": " + note.message()));
        return 0;
    }

}
