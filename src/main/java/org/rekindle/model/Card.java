package org.rekindle.model;

import java.util.List;

/**
 * One next step in a plan, shaped like a CDS Hooks card.
 *
 * @param indicator {@code critical}, {@code warning} or {@code info}
 * @param summary   the one-line title
 * @param detail    the guidance text
 */
public record Card(String id, String kind, String indicator, String summary, String detail, CardSource source,
        List<Because> because) {

    /** The source a card cites: a label, and a link when there is one. */
    public record CardSource(String label, String url) {
    }
}
