package org.rekindle.engine;

import java.time.Duration;

/**
 * How much one evaluation may do: at most {@code firings} rule firings and {@code time} of rule
 * evaluation. A ruleset that passed its checks cannot loop (see the firing bound of its loader), so
 * these limits are a second line, sized far above what the article's rules need (about 150 firings
 * and well under a millisecond for a full questionnaire); crossing one ends that evaluation with an
 * {@link EvaluationLimitExceeded}, never a hang.
 *
 * @param firings the most rule firings, at least 1
 * @param time    the longest an evaluation may run, positive
 */
public record EvaluationLimits(int firings, Duration time) {

    /**
     * The defaults: 10,000 firings and 10 seconds. The time is wall-clock and covers a knowledge base's
     * first evaluation in a cold JVM, which builds Drools' network lazily and took over 2 s on a busy
     * 2-core machine; a warm evaluation of the heaviest questionnaire takes well under a millisecond.
     */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(10_000, Duration.ofSeconds(10));

    public EvaluationLimits {
        if (firings < 1) {
            throw new IllegalArgumentException("the firing limit must be at least 1, not " + firings);
        }
        if (time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("the evaluation time budget must be positive, not " + time);
        }
    }
}
