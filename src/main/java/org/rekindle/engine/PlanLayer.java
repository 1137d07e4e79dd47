package org.rekindle.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.content.Content;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.HelpLines;
import org.rekindle.content.PlanBook;
import org.rekindle.content.PlanPath;
import org.rekindle.content.SummaryContent;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.Plan;
import org.rekindle.model.Summary;
import org.rekindle.ruleset.Ruleset;

/**
 * The plan layer: turns what the rules decided into a plan a person can act on, as the coach's plan
 * file ({@code content/plan.yaml}) says. In order:
 * <ol>
 *   <li>cards whose tag a rule withheld are withheld (the safety screen's {@code Withhold});</li>
 *   <li>the path is the first in the plan file whose finding a rule drew, else the fallback path, and
 *       every card it holds back is recorded as withheld with the path's reason;</li>
 *   <li>the remaining cards, in display order, are the plan; caveats and help lines are added to them;</li>
 *   <li>the focus is at most the plan file's focus size of them: the lead cards first, then the path's
 *       picks in priority order, only cards a person can act on, one per theme, read in the article's
 *       order;</li>
 *   <li>the summary is what the plan file's {@code summary:} describes (none of it on a discreet path).</li>
 * </ol>
 * The texts are those of the locale's translation, the default's where it is silent. Pure and
 * deterministic: the same outcome and locale give the same decision. Public so that a
 * benchmark's hand-written rules can hand their outcome to the very same plan layer.
 */
public final class PlanLayer {

    private PlanLayer() {
    }

    /**
     * The decision for one evaluation's rule outcome.
     *
     * @param locale the request's locale ({@code es-MX}): its language picks the translation the texts are
     *               read in (the default's where it is silent), its region the help lines; null for none
     */
    public static Decision decide(Ruleset ruleset, Answers answers, RuleOutcome outcome, String locale) {
        RulesetIndex index = RulesetIndex.of(ruleset);
        Content content = ruleset.content().in(locale);
        PlanBook book = content.plan();
        List<Firing> trace = outcome.trace();
        Map<String, Integer> findings = outcome.findings();

        PathChoice choice = choosePath(book, findings);
        PlanPath path = choice == null ? null : book.path(choice.path());
        List<Integer> chosenBy = choice == null || choice.seq() == 0 ? List.of() : List.of(choice.seq());

        RulesetIndex.RankedItem[] shown = new RulesetIndex.RankedItem[outcome.shownBy().size()];
        int count = 0;
        List<WithheldCard> withheld = new ArrayList<>();
        Map<String, List<Integer>> withheldBy = outcome.withheldBy();
        for (Map.Entry<String, List<Integer>> entry : outcome.shownBy().entrySet()) {
            RulesetIndex.RankedItem ranked = index.item(entry.getKey());
            if (ranked == null) {
                continue; // the cross-check makes this impossible for a live ruleset
            }
            String tag = withheldBy.isEmpty() ? null : withheldTag(ranked.item(), withheldBy);
            if (tag != null) {
                withheld.add(new WithheldCard(ranked.item().id(), tag, List.copyOf(entry.getValue()),
                        List.copyOf(withheldBy.get(tag)), null, null));
            } else if (path != null && path.holdsBack(ranked.item())) {
                withheld.add(new WithheldCard(ranked.item().id(), null, List.copyOf(entry.getValue()), chosenBy,
                        path.id(), path.reason()));
            } else {
                shown[count++] = ranked;
            }
        }
        Arrays.sort(shown, 0, count, (x, y) -> Integer.compare(x.rank(), y.rank()));

        HelpLines helpLines = content.helpLines();
        Card[] cards = new Card[count];
        for (int i = 0; i < count; i++) {
            GuidanceItem item = shown[i].item();
            Card card = card(content.library().item(item.id()), outcome.shownBy().get(item.id()), trace);
            String caveat = book.caveats().isEmpty() ? null : book.caveatFor(item, findings.keySet());
            Card.HelpLines lines = item.id().equals(helpLines.card()) ? regionOf(helpLines, locale) : null;
            cards[i] = caveat == null && lines == null ? card : card.with(caveat, lines);
        }
        List<String> focus = path == null ? List.of() : focus(book, path, shown, count);

        List<String> drawn = new ArrayList<>(findings.keySet());
        drawn.sort(null);
        Summary summary = path != null && path.discreet() ? new Summary(answers.questions().size(), null, null,
                List.of(), null) : summary(content, book.summary(), answers, drawn);
        Plan plan = new Plan(summary, path == null ? null : new ChosenPath(path.id(), path.title(),
                path.note(), because(chosenBy, trace)), focus, List.of(cards));
        return new Decision(ruleset.version(), plan, trace, List.copyOf(withheld), choice, content.locale());
    }

