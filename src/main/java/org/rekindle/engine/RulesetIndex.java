package org.rekindle.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.Questionnaire;
import org.rekindle.ruleset.RuleConditions;
import org.rekindle.ruleset.RuleBook;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * What the engine looks up on every firing and for every card, indexed once per ruleset: each Drools
 * rule's catalogue entry by identity (rather than building and hashing "package.name" per firing) and
 * each content item's place in the display order and in the article's order (rather than a four-key
 * comparison per sort step).
 *
 * <p>Indexes are kept per ruleset, weakly: a ruleset that is no longer used (after a reload) takes its
 * index with it. An index holds nothing that leads back to its ruleset. Immutable once built.
 */
final class RulesetIndex {

    /** Display order: indicator (critical first), then the topic's order, then the item's position. */
    static final Comparator<GuidanceItem> DISPLAY_ORDER = Comparator
            .comparing(GuidanceItem::indicator)
            .thenComparingInt(GuidanceItem::order)
            .thenComparing(GuidanceItem::topic)
            .thenComparingInt(GuidanceItem::position);

    /** The article's order, as the content files lay it out: the topic's order, then the item's position. */
    static final Comparator<GuidanceItem> ARTICLE_ORDER = Comparator
            .comparingInt(GuidanceItem::order)
            .thenComparing(GuidanceItem::topic)
            .thenComparingInt(GuidanceItem::position);

    /**
     * A content item, its rank in the display order (which puts critical cards first) and its rank in the
     * article's order (which the week's focus follows).
     */
    record RankedItem(GuidanceItem item, int rank, int articleRank) {
    }

    private static final Map<Ruleset, RulesetIndex> INDEXES = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * A rule's catalogue entry, with what each of its firings needs, worked out once:
     *
     * @param inserted         what a firing records as inserted ({@code Show(card_id)}, one per statement
     *                         of its consequence): the version's {@link RuleBook#facts} list itself
     * @param buildsOnFirings  whether its conditions match a fact that rules insert (a finding): only then
     *                         can a firing depend on earlier ones, and the matched facts need looking at
     * @param answerBindings   the bindings of its reason ({@code $yes}) that are a query on the answers in
     *                         a pattern every firing matches ({@code Answers( $yes : yesCount("s") )}):
     *                         the engine asks the answers itself rather than have Drools evaluate the
     *                         binding's expression again
     */
    record IndexedRule(RuleInfo info, List<String> inserted, boolean buildsOnFirings,
            Map<String, RuleConditions.Query> answerBindings) {

        static IndexedRule of(RuleInfo info, RuleBook book, Set<String> insertedTypes) {
            Map<String, RuleConditions.Query> bindings = new HashMap<>();
            Set<String> ambiguous = new HashSet<>();
            boolean[] buildsOnFirings = {false};
            matched(info.conditions().when(), true, insertedTypes, buildsOnFirings, bindings, ambiguous);
            ambiguous.forEach(bindings::remove);
            return new IndexedRule(info, book.facts(info.id()), buildsOnFirings[0], Map.copyOf(bindings));
        }

        /**
         * Walks the patterns a firing matches ({@code not} and {@code exists} match no fact; an {@code or}
         * matches one of its parts, so its bindings are not taken).
         */
        private static void matched(RuleConditions.When when, boolean everyFiring, Set<String> insertedTypes,
                boolean[] buildsOnFirings, Map<String, RuleConditions.Query> bindings, Set<String> ambiguous) {
            if (when instanceof RuleConditions.All all) {
                all.parts().forEach(part -> matched(part, everyFiring, insertedTypes, buildsOnFirings, bindings,
                        ambiguous));
            } else if (when instanceof RuleConditions.Any any) {
                any.parts().forEach(part -> matched(part, false, insertedTypes, buildsOnFirings, bindings,
                        ambiguous));
            } else if (when instanceof RuleConditions.Pattern pattern) {
                buildsOnFirings[0] |= insertedTypes.contains(pattern.fact());
                for (RuleConditions.Constraint constraint : pattern.constraints()) {
                    if (constraint.binds() == null) {
                        continue;
                    }
                    if (everyFiring && pattern.fact().equals("Answers")
                            && constraint.value() instanceof RuleConditions.Query query
                            && !bindings.containsKey(constraint.binds())) {
                        bindings.put(constraint.binds(), query);
                    } else {
                        ambiguous.add(constraint.binds());
                    }
                }
            }
        }
    }

    private final Map<Rule, IndexedRule> rules = new IdentityHashMap<>();
    private final Map<String, RankedItem> items = new HashMap<>();
    private final Set<String> previousQuestions = new LinkedHashSet<>();

