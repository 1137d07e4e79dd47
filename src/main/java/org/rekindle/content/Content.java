package org.rekindle.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The questionnaire, the guidance library, the plan file and the help lines of one bundle, in one
 * locale. The content as loaded is the default locale ({@link #DEFAULT_LOCALE}, English) and carries its
 * translations ({@code content/locales/<tag>/}), each a whole content in which every text the
 * translation does not give is the default's.
 *
 * @param plan         {@code content/plan.yaml}, or {@link PlanBook#NONE} when there is none
 * @param helpLines    {@code content/help_lines.yaml}, or {@link HelpLines#NONE} when there is none
 * @param locale       the language tag of these texts ({@code en}, {@code es})
 * @param translations by language tag; empty in a translation itself
 */
public record Content(Questionnaire questionnaire, Library library, PlanBook plan, HelpLines helpLines,
        String locale, Map<String, Content> translations) {

    /** The language of the content files themselves, which every translation falls back to. */
    public static final String DEFAULT_LOCALE = "en";

    /**
     * A locale an assessment may name ({@code en}, {@code es-US}): what an app may post and a scenario case
     * may give, one definition for both.
     */
    public static final Pattern LOCALE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    public Content {
        translations = Map.copyOf(translations);
    }

    /** The content in the default locale, without translations. */
    public Content(Questionnaire questionnaire, Library library, PlanBook plan, HelpLines helpLines) {
        this(questionnaire, library, plan, helpLines, DEFAULT_LOCALE, Map.of());
    }

    /** Every locale this content can be read in: the default first, then the translations, sorted. */
    public List<String> locales() {
        List<String> locales = new ArrayList<>(translations.keySet());
        locales.sort(null);
        locales.add(0, locale);
        return locales;
    }

    /**
     * The content in the locale that best fits {@code tag} ({@code es-MX} reads the {@code es}
     * translation, as RFC 4647 lookup does); this content when no translation fits, or the tag is null
     * or not well-formed.
     */
    public Content in(String tag) {
        if (tag == null || translations.isEmpty() || tag.equals(locale)) {
            return this;
        }
        // Most calls name a locale as the engine resolved it: no need to parse and look it up again.
        Content exact = translations.get(tag);
        if (exact != null) {
            return exact;
        }
        try {
            return in(Locale.LanguageRange.parse(tag));
        } catch (IllegalArgumentException notATag) {
            return this;
        }
    }

    /**
     * The content in the locale that best fits the ranges, in their order of preference (an
     * {@code Accept-Language} header parsed by {@link Locale.LanguageRange#parse(String)}); this content
     * when none fits.
     */
    public Content in(List<Locale.LanguageRange> ranges) {
        if (translations.isEmpty() || ranges.isEmpty()) {
            return this;
        }
        String chosen = Locale.lookupTag(ranges, locales());
        if (chosen == null) {
            return this;
        }
        for (Map.Entry<String, Content> translation : translations.entrySet()) {
            if (translation.getKey().equalsIgnoreCase(chosen)) {
                return translation.getValue();
            }
        }
        return this;
    }
}
