package org.rekindle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import org.rekindle.engine.Engine;

/**
 * {@code java -jar bench/target/benchmarks.jar [options]}: checks that the hand-written baseline decides
 * exactly what the engine decides on the bench's frozen ruleset ({@code bench/ruleset/}), then measures
 * both side by side, with one thread and with two, twice: interleaved in one JVM (robust to a busy
 * neighbour, see {@link Interleaved}) and with JMH (one fork per benchmark); prints Markdown tables of
 * medians and engine/baseline ratios.
 *
 * <p>The options are {@link #USAGE}'s ({@code --help} prints them); an unknown one is refused, not ignored.
 *
 * Run it from the project root (or pass -Drekindle.home=...). The plain JMH launcher is still there:
 * {@code java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main EvaluationBenchmark -t 2}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** What {@code --help} prints, and what a mistaken option is answered with: the options above. */
    private static final String USAGE = """
            usage: java -jar bench/target/benchmarks.jar [options]   (from the project root)
              --check         only the equivalence check (what CI runs: a few seconds)
              --answers a,b   answer files (bench/answers/*.json without .json), "full" (the full_* files in turn),
                              "mix" (all files in turn) or "all" (each of those); default full_many_problems,full,mix
                              interleaved and full_many_problems,full with JMH
              --threads 1,2   thread counts; default 1,2
              --rounds n      interleaved rounds (one 300 ms slice per contender each); default 11
              --no-jmh        interleaved only
              --iterations n  JMH: measured one-second iterations per benchmark; default 6
              --warmups n     JMH: one-second warm-up iterations before them (after 12 s of evaluations); default 6
              --help          this text
            """;

    private static final List<String> FLAGS = List.of("check", "no-jmh", "help");
    private static final List<String> VALUED = List.of("answers", "threads", "rounds", "iterations", "warmups");

    public static void main(String[] args) throws RunnerException {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        BenchData data = BenchData.load();
        HandWrittenEngine handWritten = new HandWrittenEngine(data.ruleset());
        int sets;
        try {
            sets = Equivalence.check(data, "the hand-written baseline", handWritten::evaluate);
        } catch (IllegalStateException e) {
            // What differs is the whole story: no stack trace in front of it.
            System.err.println("bench equivalence FAILED: " + e.getMessage());
            System.err.println("HandWrittenRules no longer mirrors bench/ruleset/: change them together "
                    + "(bench/README.md, \"The frozen ruleset\")");
            System.exit(1);
            return;
        }
        System.out.printf(Locale.ROOT, "bench equivalence: the hand-written baseline makes the engine's decisions "
                + "on all %d answer sets (frozen ruleset %s, %d rules)%n", sets, data.ruleset().version(),
                data.ruleset().rules().size());
        if (options.containsKey("check")) {
            return;
        }
        System.out.println(machine());
        List<String> answers = list(options.getOrDefault("answers", "full_many_problems,full,mix"));
        if (answers.equals(List.of("all"))) {
            answers = new ArrayList<>(data.files().stream().map(BenchData.AnswerFile::name).toList());
            answers.add(Inputs.FULL);
            answers.add(Inputs.MIX);
        }
        List<Integer> threads = list(options.getOrDefault("threads", "1,2")).stream()
                .map(Integer::parseInt).toList();
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "11"));
        List<Interleaved.Contender> compared = List.of(
                new Interleaved.Contender("engine", a -> Engine.evaluate(data.ruleset(), a)),
                new Interleaved.Contender("hand-written", handWritten::evaluate));
        Interleaved.warmUpAll(data, compared, 8);
        List<Interleaved.Result> results = new ArrayList<>();
        for (int t : threads) {
            for (String set : answers) {
                results.addAll(Interleaved.run(data, compared, set, t, rounds));
            }
        }
        String interleavedTable = Interleaved.table(results, rounds);
        System.out.println();
        System.out.println(interleavedTable);
        if (options.containsKey("no-jmh")) {
            return;
        }
        if (!options.containsKey("answers")) {
            answers = List.of("full_many_problems", Inputs.FULL); // keeps the JMH part to a few minutes
        }
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "6"));
        int warmups = Integer.parseInt(options.getOrDefault("warmups", "6"));
        String benchmark = EvaluationBenchmark.class.getName();

        List<Row> rows = new ArrayList<>();
        for (int t : threads) {
            ChainedOptionsBuilder jmh = new OptionsBuilder()
                    .include("^" + benchmark.replace(".", "\\.") + "\\.")
                    .param("answers", answers.toArray(new String[0]))
                    .threads(t)
                    .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                    .forks(1)
                    .jvmArgsAppend("-Xms2g", "-Xmx2g", "-Drekindle.home=" + BenchData.home())
                    .addProfiler(GCProfiler.class);
            Collection<RunResult> runs = new Runner(jmh.build()).run();
            for (RunResult result : runs) {
                rows.add(Row.of(result, t));
            }
        }
        System.out.println();
        System.out.println("Interleaved (engine and baseline alternating in one JVM):");
        System.out.println(interleavedTable);
        System.out.println("JMH (one fork per benchmark, run one after the other):");
        System.out.println(Table.evaluation(rows));
    }

    /** One benchmark run: what it measured and its per-iteration scores (total ops/s over all threads). */
    record Row(String method, Map<String, String> params, int threads, double[] scores, double bytesPerOp) {

        static Row of(RunResult result, int threads) {
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            String label = result.getParams().getBenchmark();
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.put(key, result.getParams().getParam(key));
            }
            Result<?> allocation = result.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
            return new Row(label.substring(label.lastIndexOf('.') + 1), params, threads,
                    scores.stream().mapToDouble(Double::doubleValue).toArray(),
                    allocation == null ? Double.NaN : allocation.getScore());
        }

        /** Median total ops/s over the measured iterations. */
        double median() {
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        double perThread() {
            return median() / threads;
        }

        /** Microseconds one evaluation takes on one thread. */
        double micros() {
            return 1e6 / perThread();
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU model is only informative
        }
        return String.format(Locale.ROOT, "machine: %d CPUs (%s), %s %s, max heap %d MB", Runtime.getRuntime()
                .availableProcessors(), cpu, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (!VALUED.contains(name)) {
                // A misspelt option silently ignored would measure something other than what was asked.
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
        return options;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
