package org.rekindle.engine;

/**
 * An evaluation crossed one of its {@link EvaluationLimits} and was stopped: nothing of it is a
 * decision. Names the rule that was firing when it stopped, so a coach can find the loop.
 */
public final class EvaluationLimitExceeded extends RuntimeException {

    /** Which limit was crossed, as the snake_case word used in metrics and errors. */
    public enum Limit {
        FIRINGS("firings"), TIME("time");

        private final String label;

        Limit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Limit limit;
    private final String ruleId;
    private final String rule;
    private final int firings;

    EvaluationLimitExceeded(Limit limit, String ruleId, String rule, int firings, String message) {
        super(message, null, false, false);
        this.limit = limit;
        this.ruleId = ruleId;
        this.rule = rule;
        this.firings = firings;
    }

    public Limit limit() {
        return limit;
    }

    /** The id of the rule that was firing when the evaluation stopped, or null before any firing. */
    public String ruleId() {
        return ruleId;
    }

    /** That rule's name, or null. */
    public String rule() {
        return rule;
    }

    /** How many firings the evaluation had made when it stopped. */
    public int firings() {
        return firings;
    }
}
