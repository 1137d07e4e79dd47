package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the ruleset knows of one rule beyond what Drools keeps: where it is written, the source it
 * cites, its reason, the answers its conditions read and the facts its consequence inserts.
 *
 * @param key        {@code package.name}, the key Drools' own rule objects map to
 * @param column     the column of its {@code rule} keyword on {@code line} (0 for a decision table's row)
 * @param questions  ids of the questions the conditions read, sections expanded, in questionnaire order
 * @param cards      content ids the consequence shows
 * @param findings   finding names the consequence inserts
 * @param uses       finding names the conditions match
 * @param withholds  content tags the consequence withholds
 * @param conditions the rule's conditions as an evaluable tree, to say which held for a decision
 * @param inserts    the facts the consequence inserts, in the order of its statements
 */
public record RuleInfo(
        String key,
        String id,
        String name,
        String file,
        int line,
        int column,
        String source,
        ReasonTemplate reason,
        List<String> questions,
        Set<String> cards,
        Set<String> findings,
        Set<String> uses,
        Set<String> withholds,
        RuleConditions conditions,
        List<Insert> inserts) {

    /**
     * What a firing of this rule reads: the questions its conditions read that have an answer, in the
     * order of {@link #questions()}.
     */
    public List<String> reads(Predicate<String> answered) {
        List<String> reads = new ArrayList<>(questions.size());
        for (String question : questions) {
            if (answered.test(question)) {
                reads.add(question);
            }
        }
        return List.copyOf(reads);
    }

    /** What a firing of this rule inserts, as the trace prints it: {@code Show(card_id)}, one per statement. */
    public List<String> facts() {
        return inserts.stream().map(Insert::fact).toList();
    }

    /**
     * One statement of a consequence, {@code insert(new Show("card_id"));}: the fact's type ({@code Show},
     * {@code Finding} or {@code Withhold}) and its literal.
     */
    public record Insert(String type, String value) {

        /** The fact as it prints itself, {@code Show(card_id)}. */
        public String fact() {
            return type + "(" + value + ")";
        }
    }
}
