package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.bundle.Bundle;
import org.rekindle.json.Json;
import org.rekindle.ruleset.RuleCatalogue;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code rekindle rules}: the rule catalogue, as {@code GET /v1/rules} lists it (without firing counts,
 * which only a running server has).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every rule: file:line, id, name, source and the cards it can show.")
final class RulesCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Option(names = "--json", description = "Print JSON, as GET /v1/rules returns it (without 'fired').")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        Bundle bundle = options.bundle();
        Ruleset ruleset = RulesOptions.loadOrReport(bundle, spec.commandLine().getErr(),
                "the ruleset is not valid; run 'validate' and fix it first");
        if (ruleset == null) {
            return 2;
        }
        List<RuleCatalogue.Entry> rules = RuleCatalogue.of(ruleset);
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("rulesetVersion", ruleset.version());
            view.put("rules", rules);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view));
            return 0;
        }
        for (RuleCatalogue.Entry rule : rules) {
            out.println(rule.file() + ":" + rule.line() + "  " + rule.id() + "  \"" + rule.name() + "\"");
            out.println("    source: " + rule.source());
            if (!rule.cards().isEmpty()) {
                out.println("    shows: " + String.join(", ", rule.cards()));
            }
            if (!rule.findings().isEmpty()) {
                out.println("    finds: " + String.join(", ", rule.findings()));
            }
            if (!rule.withholds().isEmpty()) {
                out.println("    withholds: " + String.join(", ", rule.withholds()));
            }
        }
        out.println();
        out.println(rules.size() + " rules in ruleset " + ruleset.version());
        return 0;
    }
}
