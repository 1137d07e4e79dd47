package org.rekindle.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * One in-process evaluation, answers to full decision (plan with cards and reasons, trace, withheld
 * cards), by the engine and by the hand-written baseline. JSON is not included: the answers are parsed
 * and validated once, in the setup. {@code answers} names a file of {@code bench/answers/}, or {@code full}
 * for the complete questionnaires among them, or {@code mix} for all of them, taken in turn (each thread
 * cycles through them on its own).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EvaluationBenchmark {

    /** A file of bench/answers/ (without .json), "full" or "mix"; see {@link Inputs}. */
    @Param({"full_many_problems", "full", "mix"})
    public String answers;

    private Ruleset ruleset;
    private HandWrittenEngine handWritten;
    private Answers[] inputs;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        BenchData data = BenchData.load();
        ruleset = data.ruleset();
        handWritten = new HandWrittenEngine(ruleset);
        inputs = Inputs.of(data, answers);
        if (params.getBenchmark().endsWith(".engine")) {
            PreWarm.run(inputs, a -> Engine.evaluate(ruleset, a));
        } else {
            PreWarm.run(inputs, handWritten::evaluate);
        }
    }

    @Benchmark
    public Decision engine(Cursor cursor) {
        return Engine.evaluate(ruleset, cursor.next(inputs));
    }

    @Benchmark
    public Decision baseline(Cursor cursor) {
        return handWritten.evaluate(cursor.next(inputs));
    }
}
