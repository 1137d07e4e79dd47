package org.rekindle.content;

import java.util.List;

import org.rekindle.model.Because;
import org.rekindle.model.Card;

/**
 * One item of the guidance library: what a card shows.
 *
 * @param theme     what the card asks a person to do, shared by cards that ask the same ("get_help",
 *                  "name_the_distance"); a plan's focus holds one card per theme. Null when none
 * @param topic     the guidance file it comes from (without extension)
 * @param order     the topic's order; cards sort by indicator, then order, then position
 * @param position  the item's index within its file
 * @param file      the file, relative to the content folder, for error messages
 * @param line      the line of its {@code id:} in that file, and {@code column} the column
 */
public record GuidanceItem(
        String id,
        String kind,
        Indicator indicator,
        String title,
        String text,
        Source source,
        List<String> tags,
        String theme,
        String topic,
        int order,
        int position,
        String file,
        int line,
        int column) {

    /** The card that shows this item, for the reasons given. */
    public Card card(List<Because> because) {
        return new Card(id, kind, indicator.wireName(), title, text, null, null,
                new Card.CardSource(source.label(), source.url()), List.copyOf(because));
    }

    /** True when the item carries {@code tag}. */
    public boolean tagged(String tag) {
        return tags.contains(tag);
    }
}
