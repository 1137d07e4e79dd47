package org.rekindle.ruleset;

import java.util.List;

/**
 * The shape of a rule's conditions as far as counting its matches goes: which facts each pattern
 * matches, joined by and, or, not and exists. {@link FiringBound} reads it; the constraints
 * themselves are checked by {@link ConstraintGrammar}.
 */
sealed interface Condition {

    /** Every part holds (the rule's conditions, or an {@code and}). */
    record All(List<Condition> parts) implements Condition {
    }

    /** Any part holds ({@code or}): Drools fires once per part that holds. */
    record Any(List<Condition> parts) implements Condition {
    }

    /** {@code not} or {@code exists}: tests facts without multiplying the matches. */
    record Test(Condition part) implements Condition {
    }

    /**
     * A pattern on one fact type; {@code key} is the literal its property must equal, or null when the
     * pattern may match any fact of the type.
     */
    record Pattern(String type, String key) implements Condition {
    }
}
