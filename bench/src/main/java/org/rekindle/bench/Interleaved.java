package org.rekindle.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.rekindle.engine.Decision;
import org.rekindle.model.Answers;

/**
 * Side by side for a shared, noisy machine: the contenders (the engine and the hand-written baseline) run
 * in one JVM in short alternating slices (300 ms each, the order rotating every round), on one or more
 * threads, so that a neighbour's burst of load hits all of them alike. Each slice is timed in wall time
 * and in the CPU time of the evaluating threads, which leaves out the time spent waiting for a core a
 * neighbour holds (and the JIT and GC threads: the JMH table reports allocation per evaluation).
 * Reports each contender's median over the slices and its median ratio to the first, slice by slice.
 * The contenders share one JIT profile here (JMH gives each its own fork), so this is the robust way to
 * compare on a busy machine, and JMH the clean way on a quiet one.
 */
final class Interleaved {

    private static final long SLICE_NANOS = 300_000_000L;
    private static final long WARMUP_SLICE_NANOS = 1_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A way to decide one answer set, by name: the engine or the hand-written baseline. */
    record Contender(String name, Function<Answers, Decision> evaluator) {
    }

    /** One contender's slices: evaluations per wall second and per CPU second, all threads together. */
    record Result(String contender, String answers, int threads, double[] wall, double[] cpu) {

        double wallMedian() {
            return median(wall);
        }

        double cpuMedian() {
            return median(cpu);
        }

        /**
         * Median over the rounds of {@code first}'s time relative to this contender's, by wall or CPU time:
         * for the baseline's row, how many times the baseline's time the engine takes.
         */
        double firstRelativeToThis(Result first, boolean byCpu) {
            double[] mine = byCpu ? cpu : wall;
            double[] theirs = byCpu ? first.cpu : first.wall;
            double[] ratios = new double[mine.length];
            for (int r = 0; r < mine.length; r++) {
                ratios[r] = mine[r] / theirs[r];
            }
            return median(ratios);
        }
    }

    private Interleaved() {
    }

    /** Compares {@code contenders} (the first is the reference) on the answer set {@code answers}. */
    static List<Result> run(BenchData data, List<Contender> contenders, String answers, int threads, int rounds) {
        Answers[] inputs = Inputs.of(data, answers);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Contender contender : contenders) {
                warmUp(pool, threads, contender, inputs);
            }
            double[][] wall = new double[contenders.size()][rounds];
            double[][] cpu = new double[contenders.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < contenders.size(); k++) {
                    int i = (k + round) % contenders.size(); // rotate who goes first
                    double[] rate = slice(pool, threads, contenders.get(i), inputs, SLICE_NANOS);
                    wall[i][round] = rate[0];
                    cpu[i][round] = rate[1];
                }
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < contenders.size(); i++) {
                results.add(new Result(contenders.get(i).name(), answers, threads, wall[i], cpu[i]));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs each contender over every answer file for {@code seconds}, before any comparison: HotSpot compiles
     * what the first answer set exercises, and the first block measured must not pay for the rest.
     */
    static void warmUpAll(BenchData data, List<Contender> contenders, int seconds) {
        Answers[] all = Inputs.of(data, Inputs.MIX);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            for (Contender contender : contenders) {
                slice(pool, 1, contender, all, seconds * 1_000_000_000L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One-second slices until two in a row agree within 10% (the JIT has settled), at least 4 and at most
     * 15: a busy machine leaves the compiler threads little CPU, so a fixed warm-up is too short there.
     */
    private static void warmUp(ExecutorService pool, int threads, Contender contender, Answers[] inputs) {
        double last = 0;
        for (int i = 0; i < 15; i++) {
            double rate = slice(pool, threads, contender, inputs, WARMUP_SLICE_NANOS)[0];
            if (i >= 3 && Math.abs(rate - last) <= 0.1 * last) {
                return;
            }
            last = rate;
        }
    }

    /** A Markdown table of results that share their first contender as the reference. */
    static String table(List<Result> results, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append("| contender | answers | threads | µs/eval per thread, CPU | µs/eval per thread, wall "
                + "| ops/s all threads, wall | first's time / this one's, CPU | first's time / this one's, wall |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        Result first = null;
        for (Result result : results) {
            if (first == null || !first.answers().equals(result.answers()) || first.threads() != result.threads()) {
                first = result;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %,.0f | %.2fx | %.2fx |%n",
                    result.contender(), result.answers(), result.threads(),
                    result.threads() * 1e6 / result.cpuMedian(), result.threads() * 1e6 / result.wallMedian(),
                    result.wallMedian(), result.firstRelativeToThis(first, true), result.firstRelativeToThis(first, false)));
        }
        out.append(String.format(Locale.ROOT, "%nMedians of %d rounds of interleaved %d ms slices each; "
                + "\"first's time / this one's\" is the median of the slice-by-slice ratios (on the baseline's row: "
                + "the engine's time in multiples of the baseline's).%n",
                rounds, SLICE_NANOS / 1_000_000));
        return out.toString();
    }

    /**
     * Evaluations per wall second (all threads) and per CPU second of the evaluating threads times the
     * number of threads, over one slice.
     */
    private static double[] slice(ExecutorService pool, int threads, Contender contender, Answers[] inputs,
            long nanos) {
        long start = System.nanoTime();
        long end = start + nanos;
        List<Future<long[]>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            counts.add(pool.submit(() -> loop(contender, inputs, offset, end)));
        }
        long count = 0;
        long cpuNanos = 0;
        for (Future<long[]> future : counts) {
            try {
                long[] done = future.get();
                count += done[0];
                cpuNanos += done[1];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(contender.name() + " failed: " + e.getCause(), e.getCause());
            }
        }
        long wallNanos = System.nanoTime() - start;
        return new double[] {count * 1e9 / wallNanos, count * 1e9 / cpuNanos * threads};
    }

    /** Evaluates until {@code end}; returns how many evaluations, and this thread's CPU nanoseconds. */
    private static long[] loop(Contender contender, Answers[] inputs, int offset, long end) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long count = 0;
        int next = offset % inputs.length;
        Object sink = null;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 16; i++) {
                sink = contender.evaluator().apply(inputs[next]);
                next = next + 1 == inputs.length ? 0 : next + 1;
            }
            count += 16;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return new long[] {count, THREADS.getCurrentThreadCpuTime() - cpuStart};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
