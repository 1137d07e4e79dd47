package org.rekindle.ruleset;

import java.util.Map;
import java.util.Set;

import org.rekindle.content.QuestionType;

/**
 * Everything a coach's rule may name, in one table: the facts its conditions may match with the
 * queries each one answers, and the facts its consequence may insert. {@link RulePolicy} admits a rule
 * only if every name in it is found here; anything else (another type, method, property or statement)
 * is refused with its position. Adding a fact to the model is adding one line here.
 */
final class RuleVocabulary {

    /** What a query returns, so that a comparison can be checked before the rule ever runs. */
    enum ValueType { BOOLEAN, NUMBER, TEXT, NULL }

    /**
     * What the literal arguments of a query name, for the cross-check against the questionnaire (a question
     * or a section) or against the rules (a finding some rule draws).
     */
    enum Argument { QUESTION, SECTION, TWO_QUESTIONS, FINDING }

    /**
     * One query of the {@code Answers} fact: {@code name("id")} or {@code name("id", "option")}.
     *
     * @param arity   how many string literals it takes (the first names a question or a section)
     * @param names   what the first literal names
     * @param returns what it answers
     * @param asks    the question types it can ask (for a section query: of which the section must
     *                have at least one); every type when empty
     */
    record Query(int arity, Argument names, ValueType returns, Set<QuestionType> asks) {
    }

    /** A fact a condition may match by one text property, and what a literal compared with it names. */
    record Matchable(String property, RuleReference.Kind names) {
    }

    /** A fact a rule may insert: its type's simple name and what its one literal names. */
    record Insertable(String type, RuleReference.Kind kind) {
    }

    /** The fact every rule reads, and its queries (methods of {@link org.rekindle.model.Answers}). */
    static final String ANSWERS = "Answers";

    private static final Set<QuestionType> SINGLE = Set.of(QuestionType.YES_NO, QuestionType.CHOICE,
            QuestionType.FREQUENCY);

