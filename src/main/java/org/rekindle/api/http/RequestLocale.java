package org.rekindle.api.http;

import java.util.List;
import java.util.Locale;

import io.javalin.http.Context;

import org.rekindle.content.Content;

/**
 * The locale a request asks for, and how a response says which one it got. The body's {@code locale}
 * wins; without one, the {@code Accept-Language} header (its ranges in the order of their q-values, as
 * {@link Locale.LanguageRange#parse(String)} reads them) picks the translation, and the first of its
 * ranges that names a country the help lines' region. A header that does not parse is ignored, as if
 * there were none: the default (English) is always a correct answer.
 */
public final class RequestLocale {

    static final String ACCEPT_LANGUAGE = "Accept-Language";

    private RequestLocale() {
    }

    /**
     * The locale the engine is given ({@code es-MX}, {@code en-GB}, {@code es}): the body's when it has
     * one, else the language {@code Accept-Language} picks among the content's, with the country of the
     * header's first range that has one; null when the request says nothing.
     */
    public static String of(Context ctx, String bodyLocale, Content content) {
        if (bodyLocale != null) {
            return bodyLocale;
        }
        List<Locale.LanguageRange> ranges = ranges(ctx);
        if (ranges.isEmpty()) {
            return null;
        }
        String language = content.in(ranges).locale();
        for (Locale.LanguageRange range : ranges) {
            String country = Locale.forLanguageTag(range.getRange()).getCountry();
            if (!country.isEmpty()) {
                return language + "-" + country;
            }
        }
        return language;
    }

    /** The content in the language {@code Accept-Language} picks; the default content without the header. */
    public static Content content(Context ctx, Content content) {
        return content.in(ranges(ctx));
    }

    /**
     * Says which locale the response's texts are in ({@code Content-Language}) and that the answer
     * depends on {@code Accept-Language} (so that a cache keeps one per language).
     */
    public static void answer(Context ctx, String locale) {
        if (locale != null) {
            ctx.header("Content-Language", locale);
        }
        ctx.header("Vary", ACCEPT_LANGUAGE);
    }

    private static List<Locale.LanguageRange> ranges(Context ctx) {
        String header = ctx.header(ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            // Ranges of weight 0 mean "not this one": they are left out, never picked.
            return Locale.LanguageRange.parse(header).stream().filter(r -> r.getWeight() > 0).toList();
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }
}
