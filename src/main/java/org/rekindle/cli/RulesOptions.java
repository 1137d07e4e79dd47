package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import org.rekindle.bundle.Bundle;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;
import org.rekindle.scenario.Acceptance;

/** The {@code --rules} and {@code --content} options every command shares. */
final class RulesOptions {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "${env:REKINDLE_RULES:-rules}",
            description = "Folder of rule files (default: ${DEFAULT-VALUE}, or $REKINDLE_RULES).")
    Path rules;

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "${env:REKINDLE_CONTENT:-content}",
            description = "Folder of content files (default: ${DEFAULT-VALUE}, or $REKINDLE_CONTENT).")
    Path content;

    /** The files under {@code --rules} and {@code --content}; an {@link InputProblem} names a missing folder's flag. */
    Bundle bundle() {
        return Bundle.read(InputProblem.folder(rules, "--rules (or REKINDLE_RULES) must name the folder of rule files"),
                InputProblem.folder(content, "--content (or REKINDLE_CONTENT) must name the folder of content files"));
    }

    /**
     * Loads the ruleset of {@code bundle} the way the server does; when it is not valid, prints every
     * problem and {@code advice} to {@code err} and returns null.
     */
    static Ruleset loadOrReport(Bundle bundle, PrintWriter err, String advice) {
        RulesetLoader.Result loaded = RulesetLoader.load(bundle);
        if (!loaded.ok()) {
            loaded.problems().forEach(err::println);
            err.println(loaded.problems().size() + " problem(s); " + advice);
        }
        return loaded.ruleset();
    }

    /**
     * Asks {@code bundle} what a reload asks ({@link Acceptance}); when the answer is no, prints every
     * problem and then {@code consequence} to {@code err} and returns null.
     */
    static Acceptance.Verdict acceptOrReport(Bundle bundle, PrintWriter err, String consequence) {
        Acceptance.Verdict verdict = Acceptance.of(bundle);
        if (verdict.accepted()) {
            return verdict;
        }
        verdict.problems().forEach(err::println);
        err.println(verdict.problems().size() + " problem(s); " + consequence);
        return null;
    }
}
