package org.rekindle.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rekindle.bundle.Bundle;

/**
 * Reload and start-up figures for docs/BENCHMARKS.md ("Reload and start-up"), measured on the real jar
 * as a separate process, over HTTP, the way a coach and an operator meet them:
 *
 * <ol>
 *   <li>cold start to ready: process start to the first {@code GET /health} 200 (median of 7);</li>
 *   <li>edit to live: a rule file of a copy of the checkout is edited under a watching server, and
 *       {@code GET /v1/ruleset} is polled every 5 ms until it names the edit's version (median of 20,
 *       after 5 warm-up edits); also the time of {@code POST /v1/admin/reload} alone (no debounce);</li>
 *   <li>heap after 1 reload and after 200 (each a distinct version, compiled, gated and stored), as
 *       {@code jvm_memory_used_bytes{area="heap"}} from {@code /metrics} right after {@code jcmd GC.run}.</li>
 * </ol>
 *
 * <p>Run from the project root once the jar and the bench are built (bench/README.md), on a machine doing
 * nothing else (timings are wall-clock):
 * <pre>java -cp bench/target/benchmarks.jar org.rekindle.bench.ReloadBenchmark [all|start|edit|heap] [reloads]</pre>
 */
public final class ReloadBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern VERSION = Pattern.compile("\"version\":\"([0-9a-f]{12})\"");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern METASPACE =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"nonheap\",id=\"Metaspace\"} (\\S+)$");

    private ReloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String phase = args.length > 0 ? args[0] : "all";
        int reloads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path jar = Path.of("target/rekindle.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("rekindle-reload-bench");
        copy(Path.of("rules"), work.resolve("rules"));
        copy(Path.of("content"), work.resolve("content"));
        Path rules = work.resolve("rules");
        Path content = work.resolve("content");
        Path edited = rules.resolve("next_move.drl");
        String db = work.resolve("decisions.db").toString();
        System.out.printf("machine: %d cpus, %s %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.println("ruleset: " + Bundle.read(rules, content).version() + " (" + Bundle.read(rules, content)
                .ruleFiles().size() + " rule files)");

        if (phase.equals("all") || phase.equals("start")) {
            coldStart(jar, rules, content, db);
        }
        if (phase.equals("all") || phase.equals("edit")) {
            editToLive(jar, rules, content, edited, db);
        }
        if (phase.equals("all") || phase.equals("heap")) {
            heap(jar, rules, content, edited, db, reloads);
        }
    }

    /** Process start to the first GET /health 200, median of 7. */
    private static void coldStart(Path jar, Path rules, Path content, String db) throws Exception {
        List<Long> starts = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int port = freePort();
            long t0 = System.nanoTime();
            Process server = start(jar, port, rules, content, db, false);
            awaitHealthy(port, server);
            starts.add(System.nanoTime() - t0);
            cpu.add(cpuMillis(server));
            stop(server);
        }
        System.out.printf("cold start to ready: median %d ms (runs: %s); CPU used by then: median %d ms%n",
                median(starts) / 1_000_000, millis(starts), median(cpu));
    }

    /** A saved edit to the live version, with the watcher; then POST /v1/admin/reload alone. */
    private static void editToLive(Path jar, Path rules, Path content, Path edited, String db) throws Exception {
        int port = freePort();
        Process server = start(jar, port, rules, content, db, true);
        awaitHealthy(port, server);
        List<Long> edits = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Files.writeString(edited, Files.readString(edited) + "\n// edit " + i + "\n");
            long t0 = System.nanoTime();
            String expected = Bundle.read(rules, content).version();
            while (!expected.equals(liveVersion(port))) {
                Thread.sleep(5);
            }
            if (i >= 5) {
                edits.add(System.nanoTime() - t0);
            }
        }
        System.out.printf("edit to live (watcher, 200 ms quiet period included): median %d ms, min %d, max %d%n",
                median(edits) / 1_000_000, Collections.min(edits) / 1_000_000, Collections.max(edits) / 1_000_000);
        stop(server);

        port = freePort();
        server = start(jar, port, rules, content, db, false);
        awaitHealthy(port, server);
        for (int i = 0; i < 5; i++) {
            Files.writeString(edited, Files.readString(edited) + "\n// warm-up " + i + "\n");
            reload(port);
        }
        List<Long> posts = new ArrayList<>();
        long cpuBefore = cpuMillis(server);
        for (int i = 0; i < 20; i++) {
            Files.writeString(edited, Files.readString(edited) + "\n// reload " + i + "\n");
            long t0 = System.nanoTime();
            reload(port);
            posts.add(System.nanoTime() - t0);
        }
        System.out.printf("POST /v1/admin/reload (compile, cross-check, scenario cases, store): median %d ms; "
                + "CPU per reload: %d ms%n", median(posts) / 1_000_000, (cpuMillis(server) - cpuBefore) / 20);
        stop(server);
    }

    /** Heap after a full GC, after 1 reload and after {@code reloads} of them (each a new version). */
    private static void heap(Path jar, Path rules, Path content, Path edited, String db, int reloads)
            throws Exception {
        int port = freePort();
        Process server = start(jar, port, rules, content, db, false);
        awaitHealthy(port, server);
        String afterOne = null;
        List<String> trend = new ArrayList<>();
        for (int i = 1; i <= reloads; i++) {
            Files.writeString(edited, Files.readString(edited) + "\n// heap " + i + "\n");
            reload(port);
            if (i == 1) {
                afterOne = memoryAfterGc(port, server);
            } else if (i % 50 == 0 && i < reloads) {
                trend.add(i + ": " + memoryAfterGc(port, server));
            }
        }
        System.out.printf("after a full GC: after 1 reload %s; after %d reloads %s (on the way: %s)%n",
                afterOne, reloads, memoryAfterGc(port, server), trend);
        stop(server);
    }

    private static Process start(Path jar, int port, Path rules, Path content, String db, boolean watch)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--rules",
                rules.toString(), "--content", content.toString(), "--db", db));
        if (!watch) {
            command.add("--no-watch");
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitHealthy(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue());
            }
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the port is not open yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the server did not become healthy in 120 s");
    }

    private static String liveVersion(int port) throws Exception {
        Matcher m = VERSION.matcher(get(port, "/v1/ruleset").body());
        return m.find() ? m.group(1) : null;
    }

    private static void reload(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/admin/reload")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reload failed: " + response.body());
        }
    }

    /** Heap and Metaspace in use right after a full GC (Drools compiles classes for every ruleset). */
    private static String memoryAfterGc(int port, Process server) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed");
        }
        String metrics = get(port, "/metrics").body();
        return "heap " + mebibytes(HEAP, metrics) + " MiB, metaspace " + mebibytes(METASPACE, metrics) + " MiB";
    }

    private static long mebibytes(Pattern meter, String metrics) {
        Matcher m = meter.matcher(metrics);
        double used = 0;
        while (m.find()) {
            used += Double.parseDouble(m.group(1));
        }
        return Math.round(used / (1024 * 1024));
    }

    /** CPU time (user + system, all threads) the process has used so far; -1 where /proc is not there. */
    private static long cpuMillis(Process process) throws IOException {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (!Files.exists(stat)) {
            return -1;
        }
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Long> millis(List<Long> nanos) {
        return nanos.stream().map(n -> n / 1_000_000).toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
