package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rekindle.ruleset.RuleTokens.Kind;
import org.rekindle.ruleset.RuleTokens.Token;
import org.rekindle.ruleset.RuleTokens.Unreadable;
import org.rekindle.ruleset.RuleVocabulary.Query;
import org.rekindle.ruleset.RuleVocabulary.ValueType;

/**
 * The allow-list grammar of one constraint inside a pattern, such as {@code is("q", "a") || yes("r")},
 * {@code $yes : yesCount("self_assessment")}, {@code $yes > 3} or {@code name == "pursuer_withdrawer"}:
 *
 * <pre>
 * constraint := binding ':' operand | or
 * or         := and ('||' and)*
 * and        := unary ('&&' unary)*
 * unary      := '!' unary | comparison
 * comparison := operand (('==' | '!=' | '<' | '<=' | '>' | '>=') operand)?
 * operand    := '(' or ')' | query '(' "literal" (',' "literal")* ')' | property | $binding
 *             | "literal" | number | true | false | null
 * </pre>
 *
 * Queries and properties are those {@link RuleVocabulary} lists for the pattern's fact; every operand
 * has a type, and a comparison of a number with a text (or a query used as a condition when it
 * answers a number) is refused here rather than silently never matching at run time.
 */
final class ConstraintGrammar {

    /** A query or property literal the constraint names, with its offset in the expression. */
    record Literal(RuleReference.Kind kind, String value, String option, int offset, String query) {
    }

    /**
     * What one constraint says.
     *
     * @param binds   the binding it declares and its type, or null
     * @param key     for a matchable fact, the literal of a top-level {@code property == "literal"}, or null
     * @param mentions the question, section and finding literals it names
     */
    record Reading(String binds, ValueType bindsType, String key, List<Literal> mentions) {
    }

    private final List<Token> tokens;
    private final String fact;
    private final Map<String, ValueType> bindings;
    private final List<Literal> mentions = new ArrayList<>();
    private int next;
    private int depth;

    /** The deepest nesting of brackets and negations a condition may have. */
    static final int MAX_DEPTH = 32;

    private ConstraintGrammar(List<Token> tokens, String fact, Map<String, ValueType> bindings) {
        this.tokens = tokens;
        this.fact = fact;
        this.bindings = bindings;
    }

    /**
     * Reads one constraint of a pattern on {@code fact}.
     *
     * @param bindings the bindings declared by earlier constraints of the rule, with their types
     * @throws Unreadable at the first thing the grammar does not allow, with what to write instead
     */
    static Reading read(String expression, String fact, Map<String, ValueType> bindings) throws Unreadable {
        return new ConstraintGrammar(RuleTokens.read(expression), fact, bindings).constraint();
    }

    private Reading constraint() throws Unreadable {
        Token first = peek();
        if (first.kind() == Kind.BINDING && tokens.get(next + 1).is(":")) {
            next += 2;
            if (bindings.containsKey(first.text())) {
                throw new Unreadable(first.offset(), "'" + first.text() + "' is already bound in this rule; "
                        + "choose another name");
            }
            ValueType type = operand();
            expectEnd("a binding names one value, such as $yes : yesCount(\"self_assessment\"); "
                    + "compare it in a constraint of its own, such as $yes > 3");
            return new Reading(first.text(), type, null, List.copyOf(mentions));
        }
        String key = keyOf();
        ValueType type = or();
        mentionMatchedLiterals();
        expectEnd("join conditions with && or ||, or separate them with a comma");
        if (type != ValueType.BOOLEAN) {
            throw new Unreadable(first.offset(), "this condition is a " + describe(type)
                    + ", not true or false; compare it, for example " + example(type));
        }
        return new Reading(null, null, key, List.copyOf(mentions));
    }

    /** The literal of a constraint that is exactly {@code property == "literal"}, which pins the fact. */
    private String keyOf() {
        if (tokens.size() == 4 && tokens.get(0).kind() == Kind.NAME && tokens.get(1).is("==")
                && tokens.get(2).kind() == Kind.STRING && RuleVocabulary.MATCHABLE.containsKey(fact)
                && tokens.get(0).text().equals(RuleVocabulary.MATCHABLE.get(fact).property())) {
            return tokens.get(2).text();
        }
        return null;
    }

