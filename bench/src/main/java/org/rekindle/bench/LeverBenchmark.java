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

import org.rekindle.model.Answers;

/** One evaluation with one lever pulled (see {@link Levers}); run by {@code BenchMain --levers}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LeverBenchmark {

    @Param({Levers.DEFAULT})
    public String lever;

    @Param({"full_many_problems"})
    public String answers;

    private Levers.Evaluator evaluator;
    private Answers[] inputs;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData data = BenchData.load();
        Levers.Lever built = Levers.create(lever, data);
        evaluator = built.evaluator();
        inputs = Inputs.of(data, answers);
        PreWarm.run(inputs, evaluator::evaluate);
    }

    @Benchmark
    public Object evaluate(Cursor cursor) {
        return evaluator.evaluate(cursor.next(inputs));
    }
}
