package org.rekindle.content;

import java.util.List;

/**
 * One path of the plan file ({@code content/plan.yaml}): when an assessment is on it, what it calls
 * itself, which cards it holds back and which it puts in the week's focus.
 *
 * @param finding  the finding a rule draws to put an assessment on this path; null for the fallback
 *                 path, which applies when no other path's finding was drawn
 * @param keepOnly when not null, every card it does not match is held back on this path
 * @param exclude  cards held back on this path (applied after {@code keepOnly})
 * @param reason   why a card is held back on this path, as the explanation records it
 * @param focus    what the week's focus picks from, in priority order
 * @param discreet true when the summary must not carry the self-assessment verdict or the findings
 *                 (the safety path: it must not reframe control as disconnection)
 * @param file     the plan file, and {@code line} the line of this path's {@code id:}, for messages
 */
public record PlanPath(String id, String finding, String title, String note, CardFilter keepOnly, CardFilter exclude,
        String reason, List<FocusPick> focus, boolean discreet, String file, int line) {

    public PlanPath {
        focus = List.copyOf(focus);
    }

    /** True when the path holds this card back: outside its {@code keepOnly}, or matched by {@code exclude}. */
    public boolean holdsBack(GuidanceItem item) {
        return (keepOnly != null && !keepOnly.matches(item)) || exclude.matches(item);
    }

    /**
     * One entry of a path's focus: a card by id, or every card of a kind or with a tag.
     * Exactly one of the three is set.
     */
    public record FocusPick(String card, String kind, String tag) {

        public boolean matches(GuidanceItem item) {
            return card != null ? card.equals(item.id())
                    : kind != null ? kind.equals(item.kind())
                    : item.tagged(tag);
        }

        @Override
        public String toString() {
            return card != null ? "card " + card : kind != null ? "kind " + kind : "tag " + tag;
        }
    }
}
