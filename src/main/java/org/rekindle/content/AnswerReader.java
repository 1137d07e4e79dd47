package org.rekindle.content;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks one raw answer against its question and returns the normalised value, or null with a problem added. */
final class AnswerReader {

    private AnswerReader() {
    }

    static Object read(Question question, Object value, String field, List<FieldProblem> problems) {
        return switch (question.type()) {
            case YES_NO -> readYesNo(value, field, problems);
            case FREQUENCY, CHOICE -> readOption(question, value, field, problems);
            case MULTI_CHOICE -> readOptions(question, value, field, problems);
            case NUMBER -> readNumber(question, value, field, problems);
        };
    }

    private static Object readYesNo(Object value, String field, List<FieldProblem> problems) {
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if ("yes".equals(value) || "no".equals(value)) {
            return value;
        }
        problems.add(new FieldProblem(field, "expected \"yes\" or \"no\" (or true/false), got " + describe(value)));
        return null;
    }

    private static Object readOption(Question question, Object value, String field, List<FieldProblem> problems) {
        if (!(value instanceof String s)) {
            problems.add(new FieldProblem(field, "expected one of " + offered(question) + ", got " + describe(value)));
            return null;
        }
        if (!question.offers(s)) {
            problems.add(new FieldProblem(field, "option not offered: '" + s + "'; expected one of " + offered(question)));
            return null;
        }
        return s;
    }

    private static Object readOptions(Question question, Object value, String field, List<FieldProblem> problems) {
        if (!(value instanceof List<?> list)) {
            problems.add(new FieldProblem(field, "expected a list of options from " + offered(question)
                    + ", got " + describe(value)));
            return null;
        }
        LinkedHashSet<String> picked = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String s) || !question.offers(s)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "option not offered: " + describe(item)
                        + "; expected one of " + offered(question)));
                ok = false;
            } else if (!picked.add(s)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "option '" + s + "' is listed twice"));
                ok = false;
            }
        }
        return ok ? List.copyOf(new ArrayList<>(picked)) : null;
    }

    private static Object readNumber(Question question, Object value, String field, List<FieldProblem> problems) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            problems.add(new FieldProblem(field, "expected a number, got " + describe(value)));
            return null;
        }
        double d = n.doubleValue();
        if ((question.min() != null && d < question.min()) || (question.max() != null && d > question.max())) {
            problems.add(new FieldProblem(field, "out of range: " + format(d) + " is not between "
                    + format(question.min()) + " and " + format(question.max())));
            return null;
        }
        // Kept as posted: a whole number stays whole (10, not 10.0) in every response and in the decision
        // log, as the Integer (or, when larger, Long) a JSON parser reads; rules read it through
        // Answers.number, which gives a Double either way.
        if (isWhole(n)) {
            long whole = n.longValue();
            if (whole == (int) whole) {
                return (int) whole;
            }
            return whole;
        }
        return d;
    }

    /** True for the integer types a JSON or YAML parser gives a number written without a fraction. */
    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || (n instanceof BigInteger big && big.bitLength() < Long.SIZE);
    }

    private static String offered(Question question) {
        return question.options().stream().map(o -> "'" + o.value() + "'").toList().toString();
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the text '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value == null ? "null" : "an object";
    }

    /** Formats a number the way a coach writes it: 30, not 30.0. */
    static String format(Double d) {
        if (d == null) {
            return "any";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
}
