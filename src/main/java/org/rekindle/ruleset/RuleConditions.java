package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;

import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;

import org.rekindle.model.Answers;
import org.rekindle.ruleset.RuleTokens.Kind;
import org.rekindle.ruleset.RuleTokens.Token;

/**
 * A rule's conditions as a tree that can be evaluated outside Drools, to say which of them held for a
 * stored decision and which did not ("why was this card not shown?"). It is read from the same checked
 * descriptors Drools compiles, after {@link RulePolicy} and {@link ConstraintGrammar} have accepted every
 * constraint, so it only ever holds the allow-listed grammar: queries on the answers, the matched fact's
 * property, bindings, literals, comparisons, {@code &&}, {@code ||} and {@code !}.
 *
 * @param when the rule's conditions: every part must hold
 */
public record RuleConditions(When when) {

    /** A part of a rule's conditions. */
    public sealed interface When {
    }

    /** Every part holds ({@code and}, or the rule's conditions as a whole). */
    public record All(List<When> parts) implements When {
    }

    /** Any part holds ({@code or}). */
    public record Any(List<When> parts) implements When {
    }

    /** {@code not}: no fact matches the part. */
    public record None(When part) implements When {
    }

    /** {@code exists}: some fact matches the part. */
    public record Some(When part) implements When {
    }

    /**
     * One pattern, such as {@code Answers( yes("q"), $n : yesCount("s"), $n > 3 )} or
     * {@code Finding( name == "x" )}.
     *
     * @param fact        the fact type it matches
     * @param constraints its constraints, in order
     */
    public record Pattern(String fact, List<Constraint> constraints) implements When {
    }

    /**
     * One constraint of a pattern.
     *
     * @param text  as written in the rule
     * @param binds the binding it declares ({@code $n : ...}), or null when it is a condition
     * @param value the expression: the bound value, or the condition
     */
    public record Constraint(String text, String binds, Expr value) {
    }

    /** An expression of the constraint grammar. */
    public sealed interface Expr {
    }

    /** A text, number, boolean or null literal. */
    public record Literal(Object value) implements Expr {
    }

    /** A query on the answers, such as {@code yesCount("self_assessment")}. */
    public record Query(String name, List<String> arguments) implements Expr {

        /**
         * What the query answers for {@code answers} (the {@code Answers} or {@code Previous} fact's), as the
         * compiled rule sees it: a Boolean, an Integer, a Double, a String or null.
         */
        public Object ask(Answers answers) {
            String first = arguments.get(0);
            String second = arguments.size() > 1 ? arguments.get(1) : null;
            return switch (name) {
                case "answered" -> answers.answered(first);
                case "yes" -> answers.yes(first);
                case "no" -> answers.no(first);
                case "is" -> answers.is(first, second);
                case "has" -> answers.has(first, second);
                case "atLeast" -> answers.atLeast(first, second);
                case "choice" -> answers.choice(first);
                case "count" -> answers.count(first);
                case "frequency" -> answers.frequency(first);
                case "number" -> answers.number(first);
                case "yesCount" -> answers.yesCount(first);
                case "answeredCount" -> answers.answeredCount(first);
                case "countAtLeast" -> answers.countAtLeast(first, second);
                default -> throw new IllegalStateException("the rule vocabulary has no query " + name + " on the answers");
            };
        }
    }

    /** The matched fact's property, such as {@code name}. */
    public record Property(String name) implements Expr {
    }

    /** A binding declared earlier in the rule. */
    public record Bound(String name) implements Expr {
    }

    /** {@code !operand}. */
    public record Not(Expr operand) implements Expr {
    }

    /** {@code left && right} or {@code left || right}. */
    public record Logic(boolean and, Expr left, Expr right) implements Expr {
    }

    /** {@code left op right}, op one of {@code == != < <= > >=}. */
    public record Compare(String operator, Expr left, Expr right) implements Expr {
    }

    /** Reads a checked rule's left-hand side. */
    static RuleConditions read(BaseDescr lhs) {
        return new RuleConditions(when(lhs));
    }

    private static When when(BaseDescr descr) {
        if (descr instanceof AndDescr and) {
            return new All(parts(and.getDescrs()));
        }
        if (descr instanceof OrDescr or) {
            return new Any(parts(or.getDescrs()));
        }
        if (descr instanceof NotDescr not) {
            return new None(new All(parts(not.getDescrs())));
        }
        if (descr instanceof ExistsDescr exists) {
            return new Some(new All(parts(exists.getDescrs())));
        }
        if (descr instanceof PatternDescr pattern) {
            List<Constraint> constraints = new ArrayList<>();
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                String text = ((ExprConstraintDescr) constraint).getExpression();
                constraints.add(constraint(text));
            }
            return new Pattern(pattern.getObjectType(), List.copyOf(constraints));
        }
        throw new IllegalStateException("a checked rule has only patterns, and, or, not and exists");
    }

    /** The parts of a group; some of Drools' groups ({@code exists}) hand their parts out as a raw list. */
    private static List<When> parts(List<?> descrs) {
        List<When> parts = new ArrayList<>(descrs.size());
        descrs.forEach(d -> parts.add(when((BaseDescr) d)));
        return List.copyOf(parts);
    }

    private static Constraint constraint(String text) {
        List<Token> tokens;
        try {
            tokens = RuleTokens.read(text);
        } catch (RuleTokens.Unreadable e) {
            throw new IllegalStateException("a checked constraint no longer reads", e);
        }
        Parser parser = new Parser(tokens);
        if (tokens.get(0).kind() == Kind.BINDING && tokens.get(1).is(":")) {
            parser.next = 2;
            return new Constraint(text, tokens.get(0).text(), parser.operand());
        }
        return new Constraint(text, null, parser.or());
    }

    /** The grammar of {@link ConstraintGrammar}, on text it has already accepted: no errors to report. */
    private static final class Parser {

        private final List<Token> tokens;
        private int next;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Expr or() {
            Expr left = and();
            while (tokens.get(next).is("||")) {
                next++;
                left = new Logic(false, left, and());
            }
            return left;
        }

        Expr and() {
            Expr left = unary();
            while (tokens.get(next).is("&&")) {
                next++;
                left = new Logic(true, left, unary());
            }
            return left;
        }

        Expr unary() {
            if (tokens.get(next).is("!")) {
                next++;
                return new Not(unary());
            }
            Expr left = operand();
            Token operator = tokens.get(next);
            if (operator.kind() == Kind.SYMBOL && List.of("==", "!=", "<", "<=", ">", ">=").contains(operator.text())) {
                next++;
                return new Compare(operator.text(), left, operand());
            }
            return left;
        }

        Expr operand() {
            Token token = tokens.get(next++);
            switch (token.kind()) {
                case STRING:
                    return new Literal(token.text());
                case NUMBER:
                    return new Literal(Double.valueOf(token.text()));
                case BINDING:
                    return new Bound(token.text());
                case SYMBOL: {
                    Expr inner = or();
                    next++; // the closing bracket
                    return inner;
                }
                default:
                    break;
            }
            switch (token.text()) {
                case "true":
                    return new Literal(Boolean.TRUE);
                case "false":
                    return new Literal(Boolean.FALSE);
                case "null":
                    return new Literal(null);
                default:
                    break;
            }
            if (!tokens.get(next).is("(")) {
                return new Property(token.text());
            }
            next++;
            List<String> arguments = new ArrayList<>(2);
            while (true) {
                arguments.add(tokens.get(next++).text());
                if (!tokens.get(next).is(",")) {
                    break;
                }
                next++;
            }
            next++; // )
            return new Query(token.text(), List.copyOf(arguments));
        }
    }
}
