package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.content.GuidanceItem;
import org.rekindle.engine.WithheldCard;
import org.rekindle.explain.ConditionCheck;
import org.rekindle.explain.WhyNot;
import org.rekindle.json.Json;
import org.rekindle.ruleset.Spelling;

/**
 * {@code rekindle why-not answers.json CARD}: why a card is or is not in the plan for these answers:
 * each rule that can show it, each of its conditions with whether it held and the values it looked at,
 * the rules that draw a finding it needs and the decision did not draw, checked the same way, and the
 * path or rule that withheld it. The same check as {@code GET /v1/assessments/{id}/why-not/{card}}.
 *
 * <p>{@code rekindle why-not --id ID --db DB CARD}: the same for a decision stored in the log, with the
 * ruleset of its day, printed as the JSON that route gives an auditor (private answers masked unless
 * {@code --private-answers}).
 */
@Command(name = "why-not", mixinStandardHelpOptions = true,
        description = {"Evaluate an answers file and say why CARD is, or is not, in the plan: each rule that can "
                + "show it with each of its conditions, whether it held and the values it looked at, and the rules "
                + "that draw a finding it needs that was not drawn; or the path or rule that withheld the card. "
                + "--json prints it as JSON.",
                "With --id ID (and --db) instead of the answers file: the same for a decision stored in the "
                        + "decision log, with the ruleset of its day, as the JSON GET /v1/assessments/{id}/why-not/{card} "
                        + "gives (answers to private questions masked unless --private-answers).",
                "Exits 2 when the file cannot be read, its answers do not fit the questionnaire, the ruleset is "
                        + "not valid, or it has no card CARD; with --id, when the decision is not in the log or its "
                        + "ruleset cannot be rebuilt."})
final class WhyNotCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Parameters(arity = "1..2", paramLabel = "[ANSWERS.json] CARD", description = "The answers file ('-' reads "
            + "standard input; not with --id), then the content id of the card.")
    List<String> arguments;

    @Option(names = "--id", paramLabel = "ID", description = "Check the stored decision ID (see --db) instead.")
    String id;

    @Mixin
    DbOption db;

    @Option(names = "--private-answers", description = "With --id: show the answers to private questions as "
            + "stored.")
    boolean privateAnswers;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (arguments.size() != (id == null ? 2 : 1)) {
            throw new ParameterException(spec.commandLine(), id == null ? "give the answers file and CARD, or --id ID "
                    + "and CARD" : "with --id give only CARD, not an answers file");
        }
        String card = arguments.get(arguments.size() - 1);
        if (id != null) {
            String result = StoredDecisions.whyNot(db.setting(spec), id, card, options, privateAnswers,
                    spec.commandLine().getErr());
            if (result == null) {
                return 2;
            }
            out.println(result);
            return 0;
        }
        String answersFile = arguments.get(0);
        Evaluation evaluation = Evaluation.of(options, answersFile, spec.commandLine().getErr());
        if (evaluation == null) {
            return 2;
        }
        WhyNot.Result result = WhyNot.of(evaluation.ruleset(), card, evaluation.answers(), evaluation.decision());
        if (result == null) {
            spec.commandLine().getErr().println("the ruleset has no card '" + card + "'" + Spelling.suggest(card,
                    evaluation.ruleset().content().library().items().stream().map(GuidanceItem::id).toList())
                    + "; 'rekindle rules' lists what each rule can show");
            return 2;
        }
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return 0;
        }
        out.println(result.card() + " (\u201c" + result.title() + "\u201d), ruleset " + result.rulesetVersion() + ": "
                + switch (result.verdict()) {
                    case SHOWN -> "shown.";
                    case WITHHELD -> "not shown: a rule that shows it held, but the card was withheld.";
                    case NO_RULE_HELD -> "not shown: no rule that shows it held.";
                    case NO_RULE_SHOWS_IT -> "not shown: no rule shows it.";
                });
        for (WhyNot.RuleCheck rule : result.rules()) {
            out.println();
            print(rule, "", out);
            for (WhyNot.MissingFinding missing : rule.needs()) {
                out.println("  needs the finding " + missing.finding() + ", which this decision did not draw; "
                        + (missing.drawnBy().isEmpty() ? "no rule draws it."
                                : missing.drawnBy().size() == 1 ? "the rule that draws it:" : "the rules that draw it:"));
                missing.drawnBy().forEach(drawer -> print(drawer, "    ", out));
            }
        }
        for (WithheldCard withheld : result.withheld()) {
            out.println();
            out.println(withheld.path() != null
                    ? "Withheld by the path " + withheld.path() + (withheld.reason() == null ? ""
                            : ": " + withheld.reason().strip()) + " (chosen by firing(s) " + withheld.withheldBy() + ")"
                    : "Withheld: tag " + withheld.tag() + " withheld by firing(s) " + withheld.withheldBy());
        }
        return 0;
    }

    private static void print(WhyNot.RuleCheck rule, String indent, PrintWriter out) {
        out.println(indent + (rule.held() ? "HELD      " : "DID NOT HOLD  ") + "\u201c" + rule.rule() + "\u201d ["
                + rule.ruleId() + ", " + rule.file() + ":" + rule.line() + "]");
        if (!rule.source().isBlank()) {
            out.println(indent + "  source: " + rule.source());
        }
        print(rule.conditions(), indent + "  ", out);
    }

    private static void print(ConditionCheck.Checked checked, String indent, PrintWriter out) {
        String mark = checked.held() ? "[yes] " : "[no]  ";
        switch (checked.kind()) {
            case "constraint" -> {
                StringBuilder line = new StringBuilder(indent + mark + checked.text());
                checked.looked().forEach(l -> line.append("   ").append(l.query()).append(" = ").append(l.value()));
                for (Map.Entry<String, Object> answer : checked.answers().entrySet()) {
                    line.append("   ").append(answer.getKey()).append(": ").append(answer.getValue());
                }
                out.println(line);
            }
            case "pattern" -> {
                StringBuilder line = new StringBuilder(indent + mark + checked.text() + "( ... )");
                checked.looked().forEach(l -> line.append("   present: ").append(l.query()).append('(')
                        .append(l.value()).append(')'));
                out.println(line);
                checked.parts().forEach(part -> print(part, indent + "    ", out));
            }
            case "all" -> checked.parts().forEach(part -> print(part, indent, out));
            default -> {
                out.println(indent + mark + checked.kind());
                checked.parts().forEach(part -> print(part, indent + "    ", out));
            }
        }
    }
}
