package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.content.ContentLoader;

/**
 * Turns a bundle into a {@link Ruleset}: load content, compile rules, cross-check them. Pure and
 * reused by the server, every reload and the {@code validate} command, so all three agree on what
 * is a valid ruleset.
 */
public final class RulesetLoader {

    /** The ruleset, or null with the problems that stopped it. */
    public record Result(Ruleset ruleset, List<Problem> problems) {

        public boolean ok() {
            return ruleset != null;
        }
    }

    /** The rules read, or null with the problems that stopped them. */
    public record Rules(RuleBook book, List<Problem> problems) {

        public boolean ok() {
            return book != null;
        }
    }

    private RulesetLoader() {
    }

    public static Result load(Bundle bundle) {
        List<Problem> problems = new ArrayList<>();
        ContentLoader.Result content = content(bundle, problems);
        RuleCompiler.Result compiled = RuleCompiler.compile(bundle.ruleFiles());
        CrossCheck.Result checked = crossCheck(compiled.rules(), compiled.problems(), content, problems);
        if (compiled.kieBase() != null) {
            compiled.kieBase().getKiePackages().forEach(pkg -> pkg.getRules().forEach(rule -> {
                if (!checked.rules().containsKey(rule.getPackageName() + "." + rule.getName())) {
                    problems.add(Problem.inFile("rules/", "rule \"" + rule.getName() + "\" in package "
                            + rule.getPackageName() + " could not be read for the audit trail; start it on a line "
                            + "of its own: rule \"name\""));
                }
            }));
        }
        if (!problems.isEmpty() || compiled.kieBase() == null) {
            // A table cell used twice in a row's code is checked twice at the same row: say it once.
            return new Result(null, problems.stream().distinct().toList());
        }
        return new Result(new Ruleset(bundle, content.content(), compiled.kieBase(), checked.rules()), List.of());
    }

    /**
     * What the bundle's rules say of themselves, read and checked as {@link #load} does but not compiled:
     * a few milliseconds per rule file instead of the compiler's second, for reading the decisions of an
     * older version. Only a bundle {@link #load} accepts gives a book.
     */
    public static Rules rules(Bundle bundle) {
        List<Problem> problems = new ArrayList<>();
        ContentLoader.Result content = content(bundle, problems);
        RuleCompiler.Reading read = RuleCompiler.read(bundle.ruleFiles());
        CrossCheck.Result checked = crossCheck(read.rules(), read.problems(), content, problems);
        if (!problems.isEmpty()) {
            return new Rules(null, problems.stream().distinct().toList());
        }
        return new Rules(new RuleBook(bundle.version(), checked.rules().values()), List.of());
    }

    /**
     * The rules read cross-checked with the content; the rules' problems and the check's are added to
     * {@code problems}. A rule the compiler refused is missing from the rules read, and a content file that
     * could not be read is missing from the content: what either would have defined must not be reported as
     * missing.
     */
    private static CrossCheck.Result crossCheck(List<CompiledRule> rules, List<Problem> ruleProblems,
            ContentLoader.Result content, List<Problem> problems) {
        problems.addAll(ruleProblems);
        CrossCheck.Result checked = CrossCheck.check(rules, content.content(), ruleProblems.isEmpty(),
                content.unread().isEmpty());
        problems.addAll(checked.problems());
        return checked;
    }

    /** The bundle's content, with its problems and a missing rules folder's added to {@code problems}. */
    private static ContentLoader.Result content(Bundle bundle, List<Problem> problems) {
        ContentLoader.Result content = ContentLoader.load(bundle);
        problems.addAll(content.problems());
        if (bundle.ruleFiles().isEmpty()) {
            problems.add(Problem.inFile("rules/", "no rule files (*.drl, *.drl.csv, *.drl.xlsx) found"));
        }
        return content;
    }
}
