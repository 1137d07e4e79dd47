package org.rekindle.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Card;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.RuleConditions;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * Why a card was, or was not, shown in one decision: every rule whose consequence can show it, each of
 * its conditions checked against the decision's answers and the facts its firings inserted (see
 * {@link ConditionCheck}), and the path or {@code Withhold} firing that held it back if one did. Where such
 * a rule needs a finding the decision did not draw, the rules that draw it are checked the same way, one
 * level deep, since a shared threshold is written once, in the rule that draws its finding. Read from the
 * rules' compiled conditions, never from a list kept by hand.
 */
public final class WhyNot {

    /** What a why-not found. */
    public enum Verdict {
        /** The card is in the plan. */
        SHOWN,
        /** A rule that shows it held, but the path or a withholding rule held the card back. */
        WITHHELD,
        /** Rules can show it, but none of them held. */
        NO_RULE_HELD,
        /** No rule of the decision's ruleset shows it. */
        NO_RULE_SHOWS_IT
    }

    /**
     * One rule that can show the card, checked.
     *
     * @param fired whether the decision's trace has it firing
     * @param held  whether all its conditions held
     * @param needs the findings its conditions match that the decision did not draw, each with the rules
     *              that draw it; empty for a rule checked as one that draws a finding
     */
    public record RuleCheck(String ruleId, String rule, String file, int line, String source, boolean fired,
            boolean held, ConditionCheck.Checked conditions, List<MissingFinding> needs) {
    }

    /**
     * A finding a rule matches that the decision did not draw.
     *
     * @param finding the finding's name
     * @param drawnBy the rules whose consequence draws it, each checked (their own needs left out)
     */
    public record MissingFinding(String finding, List<RuleCheck> drawnBy) {
    }

    /**
     * @param shown    whether the decision's plan shows the card
     * @param rules    the rules that can show it, those that held first
     * @param withheld what held the card back, with the firings that did
     */
    public record Result(String card, String title, String rulesetVersion, boolean shown, Verdict verdict,
            List<RuleCheck> rules, List<WithheldCard> withheld) {
    }

    private WhyNot() {
    }

    /**
     * @param inserted    every fact the decision's firings inserted, as the trace writes them ({@code Finding(x)})
     * @param firedRules  the ids of the rules that fired
     * @param withheld    the decision's withheld cards
     * @param shownCards  the ids of the cards its plan shows
     * @return null when {@code card} is not a card of this ruleset
     */
    public static Result of(Ruleset ruleset, String card, Answers answers, Collection<String> inserted,
            Set<String> firedRules, List<WithheldCard> withheld, Collection<String> shownCards) {
        return of(ruleset, card, answers, null, inserted, firedRules, withheld, shownCards);
    }

    /**
     * As above, for a decision made with a previous assessment.
     *
     * @param previous what the rules could read of the previous assessment, or null when there was none
     */
    public static Result of(Ruleset ruleset, String card, Answers answers, Previous previous,
            Collection<String> inserted, Set<String> firedRules, List<WithheldCard> withheld,
            Collection<String> shownCards) {
        var item = ruleset.content().library().item(card);
        if (item == null) {
            return null;
        }
        Map<String, Set<String>> facts = facts(inserted);
        ConditionCheck check = new ConditionCheck(answers, previous == null ? null : previous.answers(),
                ruleset.content().questionnaire(), facts);
        Set<String> drawn = facts.getOrDefault("Finding", Set.of());
        List<RuleCheck> rules = new ArrayList<>();
        for (RuleInfo rule : ruleset.rules()) {
            if (!rule.cards().contains(card)) {
                continue;
            }
            List<MissingFinding> needs = new ArrayList<>();
            for (String finding : needed(rule)) {
                if (drawn.contains(finding)) {
                    continue;
                }
                List<RuleCheck> drawers = new ArrayList<>();
                for (RuleInfo drawer : ruleset.rules()) {
                    // One level deep, and never the rule itself: findings that need findings do not loop.
                    if (drawer.findings().contains(finding) && !drawer.id().equals(rule.id())) {
                        drawers.add(checked(drawer, check, firedRules, List.of()));
                    }
                }
                drawers.sort(ORDER);
                needs.add(new MissingFinding(finding, List.copyOf(drawers)));
            }
            rules.add(checked(rule, check, firedRules, List.copyOf(needs)));
        }
        rules.sort(ORDER);
        List<WithheldCard> holding = withheld.stream().filter(w -> w.card().equals(card)).toList();
        boolean shown = shownCards.contains(card);
        Verdict verdict = shown ? Verdict.SHOWN
                : rules.isEmpty() ? Verdict.NO_RULE_SHOWS_IT
                : rules.stream().anyMatch(RuleCheck::held) ? Verdict.WITHHELD : Verdict.NO_RULE_HELD;
        return new Result(card, item.title(), ruleset.version(), shown, verdict, List.copyOf(rules), holding);
    }

