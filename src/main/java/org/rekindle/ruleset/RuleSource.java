package org.rekindle.ruleset;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * One rule file as the DRL that is checked and compiled, and the way back from a position in that
 * DRL to what the coach edits. For a {@code .drl} file the DRL is the file and positions stay as they
 * are; for a decision table the DRL is generated and every DRL line maps to a row of the table (the
 * row of the rule it belongs to), with no column.
 */
final class RuleSource {

    private final String path;
    private final String drl;
    /** Table row of each DRL line (index = line - 1), or null when the DRL is the file itself. */
    private final int[] rowOfLine;

    private RuleSource(String path, String drl, int[] rowOfLine) {
        this.path = path;
        this.drl = drl;
        this.rowOfLine = rowOfLine;
    }

    /** A DRL file, read as written. */
    static RuleSource of(BundleFile drlFile) {
        return new RuleSource(drlFile.path(), drlFile.text(), null);
    }

    /** DRL generated from the table at {@code path}; {@code rowOfLine[i]} is the row DRL line i + 1 came from. */
    static RuleSource generated(String path, String drl, int[] rowOfLine) {
        return new RuleSource(path, drl, rowOfLine.clone());
    }

    /** The file as the coach knows it, e.g. {@code rules/myths.drl} or {@code rules/myths.drl.csv}. */
    String path() {
        return path;
    }

    String drl() {
        return drl;
    }

    /** The line (or table row) in the coach's file of a 1-based DRL line; 0 stays 0 (unknown). */
    int line(int drlLine) {
        if (rowOfLine == null || drlLine <= 0 || rowOfLine.length == 0) {
            return drlLine;
        }
        return rowOfLine[Math.min(drlLine, rowOfLine.length) - 1];
    }

    /** The column in the coach's file: a table's rule has no meaningful column, so 0 there. */
    int column(int drlColumn) {
        return rowOfLine == null ? drlColumn : 0;
    }

    /** {@code problem}, found in the DRL, placed in the coach's file. */
    Problem locate(Problem problem) {
        return new Problem(path, line(problem.line()), column(problem.column()), problem.message());
    }
}
