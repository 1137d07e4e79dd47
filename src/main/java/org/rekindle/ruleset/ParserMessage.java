package org.rekindle.ruleset;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' parser messages ("[ERR 102] Line 5:0 mismatched input 'whn' in rule "A"") in a coach's
 * words: what was found, where, and what to write. The line and column stay Drools' own; the text
 * around them is read to tell a misspelt keyword from a missing comma.
 */
final class ParserMessage {

    private static final Pattern MISMATCHED = Pattern.compile(
            "(?:\\[ERR \\d+] )?(?:Line \\d+:\\d+ )?(?:mismatched input|no viable alternative at input|extraneous input) "
                    + "'(.*?)'(?: expecting .*?)?(?: in (?:rule \"(.*?)\"|.*))?\\s*$", Pattern.DOTALL);
    private static final Pattern PREFIX = Pattern.compile("^\\[ERR \\d+] (?:Line \\d+:\\d+ )?");
    private static final List<String> KEYWORDS = List.of("rule", "when", "then", "end", "not", "exists", "and", "or",
            "salience");

    private ParserMessage() {
    }

    /**
     * @param raw  Drools' message
     * @param line the text of the line it points at (empty when unknown)
     * @param column 1-based column it points at (0 when unknown)
     */
    static String of(String raw, String line, int column) {
        String message = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        Matcher m = MISMATCHED.matcher(message);
        if (!m.matches()) {
            return "Drools could not read this: " + PREFIX.matcher(message).replaceFirst("")
                    + "; compare it with a rule in docs/AUTHORING.md";
        }
        String found = m.group(1);
        String rule = m.group(2) == null ? "" : " in rule \"" + m.group(2) + "\"";
        if (found.equalsIgnoreCase("<eof>")) {
            return "the file ends" + rule + " before the rule is complete; is its 'end' missing? "
                    + "A rule reads: rule \"name\" ... when ... then ... end";
        }
        if (found.equals(",")) {
            return "patterns are not separated by commas" + rule + "; put each pattern on a line of its own (commas "
                    + "separate the conditions inside one pattern's brackets)";
        }
        String keyword = found.matches("[A-Za-z]{3,}") ? Spelling.closest(found, KEYWORDS) : null;
        if (keyword != null && !KEYWORDS.contains(found)) {
            return "'" + found + "'" + rule + " is not a keyword; did you mean '" + keyword + "'? A rule reads: "
                    + "rule \"name\" @id(...) @source(...) @reason(...) when <conditions> then <inserts> end";
        }
        String before = column > 0 && column - 1 <= line.length() ? line.substring(0, column - 1) : "";
        if (before.strip().matches("rule\\s+\\S+.*") && !before.contains("\"")) {
            String name = line.strip().substring(4).strip();
            int metadata = name.indexOf('@');
            return "a rule's name goes in double quotes: rule \""
                    + (metadata < 0 ? name : name.substring(0, metadata)).strip() + "\"";
        }
        if (depth(before) > 0) {
            return "unexpected '" + found + "'" + rule + "; inside a pattern, separate conditions with a comma or "
                    + "join them with && or ||, as in Answers( yes(\"a\"), yes(\"b\") )";
        }
        if (KEYWORDS.contains(found)) {
            return "'" + found + "'" + rule + " comes where Drools did not expect it; check the line before it: a "
                    + "rule reads rule \"name\" ... when <conditions> then <inserts> end";
        }
        return "unexpected '" + found + "'" + rule + "; a rule reads rule \"name\" @id(...) @source(...) "
                + "@reason(...) when <conditions> then <inserts> end";
    }

    /** How many brackets are open at the end of {@code text}. */
    private static int depth(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return depth;
    }
}
