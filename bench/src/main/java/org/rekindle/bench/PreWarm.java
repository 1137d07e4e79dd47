package org.rekindle.bench;

import java.util.function.Function;

import org.rekindle.model.Answers;

/**
 * Runs an evaluator over its inputs for a while before JMH's own warm-up iterations. The engine is a
 * lot of code (Drools, MVEL, the generated constraint and consequence classes): in a fresh fork HotSpot
 * needs some 20 seconds of evaluations before it stops getting faster, longer than a JMH warm-up is
 * usually given, and longer still on a busy machine.
 */
final class PreWarm {

    static final long SECONDS = 12;

    private PreWarm() {
    }

    static void run(Answers[] inputs, Function<Answers, ?> evaluator) {
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        Object sink = null;
        int next = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 16; i++) {
                sink = evaluator.apply(inputs[next]);
                next = next + 1 == inputs.length ? 0 : next + 1;
            }
        }
        if (sink == null) {
            throw new IllegalStateException("the evaluator returned null");
        }
    }
}
