package org.rekindle.content;

import java.util.List;
import java.util.Locale;

import org.rekindle.model.Card;

/**
 * The help lines of {@code content/help_lines.yaml}, by region, and the card that carries them. The
 * region comes from the request's locale ({@code en-GB} is the United Kingdom); a locale without a
 * region this file knows, or no locale, gets the fallback region.
 *
 * @param card the content id of the card the lines are shown on
 */
public record HelpLines(String card, List<Region> regions) {

    /** No help-lines file. */
    public static final HelpLines NONE = new HelpLines(null, List.of());

    public HelpLines {
        regions = List.copyOf(regions);
    }

    /**
     * One region's lines.
     *
     * @param countries ISO 3166 country codes that mean this region (upper case)
     * @param fallback  true for the one region used when the locale names no other
     */
    public record Region(String id, String name, List<String> countries, boolean fallback, List<Line> lines) {

        public Region {
            countries = List.copyOf(countries);
            lines = List.copyOf(lines);
        }

        /** The lines as a card shows them. */
        public Card.HelpLines onCard() {
            return new Card.HelpLines(id, name, lines.stream().map(l -> new Card.HelpLines.Line(l.name(), l.how()))
                    .toList());
        }
    }

    /**
     * One service and how to reach it ("Call 0808 2000 247, free, any time").
     *
     * @param id the key a translation names the line by, unique in its region; null when the line has none
     */
    public record Line(String id, String name, String how) {
    }

    /** The region with this id, or null. */
    public Region region(String id) {
        for (Region region : regions) {
            if (region.id().equals(id)) {
                return region;
            }
        }
        return null;
    }

    /** The region a locale such as {@code en-AU} or {@code fr-CA} points to; the fallback when none matches. */
    public Region forLocale(String locale) {
        String country = locale == null ? "" : Locale.forLanguageTag(locale).getCountry();
        Region fallback = null;
        for (Region region : regions) {
            if (!country.isEmpty() && region.countries().contains(country)) {
                return region;
            }
            if (region.fallback()) {
                fallback = region;
            }
        }
        return fallback;
    }
}