    /** Each literal compared with the matched fact's property ({@code name == "x"}) names such a fact. */
    private void mentionMatchedLiterals() {
        RuleVocabulary.Matchable matchable = RuleVocabulary.MATCHABLE.get(fact);
        if (matchable == null) {
            return;
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token a = tokens.get(i);
            Token op = tokens.get(i + 1);
            Token b = tokens.get(i + 2);
            if ((op.is("==") || op.is("!=")) && (isProperty(a, matchable) && b.kind() == Kind.STRING
                    || a.kind() == Kind.STRING && isProperty(b, matchable))) {
                Token literal = a.kind() == Kind.STRING ? a : b;
                mentions.add(new Literal(matchable.names(), literal.text(), null, literal.offset(), null));
            }
        }
    }

    private static boolean isProperty(Token token, RuleVocabulary.Matchable matchable) {
        return token.kind() == Kind.NAME && token.text().equals(matchable.property());
    }

    private ValueType or() throws Unreadable {
        ValueType left = and();
        while (peek().is("||")) {
            Token operator = take();
            requireBoolean(left, operator);
            requireBoolean(and(), operator);
            left = ValueType.BOOLEAN;
        }
        return left;
    }

    private ValueType and() throws Unreadable {
        ValueType left = unary();
        while (peek().is("&&")) {
            Token operator = take();
            requireBoolean(left, operator);
            requireBoolean(unary(), operator);
            left = ValueType.BOOLEAN;
        }
        return left;
    }

    private ValueType unary() throws Unreadable {
        if (peek().is("!")) {
            Token not = take();
            enter(not);
            requireBoolean(unary(), not);
            depth--;
            return ValueType.BOOLEAN;
        }
        return comparison();
    }

    private ValueType comparison() throws Unreadable {
        ValueType left = operand();
        Token operator = peek();
        if (!(operator.is("==") || operator.is("!=") || operator.is("<") || operator.is("<=") || operator.is(">")
                || operator.is(">="))) {
            return left;
        }
        take();
        ValueType right = operand();
        boolean ordering = !operator.is("==") && !operator.is("!=");
        if (left == ValueType.NULL || right == ValueType.NULL) {
            if (ordering) {
                throw new Unreadable(operator.offset(), "only == and != compare with null");
            }
        } else if (left != right) {
            throw new Unreadable(operator.offset(), "this compares a " + describe(left) + " with a "
                    + describe(right) + ", which is never true; compare like with like, for example "
                    + example(left));
        } else if (ordering && left != ValueType.NUMBER) {
            throw new Unreadable(operator.offset(), "'" + operator.text() + "' compares numbers; a "
                    + describe(left) + " can only be compared with == or !=");
        }
        return ValueType.BOOLEAN;
    }

    private ValueType operand() throws Unreadable {
        Token token = take();
        switch (token.kind()) {
            case STRING:
                return ValueType.TEXT;
            case NUMBER:
                return ValueType.NUMBER;
            case BINDING: {
                ValueType type = bindings.get(token.text());
                if (type == null) {
                    String meant = Spelling.closest(token.text(), bindings.keySet());
                    throw new Unreadable(token.offset(), "'" + token.text() + "' is not bound before this point"
                            + (meant != null ? "; did you mean '" + meant + "'?"
                                    : "; bind it first, such as " + token.text() + " : yesCount(\"section\")"));
                }
                return type;
            }
            case NAME:
                return named(token);
            case SYMBOL:
                if (token.is("(")) {
                    enter(token);
                    ValueType inner = or();
                    expect(")", "close the bracket opened here");
                    depth--;
                    return inner;
                }
                throw new Unreadable(token.offset(), "expected a value or a question here, not '" + token.text() + "'");
            default:
                throw new Unreadable(token.offset(), "the condition ends too early; something is missing here");
        }
    }

