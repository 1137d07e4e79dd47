package org.rekindle.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Card;
import org.rekindle.model.Answers;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * Why a card was, or was not, shown in one decision: every rule whose consequence can show it, each of
 * its conditions checked against the decision's answers and the facts its firings inserted (see
 * {@link ConditionCheck}), and the path or {@code Withhold} firing that held it back if one did. Read
 * from the rules' compiled conditions, never from a list kept by hand.
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
     */
    public record RuleCheck(String ruleId, String rule, String file, int line, String source, boolean fired,
            boolean held, ConditionCheck.Checked conditions) {
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
        ConditionCheck check = new ConditionCheck(answers, previous == null ? null : previous.answers(),
                ruleset.content().questionnaire(), facts(inserted));
        List<RuleCheck> rules = new ArrayList<>();
        for (RuleInfo rule : ruleset.rules()) {
            if (!rule.cards().contains(card)) {
                continue;
            }
            ConditionCheck.Checked checked = check.check(rule.conditions());
            rules.add(new RuleCheck(rule.id(), rule.name(), rule.file(), rule.line(), rule.source(),
                    firedRules.contains(rule.id()), checked.held(), checked));
        }
        rules.sort(Comparator.comparing((RuleCheck r) -> !r.held()).thenComparing(RuleCheck::file)
                .thenComparingInt(RuleCheck::line));
        List<WithheldCard> holding = withheld.stream().filter(w -> w.card().equals(card)).toList();
        boolean shown = shownCards.contains(card);
        Verdict verdict = shown ? Verdict.SHOWN
                : rules.isEmpty() ? Verdict.NO_RULE_SHOWS_IT
                : rules.stream().anyMatch(RuleCheck::held) ? Verdict.WITHHELD : Verdict.NO_RULE_HELD;
        return new Result(card, item.title(), ruleset.version(), shown, verdict, List.copyOf(rules), holding);
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
