package org.rekindle.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much a Rekindle process logs. {@code simplelogger.properties} sets the quiet default (Rekindle's
 * own INFO, the libraries' warnings only); {@code --verbose} lets the libraries' INFO through, and
 * {@code REKINDLE_LOG_LEVEL} sets one level for everything. slf4j-simple reads its settings when the
 * first logger is made, so they are applied as system properties before a command runs, once per
 * process: a second command in the same JVM (a test) logs as the first did.
 */
final class Logging {

    static final String VARIABLE = "REKINDLE_LOG_LEVEL";
    static final String VERBOSE = "--verbose";

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String OWN_LEVEL = "org.slf4j.simpleLogger.log.org.rekindle";
    /**
     * Loggers raised to errors in {@code simplelogger.properties}: the pool's per-request ones (their
     * warnings repeat the outage line once per request) and Jetty's HTTP parser (its warnings quote what
     * a client sent). A level below info asked for applies to them too.
     */
    private static final List<String> POOL_LEVELS = List.of(
            "org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.ProxyConnection",
            "org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.PoolBase",
            "org.slf4j.simpleLogger.log.org.eclipse.jetty.http.HttpParser");
    /** slf4j-simple's levels, most verbose first. */
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private Logging() {
    }

    /**
     * The logging settings for {@code --verbose} and the value of {@code REKINDLE_LOG_LEVEL}, as system
     * properties; empty when the defaults apply.
     *
     * @param level the variable's value, or null or blank when it is not set
     * @throws IllegalArgumentException naming the variable when its value is not a level
     */
    static Map<String, String> settings(boolean verbose, String level) {
        String chosen = null;
        if (level != null && !level.isBlank()) {
            chosen = level.strip().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(chosen)) {
                throw new IllegalArgumentException(VARIABLE + " must be one of " + String.join(", ", LEVELS)
                        + "; it is '" + level + "'");
            }
        }
        if (verbose && (chosen == null || LEVELS.indexOf(chosen) > LEVELS.indexOf("info"))) {
            chosen = "info"; // --verbose shows at least INFO, from every library too
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (chosen != null) {
            settings.put(DEFAULT_LEVEL, chosen);
            settings.put(OWN_LEVEL, chosen);
            // The pool's per-request warnings stay folded into the outage line at info and warn too (the
            // levels production runs at); only debugging below info shows them.
            if (LEVELS.indexOf(chosen) < LEVELS.indexOf("info")) {
                for (String pool : POOL_LEVELS) {
                    settings.put(pool, chosen);
                }
            }
        }
        return settings;
    }

    /** Applies {@link #settings} to this process, before anything has logged. */
    static void apply(boolean verbose, String level) {
        settings(verbose, level).forEach(System::setProperty);
    }
}
