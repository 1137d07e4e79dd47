package org.rekindle.ruleset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.rekindle.bundle.Problem;

/**
 * The mistakes a coach makes most often while typing a rule, found before Drools reads the file and
 * said where they are: a text without its closing quote, a comment never closed, a bracket never
 * closed or closing nothing. Drools reports these at a later token ("mismatched input 'then'"), often
 * lines away; reporting them here points at the character to fix. Reads text only, never runs it.
 */
final class RuleSyntax {

    /** The deepest brackets may nest in a rule file; the article's rules nest three deep. */
    static final int MAX_NESTING = 64;

    private RuleSyntax() {
    }

    /** The problems of {@code source}'s text, located in the coach's file; empty when its brackets and texts close. */
    static List<Problem> check(RuleSource source) {
        String text = source.drl();
        List<Problem> problems = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // {offset, bracket}
        int i = 0;
        int n = text.length();
        while (i < n && problems.isEmpty()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int close = i + 1;
                while (close < n && text.charAt(close) != c && text.charAt(close) != '\n') {
                    close++;
                }
                if (close >= n || text.charAt(close) != c) {
                    problems.add(at(source, i, "this text has no closing " + c + " on its line; add " + c
                            + " where the text ends (a text cannot span lines)"));
                }
                i = close + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    problems.add(at(source, i, "this comment is never closed; end it with */"));
                }
                i = end < 0 ? n : end + 2;
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(new int[] {i, c});
                if (open.size() > MAX_NESTING) {
                    // Drools' parser recurses per bracket: thousands overflow its stack, with no line to report.
                    problems.add(at(source, i, "brackets nest more than " + MAX_NESTING + " deep here; split the "
                            + "condition into simpler ones, or into rules that each conclude a Finding"));
                }
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (open.isEmpty()) {
                    problems.add(at(source, i, "this '" + c + "' closes nothing; remove it, or add the '" + expected
                            + "' it belongs to"));
                } else if (open.peek()[1] != expected) {
                    int[] unclosed = open.peek();
                    problems.add(at(source, unclosed[0], "this '" + (char) unclosed[1] + "' is never closed: a '" + c
                            + "' comes first, at line " + lineOf(text, i) + "; add the missing '"
                            + closing((char) unclosed[1]) + "'"));
                } else {
                    open.pop();
                }
                i++;
            } else {
                i++;
            }
        }
        if (problems.isEmpty()) {
            misspeltKeyword(source, problems);
        }
        if (problems.isEmpty() && !open.isEmpty()) {
            int[] unclosed = open.getLast();
            problems.add(at(source, unclosed[0], "this '" + (char) unclosed[1] + "' is never closed; add '"
                    + closing((char) unclosed[1]) + "' where what it opens ends"));
        }
        return problems;
    }

    /** A line that is one word, close to but not {@code when}, {@code then} or {@code end}: a slip of the keys. */
    private static void misspeltKeyword(RuleSource source, List<Problem> problems) {
        String[] lines = source.drl().split("\n", -1);
        int offset = 0;
        for (String line : lines) {
            String word = line.strip();
            if (word.matches("[A-Za-z]{2,6}") && !KEYWORDS.contains(word)) {
                String meant = Spelling.closest(word, KEYWORDS);
                if (meant != null) {
                    problems.add(at(source, offset + line.indexOf(word), "'" + word + "' is not a keyword; did you "
                            + "mean '" + meant + "'? A rule reads: rule \"name\" ... when <conditions> then <inserts> end"));
                    return;
                }
            }
            offset += line.length() + 1;
        }
    }

    private static final List<String> KEYWORDS = List.of("when", "then", "end");

    private static char closing(char bracket) {
        return bracket == '(' ? ')' : bracket == '[' ? ']' : '}';
    }

    private static Problem at(RuleSource source, int offset, String message) {
        String text = source.drl();
        int line = lineOf(text, offset);
        int lineStart = offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
        int column = offset - lineStart + 1;
        return new Problem(source.path(), source.line(line), source.column(column), message);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