    /** Those that held first, then as written. */
    private static final Comparator<RuleCheck> ORDER = Comparator.comparing((RuleCheck r) -> !r.held())
            .thenComparing(RuleCheck::file).thenComparingInt(RuleCheck::line);

    private static RuleCheck checked(RuleInfo rule, ConditionCheck check, Set<String> firedRules,
            List<MissingFinding> needs) {
        ConditionCheck.Checked checked = check.check(rule.conditions());
        return new RuleCheck(rule.id(), rule.name(), rule.file(), rule.line(), rule.source(),
                firedRules.contains(rule.id()), checked.held(), checked, needs);
    }

    /**
     * The findings a rule needs drawn, in the order its conditions name them: those it matches outside a
     * {@code not}. A finding it matches only under {@code not} holds the rule back when drawn, so the rules
     * that draw it do not say why the rule did not hold.
     */
    static List<String> needed(RuleInfo rule) {
        Set<String> named = new LinkedHashSet<>();
        positive(rule.conditions().when(), named);
        return named.stream().filter(rule.uses()::contains).toList();
    }

    private static void positive(RuleConditions.When when, Set<String> named) {
        if (when instanceof RuleConditions.All all) {
            all.parts().forEach(p -> positive(p, named));
        } else if (when instanceof RuleConditions.Any any) {
            any.parts().forEach(p -> positive(p, named));
        } else if (when instanceof RuleConditions.Some some) {
            positive(some.part(), named);
        } else if (when instanceof RuleConditions.Pattern pattern && pattern.fact().equals("Finding")) {
            for (RuleConditions.Constraint constraint : pattern.constraints()) {
                if (constraint.value() instanceof RuleConditions.Compare compare && compare.operator().equals("==")) {
                    literal(compare.left(), named);
                    literal(compare.right(), named);
                }
            }
        }
    }

    private static void literal(RuleConditions.Expr expr, Set<String> named) {
        if (expr instanceof RuleConditions.Literal literal && literal.value() instanceof String name) {
            named.add(name);
        }
    }

    /** Why {@code card} was or was not shown in a decision the engine just made. */
    public static Result of(Ruleset ruleset, String card, Answers answers, Decision decision) {
        List<String> inserted = new ArrayList<>();
        Set<String> fired = new HashSet<>();
        for (Firing firing : decision.trace()) {
            inserted.addAll(firing.inserted());
            fired.add(firing.ruleId());
        }
        return of(ruleset, card, answers, decision.previous(), inserted, fired, decision.withheld(),
                decision.plan().cards().stream().map(Card::id).toList());
    }

    /** The facts the firings inserted, by type: {@code Finding(x)} is a Finding named x. */
    static Map<String, Set<String>> facts(Collection<String> inserted) {
        Map<String, Set<String>> facts = new HashMap<>();
        for (String fact : inserted) {
            int open = fact.indexOf('(');
            if (open > 0 && fact.endsWith(")")) {
                facts.computeIfAbsent(fact.substring(0, open), t -> new HashSet<>())
                        .add(fact.substring(open + 1, fact.length() - 1));
            }
        }
        return facts;
    }
}
