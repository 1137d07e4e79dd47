package org.rekindle.bundle;

/**
 * Something wrong with a rule or content file, located as precisely as the checker could.
 *
 * @param file   path as the coach knows it, e.g. {@code rules/signs.drl}
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Problem(String file, int line, int column, String message) {

    public static Problem at(String file, int line, String message) {
        return new Problem(file, line, 0, message);
    }

    public static Problem inFile(String file, String message) {
        return new Problem(file, 0, 0, message);
    }

    /** The compiler-style {@code file:line:column: message} form editors can jump to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