    private ValueType named(Token name) throws Unreadable {
        switch (name.text()) {
            case "true", "false":
                return ValueType.BOOLEAN;
            case "null":
                return ValueType.NULL;
            default:
                break;
        }
        if (!peek().is("(")) {
            RuleVocabulary.Matchable matchable = RuleVocabulary.MATCHABLE.get(fact);
            String property = matchable == null ? null : matchable.property();
            if (name.text().equals(property)) {
                return ValueType.TEXT;
            }
            throw new Unreadable(name.offset(), "'" + name.text() + "' is not something a rule may read here; "
                    + (property == null ? "ask " + fact + " with a query such as yes(\"question_id\")"
                            : "a " + fact + " has only '" + property + "', as in " + property + " == \"...\""));
        }
        Map<String, Query> queries = RuleVocabulary.QUERIES.get(fact);
        Query query = queries == null ? null : queries.get(name.text());
        if (query == null) {
            String meant = queries != null ? Spelling.closest(name.text(), queries.keySet()) : null;
            if (meant != null) {
                throw new Unreadable(name.offset(), fact + " has no query '" + name.text() + "'; did you mean '" + meant
                        + "'?");
            }
            throw new Unreadable(name.offset(), "'" + name.text() + "(...)' is not allowed in rules; "
                    + (queries != null ? fact + " can be asked "
                            + String.join(", ", queries.keySet().stream().sorted().toList())
                            : "a " + fact + " is matched by its '" + RuleVocabulary.MATCHABLE.get(fact).property() + "'"));
        }
        take();
        List<Token> literals = new ArrayList<>(2);
        while (true) {
            Token literal = take();
            if (literal.kind() != Kind.STRING) {
                throw new Unreadable(literal.offset(), name.text() + "(...) takes " + arguments(query)
                        + " in double quotes");
            }
            literals.add(literal);
            if (!peek().is(",")) {
                break;
            }
            take();
        }
        expect(")", name.text() + "(...) takes " + arguments(query) + "; close it with )");
        if (literals.size() != query.arity()) {
            throw new Unreadable(name.offset(), name.text() + "(...) takes " + arguments(query) + ", not "
                    + literals.size());
        }
        if (query.names() == RuleVocabulary.Argument.TWO_QUESTIONS) {
            // Both literals name questions (no option), each checked on its own.
            for (Token literal : literals) {
                mentions.add(new Literal(RuleReference.Kind.QUESTION, literal.text(), null, literal.offset(),
                        name.text()));
            }
            return query.returns();
        }
        if (query.names() == RuleVocabulary.Argument.FINDING) {
            // A partner's finding, which some rule must draw (and no private one: see CrossCheck).
            mentions.add(new Literal(RuleReference.Kind.FINDING_USED, literals.get(0).text(), null,
                    literals.get(0).offset(), name.text()));
            return query.returns();
        }
        RuleReference.Kind kind = query.names() == RuleVocabulary.Argument.QUESTION
                ? RuleReference.Kind.QUESTION : RuleReference.Kind.SECTION;
        mentions.add(new Literal(kind, literals.get(0).text(), literals.size() > 1 ? literals.get(1).text() : null,
                literals.get(0).offset(), name.text()));
        return query.returns();
    }

    private void enter(Token at) throws Unreadable {
        if (++depth > MAX_DEPTH) {
            throw new Unreadable(at.offset(), "this condition nests more than " + MAX_DEPTH
                    + " brackets or negations deep; split it into simpler conditions");
        }
    }

    private static String arguments(Query query) {
        if (query.names() == RuleVocabulary.Argument.TWO_QUESTIONS) {
            return "two question ids";
        }
        if (query.names() == RuleVocabulary.Argument.FINDING) {
            return "a finding's name";
        }
        String first = query.names() == RuleVocabulary.Argument.QUESTION ? "a question id" : "a section id";
        return query.arity() == 1 ? first : first + " and an option";
    }

    private void requireBoolean(ValueType type, Token at) throws Unreadable {
        if (type != ValueType.BOOLEAN) {
            throw new Unreadable(at.offset(), "'" + at.text() + "' joins conditions that are true or false; one "
                    + "side is a " + describe(type) + ", compare it first, for example " + example(type));
        }
    }

    private void expect(String symbol, String advice) throws Unreadable {
        Token token = take();
        if (!token.is(symbol)) {
            throw new Unreadable(token.offset(), "expected '" + symbol + "' here; " + advice);
        }
    }

    private void expectEnd(String advice) throws Unreadable {
        Token token = peek();
        if (token.kind() != Kind.END) {
            throw new Unreadable(token.offset(), "unexpected '" + token.text() + "'; " + advice);
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case BOOLEAN -> "condition";
            case NUMBER -> "number";
            case TEXT -> "text";
            case NULL -> "null";
        };
    }

    private static String example(ValueType type) {
        return switch (type) {
            case NUMBER -> "number(\"talk_minutes_per_day\") < 30";
            case TEXT -> "choice(\"q\") == \"option\"";
            default -> "yes(\"q\") == true";
        };
    }
}