    static final Map<String, Query> ANSWER_QUERIES = Map.ofEntries(
            Map.entry("answered", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of())),
            Map.entry("yes", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.YES_NO))),
            Map.entry("no", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.YES_NO))),
            Map.entry("is", new Query(2, Argument.QUESTION, ValueType.BOOLEAN, SINGLE)),
            Map.entry("has", new Query(2, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.MULTI_CHOICE))),
            Map.entry("atLeast", new Query(2, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.FREQUENCY))),
            Map.entry("choice", new Query(1, Argument.QUESTION, ValueType.TEXT, SINGLE)),
            Map.entry("count", new Query(1, Argument.QUESTION, ValueType.NUMBER, Set.of(QuestionType.MULTI_CHOICE))),
            Map.entry("frequency", new Query(1, Argument.QUESTION, ValueType.NUMBER, Set.of(QuestionType.FREQUENCY))),
            Map.entry("number", new Query(1, Argument.QUESTION, ValueType.NUMBER, Set.of(QuestionType.NUMBER))),
            Map.entry("yesCount", new Query(1, Argument.SECTION, ValueType.NUMBER, Set.of(QuestionType.YES_NO))),
            Map.entry("answeredCount", new Query(1, Argument.SECTION, ValueType.NUMBER, Set.of())),
            Map.entry("countAtLeast", new Query(2, Argument.SECTION, ValueType.NUMBER,
                    Set.of(QuestionType.FREQUENCY))));

    /**
     * The fact couple-level rules read, and its queries (methods of {@link org.rekindle.model.Couple}): both
     * partners' answers without the private ones, and the findings each partner's own answers drew, without
     * the private ones. No single-person evaluation inserts it, and no couple evaluation inserts
     * {@code Answers}, so a rule reads one or the other.
     */
    static final String COUPLE = "Couple";

    static final Map<String, Query> COUPLE_QUERIES = Map.ofEntries(
            Map.entry("both", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.YES_NO))),
            Map.entry("either", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.YES_NO))),
            Map.entry("split", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.YES_NO))),
            Map.entry("bothAre", new Query(2, Argument.QUESTION, ValueType.BOOLEAN, SINGLE)),
            Map.entry("oneIs", new Query(2, Argument.QUESTION, ValueType.BOOLEAN, SINGLE)),
            Map.entry("differ", new Query(1, Argument.QUESTION, ValueType.BOOLEAN, Set.of(QuestionType.CHOICE))),
            Map.entry("misread", new Query(2, Argument.TWO_QUESTIONS, ValueType.BOOLEAN,
                    Set.of(QuestionType.CHOICE))),
            Map.entry("most", new Query(1, Argument.SECTION, ValueType.NUMBER, Set.of(QuestionType.YES_NO))),
            Map.entry("least", new Query(1, Argument.SECTION, ValueType.NUMBER, Set.of(QuestionType.YES_NO))),
            Map.entry("gap", new Query(1, Argument.SECTION, ValueType.NUMBER, Set.of(QuestionType.YES_NO))),
            Map.entry("bothFound", new Query(1, Argument.FINDING, ValueType.BOOLEAN, Set.of())),
            Map.entry("oneFound", new Query(1, Argument.FINDING, ValueType.BOOLEAN, Set.of())),
            Map.entry("eitherFound", new Query(1, Argument.FINDING, ValueType.BOOLEAN, Set.of())));

    /**
     * The previous assessment's answers (methods of {@link org.rekindle.model.Previous}): the same queries
     * as {@code Answers}, over the answers of the subject's assessment before this one. In the session only
     * when there is one.
     */
    static final String PREVIOUS = "Previous";

    /** Every fact a condition may ask with queries, and its queries. */
    static final Map<String, Map<String, Query>> QUERIES = Map.of(ANSWERS, ANSWER_QUERIES, COUPLE, COUPLE_QUERIES,
            PREVIOUS, ANSWER_QUERIES);

    /**
     * The query of this name on any fact, or null: a name means the same query wherever it is asked
     * ({@code Previous} answers {@code Answers}' queries), and {@code Couple}'s names are its own.
     */
    static Query query(String name) {
        Query query = ANSWER_QUERIES.get(name);
        return query != null ? query : COUPLE_QUERIES.get(name);
    }

    /** How a coach asks a question of each type, for the message that suggests the right query. */
    static String howToAsk(QuestionType type, String question) {
        return switch (type) {
            case YES_NO -> "yes(\"" + question + "\") or no(\"" + question + "\")";
            case CHOICE -> "is(\"" + question + "\", \"option\")";
            case FREQUENCY -> "atLeast(\"" + question + "\", \"often\") or is(\"" + question + "\", \"never\")";
            case MULTI_CHOICE -> "has(\"" + question + "\", \"option\") or count(\"" + question + "\") > 1";
            case NUMBER -> "number(\"" + question + "\") < 30";
        };
    }

    /**
     * Facts a condition may match besides {@code Answers}, each by its one property (a text). A pattern
     * on one of them is bounded by how many rules insert it, which {@link FiringBound} adds up.
     */
    static final Map<String, Matchable> MATCHABLE =
            Map.of("Finding", new Matchable("name", RuleReference.Kind.FINDING_USED));

    /** Facts a consequence may insert, as {@code insert(new Type("literal"));}. */
    static final Map<String, Insertable> INSERTABLE = Map.of(
            "Show", new Insertable("Show", RuleReference.Kind.CARD),
            "Finding", new Insertable("Finding", RuleReference.Kind.FINDING),
            "Withhold", new Insertable("Withhold", RuleReference.Kind.WITHHOLD));

    /** The package of every type above: the only package a rule file may import from. */
    static final String MODEL_PACKAGE = "org.rekindle.model";

    /** The metadata a rule may carry, each one text: {@code @id("...")}, {@code @source("...")}, {@code @reason("...")}. */
    static final Set<String> METADATA = Set.of("id", "source", "reason");

    /** Rule attributes a coach may set, each to a whole number. */
    static final Set<String> ATTRIBUTES = Set.of("salience");

    private RuleVocabulary() {
    }

    /** True when {@code type} may be imported: a fact the rules match or insert. */
    static boolean importable(String type) {
        return QUERIES.containsKey(type) || MATCHABLE.containsKey(type) || INSERTABLE.containsKey(type);
    }
}
