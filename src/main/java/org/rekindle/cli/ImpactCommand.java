package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.json.Json;
import org.rekindle.audit.Database;
import org.rekindle.audit.DbSetting;
import org.rekindle.bundle.Bundle;
import org.rekindle.replay.Impact;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * {@code rekindle impact}: what a candidate ruleset would change, over the most recent stored
 * assessments, compared with the ruleset in {@code --rules}/{@code --content} (by default the
 * checkout's, i.e. what is published). The same comparison as {@code POST /v1/admin/preview}.
 */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"Replay the most recent stored assessments against a candidate ruleset and list, per "
                + "assessment and per rule, which cards would appear and disappear. Compares with the ruleset in "
                + "--rules/--content.",
                "Exits 0 when the candidate would go live, 1 when it would not (a scenario case fails: a reload "
                        + "would refuse it), 2 when either ruleset is not valid or an argument is wrong."})
final class ImpactCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Option(names = "--candidate", paramLabel = "DIR",
            description = "Folder holding the candidate's rules/ and content/.")
    Path candidate;

    @Option(names = "--candidate-rules", paramLabel = "DIR",
            description = "The candidate's rule folder (default: DIR/rules of --candidate, else --rules).")
    Path candidateRules;

    @Option(names = "--candidate-content", paramLabel = "DIR",
            description = "The candidate's content folder (default: DIR/content of --candidate, else --content).")
    Path candidateContent;

    @Mixin
    DbOption db;

    @Option(names = "--limit", defaultValue = "100",
            description = "How many of the most recent assessments to replay (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the report as JSON, as POST /v1/admin/preview returns it.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DbSetting setting = check();
        Path rules = candidateRules != null ? candidateRules
                : candidate != null ? candidate.resolve("rules") : options.rules;
        Path content = candidateContent != null ? candidateContent
                : candidate != null ? candidate.resolve("content") : options.content;
        // The candidate's folders first: a wrong name is reported before anything compiles.
        Bundle candidateFiles = Bundle.read(
                InputProblem.folder(rules, advice(candidateRules, "rules", "rule")),
                InputProblem.folder(content, advice(candidateContent, "content", "content")));
        Ruleset before = RulesOptions.loadOrReport(options.bundle(), err, "the ruleset to compare with ("
                + options.rules + ", " + options.content + ") is not valid");
        if (before == null) {
            return 2;
        }
        Acceptance.Verdict after = Acceptance.of(candidateFiles);
        if (after.ruleset() == null) {
            after.problems().forEach(err::println);
            err.println(after.problems().size() + " problem(s); the candidate (" + rules + ", " + content
                    + ") is not valid; run 'validate --rules " + rules + " --content " + content + "'");
            return 2;
        }
        Impact.Report report;
        try (Database database = Database.open(setting)) {
            report = Impact.of(before, after, database.decisionLog().recent(limit));
        }
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            print(report, out);
        }
        if (!report.wouldGoLive()) {
            report.problems().forEach(err::println);
            err.println("the candidate would not go live: " + report.problems().size() + " scenario problem(s); "
                    + "run 'test --rules " + rules + " --content " + content + "'");
            return 1;
        }
        return 0;
    }

    /** The arguments checked; the decision log's setting, parsed. */
    private DbSetting check() {
        if (candidate == null && candidateRules == null && candidateContent == null) {
            throw new ParameterException(spec.commandLine(), "name the candidate: --candidate DIR (holding rules/ "
                    + "and content/), or --candidate-rules DIR and/or --candidate-content DIR");
        }
        if (limit < 1 || limit > 10_000) {
            throw new ParameterException(spec.commandLine(), "--limit must be from 1 to 10000, got " + limit);
        }
        DbSetting setting = db.setting(spec);
        if (setting.sqliteFile() != null && !Files.isRegularFile(setting.sqliteFile())) {
            // Opening would create an empty SQLite file: say what is wrong instead.
            throw new ParameterException(spec.commandLine(), "no decision log at "
                    + setting.sqliteFile().toAbsolutePath() + "; point --db (or REKINDLE_DB) at the server's decision log");
        }
        return setting;
    }

    /** Which flag to fix when the candidate's {@code kind} folder ("rules" or "content") is not there. */
    private String advice(Path own, String kind, String files) {
        if (own != null) {
            return "--candidate-" + kind + " must name the candidate's folder of " + files + " files";
        }
        if (candidate != null) {
            return "--candidate must name a folder holding rules/ and content/ (or name them with --candidate-rules "
                    + "and --candidate-content)";
        }
        return "--" + kind + " must name the folder of " + files + " files (the candidate uses it, as no --candidate-"
                + kind + " names another)";
    }

    private static void print(Impact.Report report, PrintWriter out) {
        Impact.Totals totals = report.totals();
        out.println("impact of ruleset " + report.candidate() + " against " + report.live() + ": "
                + totals.replayed() + " assessment(s) replayed, " + totals.changed() + " changed, "
                + totals.unchanged() + " unchanged, " + totals.skipped() + " skipped");
        if (!report.assessments().isEmpty()) {
            out.println();
            out.println("assessments (+ appears, - disappears, ~ reads differently):");
            for (Impact.Change change : report.assessments()) {
                List<String> marks = new ArrayList<>();
                change.appeared().forEach(id -> marks.add("+" + id));
                change.disappeared().forEach(id -> marks.add("-" + id));
                change.reworded().forEach(id -> marks.add("~" + id));
                if (change.path() != null) {
                    marks.add("path " + change.path().before() + " -> " + change.path().after());
                }
                if (change.focus() != null) {
                    marks.add("focus " + change.focus());
                }
                out.println("  " + change.id() + " (" + change.createdAt() + ", ruleset " + change.rulesetVersion()
                        + "): " + String.join(" ", marks));
            }
        }
        if (!report.rules().isEmpty()) {
            out.println();
            out.println("rules (firings before -> after):");
            for (Impact.RuleChange rule : report.rules()) {
                out.println("  " + rule.ruleId() + ": " + rule.firedBefore() + " -> " + rule.firedAfter());
            }
        }
        if (!report.skipped().isEmpty()) {
            out.println();
            out.println("skipped:");
            report.skipped().forEach(s -> out.println("  " + s.id() + ": " + s.reason()));
        }
    }
}
