package org.rekindle.content;

import java.util.Collection;
import java.util.List;

/**
 * The coach's plan file, {@code content/plan.yaml}: how an assessment's cards become a plan a person
 * can act on. Paths are listed in precedence order (the first whose finding a rule drew wins, else the
 * fallback), the focus is at most {@code focusSize} cards of the {@code focusKinds}, one per theme, and
 * the summary reports what {@code summary} describes.
 *
 * @param focusKinds the kinds of card a person can act on; only these go into the focus
 * @param lead       cards that, when shown, open the focus on every path (the invitation to answer the
 *                   private safety questions)
 * @param fallback   the id of the path taken when no path's finding was drawn
 * @param caveats    notes added to cards while a finding holds
 * @param summary    what the plan's summary reports ({@code summary:}), or {@link SummaryContent#NONE}
 * @param couple     the couple's shared view's paths and focus ({@code couple:}), or {@link CouplePlan#NONE}
 * @param progress   what the progress chart reads ({@code progress:}), or {@link ProgressContent#NONE}
 */
public record PlanBook(int focusSize, List<String> focusKinds, List<String> lead, String fallback,
        List<PlanPath> paths, List<Caveat> caveats, SummaryContent summary, CouplePlan couple,
        ProgressContent progress) {

    /** The focus size when the plan file does not set one. */
    public static final int DEFAULT_FOCUS_SIZE = 5;

    /** No plan file: no paths, no focus; every card the rules show is in the plan. */
    public static final PlanBook NONE = new PlanBook(0, List.of(), List.of(), null, List.of(), List.of(),
            SummaryContent.NONE);

    /** A plan file without a {@code couple:} or a {@code progress:} block. */
    public PlanBook(int focusSize, List<String> focusKinds, List<String> lead, String fallback, List<PlanPath> paths,
            List<Caveat> caveats, SummaryContent summary) {
        this(focusSize, focusKinds, lead, fallback, paths, caveats, summary, CouplePlan.NONE, ProgressContent.NONE);
    }

    /**
     * The {@code couple:} block: how the shared view of two partners is put on a path and given a focus,
     * as a person's plan is. Paths are in precedence order: the first whose finding a couple rule drew
     * wins, else the fallback. A couple path holds no card back (every couple card is already about the
     * two of them); its focus picks, in priority order, at most {@code focusSize} couple cards of the
     * {@code focusKinds}.
     *
     * @param fallback the id of the path taken when no couple path's finding was drawn; null without a block
     */
    public record CouplePlan(int focusSize, List<String> focusKinds, String fallback, List<PlanPath> paths) {

        /** No {@code couple:} block: the shared view has no path, and its focus is its first cards. */
        public static final CouplePlan NONE = new CouplePlan(0, List.of(), null, List.of());

        public CouplePlan {
            focusKinds = List.copyOf(focusKinds);
            paths = List.copyOf(paths);
        }

        /** The couple path with this id, or null. */
        public PlanPath path(String id) {
            for (PlanPath path : paths) {
                if (path.id().equals(id)) {
                    return path;
                }
            }
            return null;
        }
    }

    public PlanBook {
        focusKinds = List.copyOf(focusKinds);
        lead = List.copyOf(lead);
        paths = List.copyOf(paths);
        caveats = List.copyOf(caveats);
    }

    /** The path with this id, or null. */
    public PlanPath path(String id) {
        for (PlanPath path : paths) {
            if (path.id().equals(id)) {
                return path;
            }
        }
        return null;
    }

    /** The caveat with this id, or null. */
    public Caveat caveat(String id) {
        for (Caveat caveat : caveats) {
            if (caveat.id().equals(id)) {
                return caveat;
            }
        }
        return null;
    }

    /** The text of the first caveat that holds (its finding was drawn) and applies to the item, or null. */
    public String caveatFor(GuidanceItem item, Collection<String> findings) {
        for (Caveat caveat : caveats) {
            if (findings.contains(caveat.finding()) && caveat.applies(item)) {
                return caveat.text();
            }
        }
        return null;
    }

    /** True when a card of this kind may be in the focus. */
    public boolean actionable(GuidanceItem item) {
        return focusKinds.contains(item.kind());
    }

    /**
     * A note added to every card with one of {@code tags} while {@code finding} holds, for example that
     * an exercise done together assumes it is safe to do it while the safety screen is unanswered.
     */
    public record Caveat(String id, String finding, List<String> tags, String text) {

        public Caveat {
            tags = List.copyOf(tags);
        }

        public boolean applies(GuidanceItem item) {
            for (String tag : item.tags()) {
                if (tags.contains(tag)) {
                    return true;
                }
            }
            return false;
        }
    }
}
