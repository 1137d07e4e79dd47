package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of one condition or consequence of a rule, as the allow-list reads them: names,
 * {@code $bindings}, string literals (no backslash, no line break), numbers and a few operators.
 * Anything else (a dot, a bracket, an operator such as {@code matches}, a character literal) stops
 * the reading with an error at its offset, so that nothing the grammar does not know can reach
 * Drools' own parsers.
 */
final class RuleTokens {

    enum Kind { NAME, BINDING, STRING, NUMBER, SYMBOL, END }

    /** One token; {@code offset} is its position in the text it was read from. */
    record Token(Kind kind, String text, int offset) {

        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbol);
        }
    }

    /** A character or sequence the grammar does not allow, at {@code offset} of the text. */
    static final class Unreadable extends Exception {

        private final int offset;

        Unreadable(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    private static final List<String> SYMBOLS =
            List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ",", ":", ";");

    private RuleTokens() {
    }

    /** The tokens of {@code text}, ending with one {@link Kind#END} token. */
    static List<Token> read(String text) throws Unreadable {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                i = skipComment(text, i);
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                i++;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i);
                if (c == '$' && word.length() == 1) {
                    throw new Unreadable(start, "'$' must start a binding name, such as $count");
                }
                tokens.add(new Token(c == '$' ? Kind.BINDING : Kind.NAME, word, start));
            } else if (c == '"') {
                int close = i + 1;
                while (close < n && text.charAt(close) != '"' && text.charAt(close) != '\n') {
                    close++;
                }
                if (close >= n || text.charAt(close) != '"') {
                    throw new Unreadable(i, "this text has no closing \" on its line");
                }
                tokens.add(new Token(Kind.STRING, text.substring(i + 1, close), i));
                i = close + 1;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(text.charAt(i + 1))
                    && !endsOperand(tokens))) {
                int start = i;
                i++;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i + 1 < n && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
                    i++;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '.')) {
                    throw new Unreadable(i, "a number is written with digits and at most one decimal point, "
                            + "such as 30 or 2.5");
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else {
                String symbol = symbolAt(text, i);
                if (symbol == null) {
                    throw new Unreadable(i, "'" + c + "' is not allowed here" + (c == '.'
                            ? ": a rule cannot reach into objects or Java classes; ask Answers with a query such as "
                                    + "yes(\"question_id\")" : ""));
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, i));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, "", n));
        return tokens;
    }

    /** True when the last token ends an operand, so that a following '-' would be a subtraction. */
    private static boolean endsOperand(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.kind() != Kind.SYMBOL || last.text().equals(")");
    }

    private static String symbolAt(String text, int i) {
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, i)) {
                return symbol;
            }
        }
        return null;
    }

    private static int skipComment(String text, int i) throws Unreadable {
        if (text.charAt(i + 1) == '/') {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end + 1;
        }
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
            throw new Unreadable(i, "this comment is never closed with */");
        }
        return end + 2;
    }
}
