package org.rekindle.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown tables BenchMain prints, ready for docs/BENCHMARKS.md. */
final class Table {

    private Table() {
    }

    /** Engine and baseline side by side, one line per answer set and thread count. */
    static String evaluation(List<BenchMain.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| answers | threads | engine ops/s (all threads) | engine ops/s per thread | engine µs/eval "
                + "| baseline ops/s per thread | baseline µs/eval | engine/baseline "
                + "| engine KB/eval | baseline KB/eval |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, BenchMain.Row[]> pairs = new LinkedHashMap<>();
        for (BenchMain.Row row : rows) {
            String key = row.params().get("answers") + "|" + row.threads();
            BenchMain.Row[] pair = pairs.computeIfAbsent(key, k -> new BenchMain.Row[2]);
            pair["engine".equals(row.method()) ? 0 : 1] = row;
        }
        for (BenchMain.Row[] pair : pairs.values()) {
            BenchMain.Row engine = pair[0];
            BenchMain.Row baseline = pair[1];
            if (engine == null || baseline == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %,.0f | %,.0f | %.1f | %,.0f | %.1f | %.2fx | %.0f | %.0f |%n",
                    engine.params().get("answers"), engine.threads(), engine.median(), engine.perThread(),
                    engine.micros(), baseline.perThread(), baseline.micros(), engine.micros() / baseline.micros(),
                    engine.bytesPerOp() / 1024, baseline.bytesPerOp() / 1024));
        }
        out.append("\nMedians over the measured iterations; ops/s per thread = all threads / threads; "
                + "µs/eval = 1e6 / ops/s per thread; KB/eval = bytes allocated per evaluation (JMH gc profiler).\n");
        return out.toString();
    }
}
