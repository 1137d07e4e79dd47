package org.rekindle.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.rekindle.ruleset.LeverRulesets;
import org.rekindle.ruleset.Ruleset;

/**
 * How long the knowledge base takes to build from the rule files, by each way the levers build it, in
 * a fresh JVM per way: the first build of that way (after the normal ruleset load, which itself is
 * timed too: that is what a server start pays) and the median of the next five (what a reload pays in
 * a warm server). {@code BenchMain --compile} runs it.
 */
public final class CompileTimes {

    static final List<String> WAYS = List.of("drl", "drl+anc", "exec", "exec+anc");

    private CompileTimes() {
    }

    /** In a fresh JVM: builds {@code args[0]} six times and prints "way first median". */
    public static void main(String[] args) {
        long start = System.nanoTime();
        BenchData data = BenchData.load();
        long load = (System.nanoTime() - start) / 1_000_000;
        String way = args[0];
        long[] millis = new long[6];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = build(data.ruleset(), way);
        }
        long[] warm = Arrays.copyOfRange(millis, 1, millis.length);
        Arrays.sort(warm);
        System.out.println("compile-time " + way + " " + millis[0] + " " + warm[warm.length / 2] + " " + load);
    }

    private static long build(Ruleset ruleset, String way) {
        return switch (way) {
            case "drl" -> LeverRulesets.drl(ruleset, false).buildMillis();
            case "drl+anc" -> LeverRulesets.drl(ruleset, true).buildMillis();
            case "exec" -> LeverRulesets.container(ruleset, true, null, false).buildMillis();
            case "exec+anc" -> LeverRulesets.container(ruleset, true, null, true).buildMillis();
            default -> throw new IllegalArgumentException("no way '" + way + "'; ways: " + WAYS);
        };
    }

    /** Runs {@link #main} in one JVM per way and returns a Markdown table. */
    static String table() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar;
        try {
            jar = Path.of(CompileTimes.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark jar: " + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder("| knowledge base built as | first build, ms "
                + "| warm rebuild (median of 5), ms | that JVM's normal ruleset load before it, ms |\n"
                + "|---|---:|---:|---:|\n");
        for (String way : WAYS) {
            List<String> command = new ArrayList<>(List.of(java, "-Xms2g", "-Xmx2g",
                    "-Drekindle.home=" + BenchData.home(), "-cp", jar, CompileTimes.class.getName(), way));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String line = new String(process.getInputStream().readAllBytes()).lines()
                    .filter(l -> l.startsWith("compile-time ")).findFirst().orElse(null);
            if (process.waitFor() != 0 || line == null) {
                out.append("| ").append(way).append(" | failed | | |\n");
                continue;
            }
            String[] parts = line.split(" ");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", way, parts[2], parts[3], parts[4]));
        }
        return out.toString();
    }
}
