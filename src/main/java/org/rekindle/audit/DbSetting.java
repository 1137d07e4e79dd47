package org.rekindle.audit;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The {@code --db} / {@code REKINDLE_DB} setting, parsed once: which database the decision log and the
 * ruleset archive use and where it is. {@link Database#open} opens it.
 *
 * @param dialect    SQLite or PostgreSQL
 * @param jdbcUrl    the URL to connect with
 * @param sqliteFile the database file for SQLite (its folder is created on open), null for PostgreSQL
 * @param shown      the setting as it may appear in messages and logs: passwords masked
 */
public record DbSetting(Dialect dialect, String jdbcUrl, Path sqliteFile, String shown) {

    /** The forms {@link #parse} accepts, for error messages. */
    public static final String ACCEPTED = "a file path (SQLite, e.g. data/rekindle.db), a jdbc:sqlite:<file> URL"
            + " or a jdbc:postgresql://<host>[:<port>]/<database> URL";

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    /** A URL scheme of two or more letters; one letter is a Windows drive ({@code C:\data\rekindle.db}). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    /**
     * Parses a db setting.
     *
     * @throws IllegalArgumentException naming the setting and the accepted forms when it is none of them
     */
    public static DbSetting parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("the db setting is empty; use " + ACCEPTED);
        }
        String value = setting.strip();
        if (value.startsWith(POSTGRESQL_PREFIX)) {
            return new DbSetting(Dialect.POSTGRESQL, value, null, mask(value));
        }
        if (value.startsWith(SQLITE_PREFIX)) {
            String target = value.substring(SQLITE_PREFIX.length());
            int query = target.indexOf('?');
            String file = query < 0 ? target : target.substring(0, query);
            if (file.startsWith("file:")) {
                file = file.substring("file:".length());
            }
            return new DbSetting(Dialect.SQLITE, value, sqliteFile(value, file), mask(value));
        }
        if (SCHEME.matcher(value).find()) {
            throw new IllegalArgumentException("unsupported db setting \"" + mask(value) + "\"; use " + ACCEPTED);
        }
        Path file = sqliteFile(value, value);
        return new DbSetting(Dialect.SQLITE, SQLITE_PREFIX + file, file, value);
    }

    private static Path sqliteFile(String setting, String file) {
        if (file.isEmpty() || file.contains(":memory:") || setting.contains("mode=memory")) {
            throw new IllegalArgumentException("db setting \"" + mask(setting) + "\" names an in-memory SQLite"
                    + " database, which loses every decision when the process stops; use " + ACCEPTED);
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("db setting \"" + mask(setting) + "\" is not a valid file path ("
                    + e.getReason() + "); use " + ACCEPTED, e);
        }
    }

    /** The setting with any password replaced by {@code ***}. */
    public static String mask(String setting) {
        String masked = PASSWORD_PARAMETER.matcher(setting).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }
}
