package org.rekindle.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.PlanBook;
import org.rekindle.content.PlanPath;
import org.rekindle.model.Because;
import org.rekindle.model.ChosenPath;

/**
 * The couple's path and focus, as the plan file's {@code couple:} block says, chosen the way a person's
 * are ({@link PlanLayer}): the first couple path whose finding a couple rule drew, else the fallback;
 * the focus is at most the block's focus size of the couple cards, picked by the path's focus entries in
 * priority order, only of the block's focus kinds, one per theme, read in the content's order. Pure.
 */
final class CouplePath {

    private CouplePath() {
    }

    /** The chosen path, its reason the firing that drew its finding (none for the fallback). */
    static ChosenPath choose(PlanBook.CouplePlan plan, Map<String, Integer> findings, List<Firing> trace) {
        PlanPath chosen = null;
        for (PlanPath path : plan.paths()) {
            if (path.finding() != null && findings.containsKey(path.finding())) {
                chosen = path;
                break;
            }
        }
        List<Because> because = new ArrayList<>(1);
        if (chosen == null) {
            chosen = plan.path(plan.fallback());
        } else {
            Firing f = trace.get(findings.get(chosen.finding()) - 1);
            because.add(new Because(f.seq(), f.rule(), f.ruleId(), f.file(), f.line(), f.answers(), f.reason()));
        }
        return new ChosenPath(chosen.id(), chosen.title(), chosen.note(), List.copyOf(because));
    }

    /**
     * The focus on {@code path}.
     *
     * @param items the couple's cards' items, in content order
     */
    static List<String> focus(PlanBook.CouplePlan plan, PlanPath path, List<GuidanceItem> items) {
        Set<String> taken = new HashSet<>();
        Set<String> themes = new HashSet<>();
        for (PlanPath.FocusPick pick : path.focus()) {
            for (GuidanceItem item : items) {
                if (taken.size() >= plan.focusSize()) {
                    break;
                }
                if (pick.matches(item) && plan.focusKinds().contains(item.kind()) && !taken.contains(item.id())
                        && (item.theme() == null || themes.add(item.theme()))) {
                    taken.add(item.id());
                }
            }
        }
        List<String> focus = new ArrayList<>(taken.size());
        for (GuidanceItem item : items) {
            if (taken.contains(item.id())) {
                focus.add(item.id());
            }
        }
        return List.copyOf(focus);
    }
}
