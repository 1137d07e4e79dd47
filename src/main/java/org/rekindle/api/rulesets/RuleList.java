package org.rekindle.api.rulesets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.javalin.http.Context;

import org.rekindle.api.http.Serving;
import org.rekindle.api.metrics.ApiMetrics;
import org.rekindle.api.progress.LatestFeedback;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.FeedbackRecord;
import org.rekindle.live.LiveRuleset;
import org.rekindle.ruleset.RuleCatalogue;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code GET /v1/rules}: the live ruleset's rule catalogue, with how often each rule fired since start and
 * the feedback people gave on the cards it showed (from the decision log, so it survives restarts).
 */
public final class RuleList {

    /**
     * A catalogue entry and its firings since the server started (over every ruleset that was live);
     * {@code fired} is left out for a rule that reads the private screen, whose firings are not counted.
     */
    record RuleView(String id, String name, String file, int line, String source, List<String> cards,
            List<String> findings, List<String> withholds, Long fired, Outcomes feedback) {
    }

    /**
     * @param cards the feedback per card, over the stored feedback of every assessment; feedback on a card a
     *              private rule showed is counted nowhere, like that rule's firings
     */
    record View(String rulesetVersion, List<RuleView> rules, Map<String, Outcomes> cards) {
    }

    /**
     * How often people accepted, overrode, and carried out (a focus step), from the stored feedback: each
     * card of an assessment once, with its latest item ({@link LatestFeedback}).
     */
    record Outcomes(long accepted, long overridden, long done) {

        static final Outcomes NONE = new Outcomes(0, 0, 0);

        Outcomes plus(FeedbackRecord item) {
            return new Outcomes(accepted + ("accepted".equals(item.outcome()) ? 1 : 0),
                    overridden + ("overridden".equals(item.outcome()) ? 1 : 0), done + (item.done() ? 1 : 0));
        }
    }

    private final LiveRuleset rulesets;
    private final ApiMetrics metrics;
    private final DecisionLog log;

    public RuleList(LiveRuleset rulesets, ApiMetrics metrics, DecisionLog log) {
        this.rulesets = rulesets;
        this.metrics = metrics;
        this.log = log;
    }

    public void list(Context ctx) {
        Ruleset ruleset = Serving.ruleset(rulesets);
        Map<String, Outcomes> byRule = new HashMap<>();
        Map<String, Outcomes> byCard = new TreeMap<>();
        for (FeedbackRecord item : LatestFeedback.of(log.allFeedback())) {
            // Counted for the public rules that showed the card; and for the card only when one of them
            // did, so that a card only a private rule shows (the safety screen's) is counted nowhere.
            boolean counted = false;
            for (String rule : item.rules()) {
                if (!metrics.isPrivate(ruleset, rule)) {
                    byRule.merge(rule, Outcomes.NONE.plus(item), (a, b) -> a.plus(item));
                    counted = true;
                }
            }
            if (counted) {
                byCard.merge(item.card(), Outcomes.NONE.plus(item), (a, b) -> a.plus(item));
            }
        }
        List<RuleView> rules = RuleCatalogue.of(ruleset).stream()
                .map(e -> new RuleView(e.id(), e.name(), e.file(), e.line(), e.source(), e.cards(), e.findings(),
                        e.withholds(), metrics.firings(ruleset, e.id()), metrics.isPrivate(ruleset, e.id()) ? null
                                : byRule.getOrDefault(e.id(), Outcomes.NONE)))
                .toList();
        ctx.json(new View(ruleset.version(), rules, byCard));
    }
}