    /**
     * Sessions of the ruleset's knowledge base, reused: a session handed back by {@code dispose()} is reset
     * (facts, memories, agenda, listeners) and keeps the node memories Drools would otherwise allocate
     * again for every evaluation. Grows to the number of evaluations running at once; goes with the index.
     */
    private final KieSessionsPool sessions;

    /** The types of the facts some rule inserts (a pattern on one can match an earlier firing's fact). */
    private final Set<String> insertedTypes = new HashSet<>();

    private RulesetIndex(Ruleset ruleset) {
        ruleset.rules().forEach(info -> info.inserts().forEach(insert -> insertedTypes.add(insert.type())));
        for (KiePackage pkg : ruleset.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo info = ruleset.info(rule);
                if (info != null) {
                    rules.put(rule, IndexedRule.of(info, ruleset.ruleBook(), insertedTypes));
                    previousReads(info.conditions().when(), ruleset.content().questionnaire());
                }
            }
        }
        List<GuidanceItem> article = new ArrayList<>(ruleset.content().library().items());
        article.sort(ARTICLE_ORDER);
        Map<String, Integer> articleRanks = new HashMap<>();
        for (int rank = 0; rank < article.size(); rank++) {
            articleRanks.put(article.get(rank).id(), rank);
        }
        List<GuidanceItem> sorted = new ArrayList<>(article);
        sorted.sort(DISPLAY_ORDER);
        for (int rank = 0; rank < sorted.size(); rank++) {
            GuidanceItem item = sorted.get(rank);
            items.put(item.id(), new RankedItem(item, rank, articleRanks.get(item.id())));
        }
        sessions = ruleset.kieBase().newKieSessionsPool(1);
    }

    /** The index of {@code ruleset}, built on first use. */
    static RulesetIndex of(Ruleset ruleset) {
        RulesetIndex index = INDEXES.get(ruleset);
        if (index == null) {
            // Two threads may both build it; either result is the same (the other's sessions go with it).
            index = new RulesetIndex(ruleset);
            INDEXES.put(ruleset, index);
        }
        return index;
    }

    /** A session of the ruleset's knowledge base, fresh or reset; {@code dispose()} hands it back. */
    KieSession newSession() {
        return sessions.newKieSession();
    }

    /** The catalogue entry of a rule of this ruleset's knowledge base, with what its firings insert. */
    IndexedRule rule(Ruleset ruleset, Rule rule) {
        IndexedRule indexed = rules.get(rule);
        return indexed != null ? indexed : IndexedRule.of(ruleset.info(rule), ruleset.ruleBook(), insertedTypes);
    }

    /**
     * The questions some rule's {@code Previous( ... )} conditions read, sections expanded: all that a
     * decision needs, and keeps, of the previous assessment's answers.
     */
    Set<String> previousQuestions() {
        return Collections.unmodifiableSet(previousQuestions);
    }

    private void previousReads(RuleConditions.When when, Questionnaire questionnaire) {
        if (when instanceof RuleConditions.All all) {
            all.parts().forEach(part -> previousReads(part, questionnaire));
        } else if (when instanceof RuleConditions.Any any) {
            any.parts().forEach(part -> previousReads(part, questionnaire));
        } else if (when instanceof RuleConditions.None none) {
            previousReads(none.part(), questionnaire);
        } else if (when instanceof RuleConditions.Some some) {
            previousReads(some.part(), questionnaire);
        } else if (when instanceof RuleConditions.Pattern pattern && pattern.fact().equals("Previous")) {
            pattern.constraints().forEach(c -> queried(c.value(), questionnaire));
        }
    }

    private void queried(RuleConditions.Expr expr, Questionnaire questionnaire) {
        if (expr instanceof RuleConditions.Query query) {
            String first = query.arguments().get(0);
            // The section queries of the rule vocabulary count over every question of the section.
            if (List.of("yesCount", "answeredCount", "countAtLeast").contains(query.name())) {
                previousQuestions.addAll(questionnaire.questionIdsOf(first));
            } else {
                previousQuestions.add(first);
            }
        } else if (expr instanceof RuleConditions.Not not) {
            queried(not.operand(), questionnaire);
        } else if (expr instanceof RuleConditions.Logic logic) {
            queried(logic.left(), questionnaire);
            queried(logic.right(), questionnaire);
        } else if (expr instanceof RuleConditions.Compare compare) {
            queried(compare.left(), questionnaire);
            queried(compare.right(), questionnaire);
        }
    }

    /** The content item with this id and its display rank, or null. */
    RankedItem item(String id) {
        return items.get(id);
    }
}
