package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light, position-keeping reading of one DRL file: its package, imports and rule blocks with the
 * line each starts on and the text of their conditions and consequences. Drools compiles the file;
 * this reading only serves the checks and the audit trail that Drools' own model does not carry
 * (rule lines, the literal ids a rule mentions).
 */
final class DrlText {

    /** One {@code rule ... end} block. Offsets index into the file's text. */
    record RuleBlock(String name, int line, String header, String lhs, int lhsOffset, String rhs, int rhsOffset) {
    }

    record Import(String target, int line) {
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.*]+)");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))");
    private static final Pattern END = Pattern.compile("\\bend\\b");
    private static final Pattern WHEN = Pattern.compile("\\bwhen\\b");
    private static final Pattern THEN = Pattern.compile("\\bthen\\b");

    private final String text;
    /** The text with comments blanked out (strings kept); same length and line breaks as {@code text}. */
    private final String code;
    /** {@link #code} with string contents blanked too, for finding keywords. */
    private final String skeleton;

    DrlText(String text) {
        this.text = text;
        String[] masked = mask(text);
        this.code = masked[0];
        this.skeleton = masked[1];
    }

    /** The text with comments blanked out. */
    String code() {
        return code;
    }

    /** The text with comments and string contents blanked out. */
    String skeleton() {
        return skeleton;
    }

    String packageName() {
        Matcher m = PACKAGE.matcher(skeleton);
        return m.find() ? m.group(1) : "";
    }

    List<Import> imports() {
        List<Import> imports = new ArrayList<>();
        Matcher m = IMPORT.matcher(skeleton);
        while (m.find()) {
            imports.add(new Import(m.group(1), lineAt(m.start(1))));
        }
        return imports;
    }

    List<RuleBlock> rules() {
        List<RuleBlock> rules = new ArrayList<>();
        Matcher rule = RULE.matcher(skeleton);
        int from = 0;
        while (rule.find(from)) {
            // The name is a string, blanked in the skeleton: read it from the code at the same place.
            Matcher named = RULE.matcher(code);
            named.find(rule.start());
            String name = named.group(1) != null ? named.group(1)
                    : named.group(2) != null ? named.group(2) : named.group(3);
            Matcher when = WHEN.matcher(skeleton);
            int whenAt = when.find(rule.end()) ? when.end() : rule.end();
            Matcher then = THEN.matcher(skeleton);
            int thenAt = then.find(whenAt) ? then.start() : skeleton.length();
            Matcher end = END.matcher(skeleton);
            int blockEnd = end.find(Math.min(thenAt + 4, skeleton.length())) ? end.start() : skeleton.length();
            thenAt = Math.min(thenAt, blockEnd);
            int rhsFrom = thenAt == blockEnd ? blockEnd : thenAt + 4;
            rules.add(new RuleBlock(name, lineAt(rule.start() + leadingSpace(rule.group())),
                    code.substring(rule.end(), Math.max(rule.end(), whenAt - 4)), code.substring(whenAt, thenAt),
                    whenAt, code.substring(rhsFrom, blockEnd), rhsFrom));
            from = Math.max(blockEnd, rule.end());
            if (from >= skeleton.length()) {
                break;
            }
        }
        return rules;
    }

    /** 1-based line of a character offset. */
    int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a character offset. */
    int columnAt(int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        return offset - lineStart + 1;
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Blanks comments (result 0) and comments plus string contents (result 1), keeping every offset. */
    private static String[] mask(String text) {
        StringBuilder code = new StringBuilder(text);
        StringBuilder skeleton = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                for (int k = i + 1; k < Math.min(j, n); k++) {
                    skeleton.setCharAt(k, ' ');
                }
                i = j + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    code.setCharAt(i, ' ');
                    skeleton.setCharAt(i, ' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                int stop = close < 0 ? n : close + 2;
                for (; i < stop; i++) {
                    if (text.charAt(i) != '\n') {
                        code.setCharAt(i, ' ');
                        skeleton.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return new String[] {code.toString(), skeleton.toString()};
    }
}
