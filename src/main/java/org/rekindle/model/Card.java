package org.rekindle.model;

import java.util.List;

/**
 * One next step in a plan, shaped like a CDS Hooks card.
 *
 * @param indicator {@code critical}, {@code warning} or {@code info}
 * @param summary   the one-line title
 * @param detail    the guidance text
 * @param caveat    a note the plan adds while something holds (for example that an exercise done together
 *                  assumes it is safe to do it, while the private safety questions are unanswered), or null
 * @param helpLines the help lines of the person's region, on the card that carries them, or null
 */
public record Card(String id, String kind, String indicator, String summary, String detail, String caveat,
        HelpLines helpLines, CardSource source, List<Because> because) {

    /** The source a card cites: a label, and a link when there is one. */
    public record CardSource(String label, String url) {
    }

    /**
     * Help lines for one region, each with how to reach it.
     *
     * @param region the region's id in the content ({@code us}, {@code uk}, ..., {@code international})
     * @param name   the region's name
     */
    public record HelpLines(String region, String name, List<Line> lines) {

        /** One service: its name and how to reach it. */
        public record Line(String name, String how) {
        }
    }

    /** This card with a caveat and help lines added (either may be null). */
    public Card with(String caveat, HelpLines helpLines) {
        return new Card(id, kind, indicator, summary, detail, caveat, helpLines, source, because);
    }
}
