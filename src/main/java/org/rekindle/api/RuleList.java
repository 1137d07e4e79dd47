package org.rekindle.api;

import java.util.List;

import io.javalin.http.Context;

import org.rekindle.live.LiveRuleset;
import org.rekindle.ruleset.RuleCatalogue;
import org.rekindle.ruleset.Ruleset;

/** {@code GET /v1/rules}: the live ruleset's rule catalogue, with how often each rule fired since start. */
final class RuleList {

    /**
     * A catalogue entry and its firings since the server started (over every ruleset that was live);
     * {@code fired} is left out for a rule that reads the private screen, whose firings are not counted.
     */
    record RuleView(String id, String name, String file, int line, String source, List<String> cards,
            List<String> findings, List<String> withholds, Long fired) {
    }

    record View(String rulesetVersion, List<RuleView> rules) {
    }

    private final LiveRuleset rulesets;
    private final ApiMetrics metrics;

    RuleList(LiveRuleset rulesets, ApiMetrics metrics) {
        this.rulesets = rulesets;
        this.metrics = metrics;
    }

    void list(Context ctx) {
        Ruleset ruleset = Serving.ruleset(rulesets);
        List<RuleView> rules = RuleCatalogue.of(ruleset).stream()
                .map(e -> new RuleView(e.id(), e.name(), e.file(), e.line(), e.source(), e.cards(), e.findings(),
                        e.withholds(), metrics.firings(ruleset, e.id())))
                .toList();
        ctx.json(new View(ruleset.version(), rules));
    }
}
