package org.rekindle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Both partners' answers, the one fact couple-level rules read ({@code rules/couple.drl}). Each side
 * holds only that partner's answers to questions the questionnaire does not mark private, and the
 * findings their own answers drew ({@code disconnection_suspected}, {@code below_threshold}, ...) without
 * those a private rule draws: the caller removes the private ones before building it, so nothing a couple
 * rule reads, counts or cites can come from a private answer, and a couple rule matches what a partner's
 * own rules concluded (the self-assessment's threshold) instead of repeating it. The queries are
 * symmetric: a rule never needs to know which partner is {@code a} and which is {@code b}, and one rule
 * covers both ways round.
 *
 * <p>As with {@link Answers}, an unanswered question never satisfies a condition, and the counting
 * queries count only what was answered. Instances are immutable and safe to share.
 */
public final class Couple {

    private final Answers a;
    private final Answers b;
    private final Set<String> foundA;
    private final Set<String> foundB;

    /** Both partners without findings: for rules that read only answers. */
    public Couple(Answers a, Answers b) {
        this(a, b, Set.of(), Set.of());
    }

    /**
     * @param a      partner {@code a}'s answers, private questions already removed
     * @param b      partner {@code b}'s answers, private questions already removed
     * @param foundA the findings partner {@code a}'s answers drew, private ones already removed
     * @param foundB the findings partner {@code b}'s answers drew, private ones already removed
     */
    public Couple(Answers a, Answers b, Set<String> foundA, Set<String> foundB) {
        this.a = Objects.requireNonNull(a, "a");
        this.b = Objects.requireNonNull(b, "b");
        this.foundA = Set.copyOf(foundA);
        this.foundB = Set.copyOf(foundB);
    }

    /** True when both partners' own answers drew this finding, such as {@code disconnection_suspected}. */
    public boolean bothFound(String finding) {
        return foundA.contains(finding) && foundB.contains(finding);
    }

    /** True when exactly one partner's own answers drew this finding. */
    public boolean oneFound(String finding) {
        return foundA.contains(finding) != foundB.contains(finding);
    }

    /** True when at least one partner's own answers drew this finding. */
    public boolean eitherFound(String finding) {
        return foundA.contains(finding) || foundB.contains(finding);
    }

    /** True when both partners answered this yes/no question yes. */
    public boolean both(String question) {
        return a.yes(question) && b.yes(question);
    }

    /** True when at least one partner answered this yes/no question yes. */
    public boolean either(String question) {
        return a.yes(question) || b.yes(question);
    }

    /** True when one partner answered this yes/no question yes and the other no. */
    public boolean split(String question) {
        return a.yes(question) && b.no(question) || a.no(question) && b.yes(question);
    }

    /** True when both partners answered this single-answer question with this option. */
    public boolean bothAre(String question, String option) {
        return a.is(question, option) && b.is(question, option);
    }

    /** True when exactly one of the partners answered this single-answer question with this option. */
    public boolean oneIs(String question, String option) {
        return a.is(question, option) != b.is(question, option);
    }

    /** True when both answered this single-answer question and chose different options. */
    public boolean differ(String question) {
        String mine = a.choice(question);
        String theirs = b.choice(question);
        return mine != null && theirs != null && !mine.equals(theirs);
    }

    /**
     * True when what one partner says of themselves ({@code own}) is not what the other believes of
     * them ({@code guess}), either way round; both must have answered. For "what makes me feel loved"
     * against "what makes my partner feel loved".
     */
    public boolean misread(String own, String guess) {
        return misses(a.choice(own), b.choice(guess)) || misses(b.choice(own), a.choice(guess));
    }

    private static boolean misses(String own, String guess) {
        return own != null && guess != null && !own.equals(guess);
    }

    /** The higher of the two partners' yes-counts over a section. */
    public int most(String section) {
        return Math.max(a.yesCount(section), b.yesCount(section));
    }

    /** The lower of the two partners' yes-counts over a section. */
    public int least(String section) {
        return Math.min(a.yesCount(section), b.yesCount(section));
    }

    /** How far apart the two partners' yes-counts over a section are. */
    public int gap(String section) {
        return Math.abs(a.yesCount(section) - b.yesCount(section));
    }

    // --- for the engine, not for rules ------------------------------------------------------

    /**
     * Both partners' answers side by side, as one answer set whose values are {@code {a: ..., b: ...}}
     * maps (a side is left out where that partner did not answer), so that every reason and every
     * cited answer of a couple rule shows both partners.
     */
    public Answers sideBySide() {
        Set<String> questions = new TreeSet<>(a.questions());
        questions.addAll(b.questions());
        Map<String, Object> values = new LinkedHashMap<>();
        for (String question : questions) {
            Map<String, Object> pair = new LinkedHashMap<>();
            if (a.value(question) != null) {
                pair.put("a", a.value(question));
            }
            if (b.value(question) != null) {
                pair.put("b", b.value(question));
            }
            values.put(question, Collections.unmodifiableMap(pair));
        }
        return new Answers(values, Map.of());
    }

    @Override
    public String toString() {
        // Answers are personal data: never print them.
        return "Couple[" + a + ", " + b + "]";
    }
}
