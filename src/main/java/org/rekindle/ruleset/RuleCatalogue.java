package org.rekindle.ruleset;

import java.util.Comparator;
import java.util.List;

/**
 * The rules of a ruleset as a coach looks them up: where each is written, what it cites and what it
 * can produce. {@code GET /v1/rules} and the {@code rules} command both list this.
 */
public final class RuleCatalogue {

    /**
     * One rule.
     *
     * @param source    the source the rule cites: its {@code @source}, or else the one source of the cards it shows
     * @param cards     the content ids its consequence can show, sorted
     * @param findings  the findings it can insert, sorted
     * @param withholds the content tags it can withhold, sorted
     */
    public record Entry(String id, String name, String file, int line, String source, List<String> cards,
            List<String> findings, List<String> withholds) {
    }

    private RuleCatalogue() {
    }

    /** Every rule of {@code ruleset}, by file and line. */
    public static List<Entry> of(Ruleset ruleset) {
        return ruleset.rules().stream()
                .sorted(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line))
                .map(rule -> new Entry(rule.id(), rule.name(), rule.file(), rule.line(), rule.source(),
                        rule.cards().stream().sorted().toList(), rule.findings().stream().sorted().toList(),
                        rule.withholds().stream().sorted().toList()))
                .toList();
    }
}
