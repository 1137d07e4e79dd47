package org.rekindle.bench;

import java.util.ArrayList;
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

    /** Each lever against the default engine of the same run. */
    static String levers(List<BenchMain.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| lever | answers | threads | ops/s per thread | µs/eval | time vs default engine | KB/eval |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        Map<String, Double> defaults = new LinkedHashMap<>();
        for (BenchMain.Row row : rows) {
            if (Levers.DEFAULT.equals(row.params().get("lever"))) {
                defaults.put(row.params().get("answers") + "|" + row.threads(), row.micros());
            }
        }
        List<BenchMain.Row> sorted = new ArrayList<>(rows);
        sorted.sort((x, y) -> x.threads() != y.threads() ? Integer.compare(x.threads(), y.threads())
                : Integer.compare(Levers.NAMES.indexOf(x.params().get("lever")),
                        Levers.NAMES.indexOf(y.params().get("lever"))));
        for (BenchMain.Row row : sorted) {
            Double base = defaults.get(row.params().get("answers") + "|" + row.threads());
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.1f | %s | %.0f |%n",
                    row.params().get("lever"), row.params().get("answers"), row.threads(), row.perThread(),
                    row.micros(), base == null ? "-" : String.format(Locale.ROOT, "%.2fx", row.micros() / base),
                    row.bytesPerOp() / 1024));
        }
        return out.toString();
    }
}