    /** The first path in precedence order whose finding was drawn, else the fallback; null without a plan file. */
    private static PathChoice choosePath(PlanBook book, Map<String, Integer> findings) {
        if (book.paths().isEmpty()) {
            return null;
        }
        PlanPath chosen = null;
        List<String> outranked = new ArrayList<>(2);
        for (PlanPath path : book.paths()) {
            if (path.finding() != null && findings.containsKey(path.finding())) {
                if (chosen == null) {
                    chosen = path;
                } else {
                    outranked.add(path.id());
                }
            }
        }
        if (chosen == null) {
            return new PathChoice(book.fallback(), null, 0, List.of());
        }
        return new PathChoice(chosen.id(), chosen.finding(), findings.get(chosen.finding()), List.copyOf(outranked));
    }

    /**
     * The week's focus: the lead cards that are in the plan, then the path's picks in priority order, only
     * cards a person can act on, one card per theme, at most the focus size; the lead first, then the
     * rest in the article's order.
     */
    private static List<String> focus(PlanBook book, PlanPath path, RulesetIndex.RankedItem[] shown, int count) {
        int size = book.focusSize();
        List<RulesetIndex.RankedItem> byArticle = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byArticle.add(shown[i]);
        }
        byArticle.sort((x, y) -> Integer.compare(x.articleRank(), y.articleRank()));

        List<RulesetIndex.RankedItem> lead = new ArrayList<>(1);
        List<RulesetIndex.RankedItem> picked = new ArrayList<>(size);
        Set<String> themes = new HashSet<>();
        Set<String> taken = new HashSet<>();
        for (String id : book.lead()) {
            for (RulesetIndex.RankedItem ranked : byArticle) {
                if (ranked.item().id().equals(id) && lead.size() < size && take(ranked, taken, themes)) {
                    lead.add(ranked);
                }
            }
        }
        for (PlanPath.FocusPick pick : path.focus()) {
            for (RulesetIndex.RankedItem ranked : byArticle) {
                if (lead.size() + picked.size() >= size) {
                    break;
                }
                GuidanceItem item = ranked.item();
                if (pick.matches(item) && book.actionable(item) && take(ranked, taken, themes)) {
                    picked.add(ranked);
                }
            }
        }
        picked.sort((x, y) -> Integer.compare(x.articleRank(), y.articleRank()));
        List<String> focus = new ArrayList<>(lead.size() + picked.size());
        lead.forEach(ranked -> focus.add(ranked.item().id()));
        picked.forEach(ranked -> focus.add(ranked.item().id()));
        return List.copyOf(focus);
    }

    /** Takes a card for the focus unless it, or another card of its theme, is already there. */
    private static boolean take(RulesetIndex.RankedItem ranked, Set<String> taken, Set<String> themes) {
        GuidanceItem item = ranked.item();
        if (taken.contains(item.id()) || (item.theme() != null && themes.contains(item.theme()))) {
            return false;
        }
        taken.add(item.id());
        if (item.theme() != null) {
            themes.add(item.theme());
        }
        return true;
    }

    private static Card.HelpLines regionOf(HelpLines helpLines, String locale) {
        HelpLines.Region region = helpLines.forLocale(locale);
        return region == null ? null : region.onCard();
    }

    private static Card card(GuidanceItem item, List<Integer> shownBy, List<Firing> trace) {
        return item.card(because(shownBy, trace));
    }

    private static List<Because> because(List<Integer> seqs, List<Firing> trace) {
        List<Because> because = new ArrayList<>(seqs.size());
        for (int seq : seqs) {
            if (seq > 0) {
                Firing firing = trace.get(seq - 1);
                because.add(new Because(seq, firing.rule(), firing.ruleId(), firing.file(), firing.line(),
                        firing.answers(), firing.reason()));
            }
        }
        return because;
    }

    /** The summary as the plan file describes it: the verdict is the first of its findings a rule drew. */
    private static Summary summary(Content content, SummaryContent described, Answers answers, List<String> findings) {
        Summary.SelfAssessment selfAssessment = null;
        String section = described.section();
        if (section != null) {
            int questions = content.questionnaire().questionIdsOf(section).size();
            selfAssessment = new Summary.SelfAssessment(answers.yesCount(section), answers.answeredCount(section),
                    questions, described.verdict(findings), described.note());
        }
        String attachmentStyle = described.attachmentQuestion() == null ? null
                : answers.choice(described.attachmentQuestion());
        return new Summary(answers.questions().size(), selfAssessment, attachmentStyle, List.copyOf(findings),
                content.questionnaire().unanswered(answers));
    }

    private static String withheldTag(GuidanceItem item, Map<String, List<Integer>> withheldBy) {
        for (String tag : item.tags()) {
            if (withheldBy.containsKey(tag)) {
                return tag;
            }
        }
        return null;
    }

    /** Adds {@code seq} to {@code key}'s list unless it is there already. */
    static void addOnce(Map<String, List<Integer>> map, String key, int seq) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
        if (!list.contains(seq)) {
            list.add(seq);
        }
    }
}
