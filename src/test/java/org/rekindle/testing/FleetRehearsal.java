package org.rekindle.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Three replicas of the built jar on three ports, following one fresh PostgreSQL schema, behind a real
 * HAProxy, with a load generator through it: a version put in shadow mid-load, held ready by all three,
 * then promoted must be served by all three within 2 s of the promote, and a version published at once
 * must reach all three, both with no failed request and every response naming a published version (none
 * the shadow's before its promote); {@code kill -9} of one replica under
 * load must lose no acknowledged decision; a replica started late must come up on the published version.
 * Run by {@code .ci/fleet} after the build:
 * {@code java -cp target/rekindle.jar:target/test-classes org.rekindle.testing.FleetRehearsal target/rekindle.jar}.
 * Prints a few lines of figures; exits 1 when a criterion is not met.
 */
public final class FleetRehearsal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CLIENTS = 4;

    /** One answered (or failed) request through the balancer: started at {@code at}, answered at {@code done}. */
    private record Outcome(long at, long done, int status, String version, String id) {
    }

    /** How long from the promote (or the publish) a replica may take to serve the version. */
    private static final long TARGET_MILLIS = 2_000;

    private final Path jar;
    private final Path work;
    private final String serverUrl;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private FleetRehearsal(Path jar, Path work, String serverUrl) {
        this.jar = jar;
        this.work = work;
        this.serverUrl = serverUrl;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/rekindle.jar");
        String url = System.getenv().getOrDefault(PostgresTestDatabase.URL_VARIABLE, PostgresTestDatabase.DEFAULT_URL);
        Path work = Files.createTempDirectory("rekindle-fleet");
        FleetRehearsal rehearsal = new FleetRehearsal(jar, work, url);
        int status;
        try {
            status = rehearsal.run();
        } finally {
            rehearsal.processes.forEach(Process::destroyForcibly);
        }
        System.exit(status);
    }

    private int run() throws Exception {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String schema = "rk_fleet_" + HexFormat.of().formatHex(random);
        try (Connection connection = DriverManager.getConnection(serverUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        try {
            return rehearse(serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            try (Connection connection = DriverManager.getConnection(serverUrl);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private int rehearse(String db) throws Exception {
        Path checkout = work.resolve("checkout");
        Checkout.copyTo(checkout);
        int[] ports = {freePort(), freePort(), freePort()};
        Process first = replica(db, checkout, "r1", ports[0]);
        awaitHealthy(ports[0], first);
        Process second = replica(db, checkout, "r2", ports[1]);
        Process third = replica(db, checkout, "r3", ports[2]);
        awaitHealthy(ports[1], second);
        awaitHealthy(ports[2], third);
        String v1 = health(ports[0]).path("rulesetVersion").asText();
        int front = freePort();
        startHaproxy(front, ports);
        awaitHealthy(front, null);

        // Mid-load: a version put in shadow, held ready by every replica, then promoted.
        Load load = new Load(front);
        load.start();
        Thread.sleep(2_000); // warm up
        long calmFrom = System.nanoTime();
        Thread.sleep(3_000);
        long calmTo = System.nanoTime();
        Files.writeString(checkout.resolve("rules/attachment.drl"), "\n// put in shadow during the fleet rehearsal\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        HttpResponse<String> shadowed = post(ports[0], "/v1/admin/publish", "{\"shadow\": true}");
        long shadowStart = System.nanoTime();
        String v2 = JSON.readTree(shadowed.body()).path("shadow").asText();
        check(shadowed.statusCode() == 200 && !v2.isEmpty() && !v2.equals(v1), "publish in shadow answered "
                + shadowed.statusCode());
        JsonNode ready = JSON.createObjectNode();
        while (System.nanoTime() - shadowStart < TimeUnit.MINUTES.toNanos(3)) {
            ready = JSON.readTree(get(ports[0], "/v1/rulesets/shadow").body());
            long holding = 0;
            for (JsonNode replica : ready.path("replicas")) {
                holding += replica.path("ready").asBoolean() ? 1 : 0;
            }
            if (holding == ports.length) {
                break;
            }
            Thread.sleep(100);
        }
        long readyMillis = (System.nanoTime() - shadowStart) / 1_000_000;
        long shadowFrom = System.nanoTime();
        Thread.sleep(3_000);
        long shadowTo = System.nanoTime();
        JsonNode impact = JSON.readTree(get(ports[0], "/v1/rulesets/shadow").body());
        long promoting = System.nanoTime();
        HttpResponse<String> promoted = post(ports[0], "/v1/admin/promote", "");
        check(promoted.statusCode() == 200 && v2.equals(JSON.readTree(promoted.body()).path("published").asText()),
                "promote answered " + promoted.statusCode());
        List<Long> promoteMillis = converge(ports, v2, promoting);
        check(promoteMillis.size() == ports.length, "all three replicas on the promoted version");
        check(promoteMillis.stream().allMatch(m -> m <= TARGET_MILLIS), "promote to all replicas serving within "
                + TARGET_MILLIS + " ms: " + promoteMillis);
        Thread.sleep(2_000);

        // Mid-load: a version published at once, which every replica compiles and tests before it swaps.
        Files.writeString(checkout.resolve("rules/attachment.drl"), "\n// published during the fleet rehearsal\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        long publishing = System.nanoTime();
        HttpResponse<String> published = post(ports[0], "/v1/admin/publish", "");
        long publishedMillis = (System.nanoTime() - publishing) / 1_000_000;
        String v3 = JSON.readTree(published.body()).path("published").asText();
        check(published.statusCode() == 200 && !v3.isEmpty() && !v3.equals(v2), "publish answered "
                + published.statusCode());
        List<Long> convergedMillis = converge(ports, v3, System.nanoTime());
        check(convergedMillis.size() == ports.length, "all three replicas on the published version");
        Thread.sleep(2_000);
        List<Outcome> rollout = load.stop();
        long rolloutFailed = rollout.stream().filter(o -> o.status() != 201).count();
        long foreign = rollout.stream().filter(o -> o.status() == 201 && !Set.of(v1, v2, v3).contains(o.version()))
                .count();
        long early = rollout.stream().filter(o -> v2.equals(o.version()) && o.done() < promoting).count();
        long onV3 = rollout.stream().filter(o -> v3.equals(o.version())).count();
        check(rolloutFailed == 0, rolloutFailed + " failed requests during the rollout");
        check(foreign == 0, foreign + " responses named a version that was never published");
        check(early == 0, early + " responses served the version in shadow before its promote");
        check(onV3 > 0, "responses from the published version");

        // kill -9 of one replica under load.
        Load killing = new Load(front);
        killing.start();
        Thread.sleep(2_000);
        second.destroyForcibly();
        second.waitFor();
        Thread.sleep(4_000);
        List<Outcome> killed = killing.stop();
        long killFailed = killed.stream().filter(o -> o.status() != 201).count();

        // A replica started late, on a stale checkout, comes up on the published version.
        Path stale = work.resolve("stale");
        Checkout.copyTo(stale);
        int latePort = freePort();
        Process late = replica(db, stale, "r4", latePort);
        long lateStart = System.nanoTime();
        awaitHealthy(latePort, late);
        long lateMillis = (System.nanoTime() - lateStart) / 1_000_000;
        String lateVersion = health(latePort).path("rulesetVersion").asText();
        check(v3.equals(lateVersion), "the late replica serves " + lateVersion + ", not the published " + v3);

        List<String> acknowledged = new ArrayList<>();
        for (Outcome o : rollout) {
            if (o.status() == 201) {
                acknowledged.add(o.id());
            }
        }
        for (Outcome o : killed) {
            if (o.status() == 201) {
                acknowledged.add(o.id());
            }
        }
        int lost = 0;
        try (Connection connection = DriverManager.getConnection(db);
             PreparedStatement find = connection.prepareStatement("SELECT 1 FROM decisions WHERE id = ?")) {
            for (String id : acknowledged) {
                find.setString(1, id);
                try (ResultSet row = find.executeQuery()) {
                    lost += row.next() ? 0 : 1;
                }
            }
        }
        check(lost == 0, lost + " acknowledged decisions lost");

        System.out.printf("fleet: 3 replicas behind HAProxy, %d clients; rollout: %d requests, %d failed, none on an "
                + "unpublished version, %d on the shadow's before its promote%n", CLIENTS, rollout.size(), rolloutFailed,
                early);
        System.out.printf("fleet: shadow held ready by all 3 after %d ms; %d decisions compared (%d changed, %d dropped "
                + "on r1); p50 %.1f ms before the shadow, %.1f ms with it; promote -> all serving in %s ms%n",
                readyMillis, impact.path("impact").path("compared").asLong(),
                impact.path("impact").path("changed").asLong(), impact.path("here").path("dropped").asLong(),
                p50(rollout, calmFrom, calmTo), p50(rollout, shadowFrom, shadowTo), promoteMillis);
        System.out.printf("fleet: publish without shadow answered in %d ms, then live on the replicas after %s ms%n",
                publishedMillis, convergedMillis);
        System.out.printf("fleet: kill -9 of one replica under load: %d requests, %d failed, %d acknowledged "
                + "decisions checked, %d lost; a late replica was ready in %d ms on the published version%n",
                killed.size(), killFailed, acknowledged.size(), lost, lateMillis);
        failures.forEach(f -> System.out.println("fleet: FAILED: " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Milliseconds from {@code from} until each replica's /health names {@code version}, in the order they got there. */
    private static List<Long> converge(int[] ports, String version, long from) throws InterruptedException {
        Map<Integer, Long> millis = new LinkedHashMap<>();
        while (millis.size() < ports.length && System.nanoTime() - from < TimeUnit.MINUTES.toNanos(3)) {
            for (int port : ports) {
                if (!millis.containsKey(port) && version.equals(health(port).path("rulesetVersion").asText())) {
                    millis.put(port, (System.nanoTime() - from) / 1_000_000);
                }
            }
            Thread.sleep(20);
        }
        return List.copyOf(millis.values());
    }

    /** The median latency in ms of the answered requests started between {@code from} and {@code to}. */
    private static double p50(List<Outcome> outcomes, long from, long to) {
        long[] nanos = outcomes.stream().filter(o -> o.status() == 201 && o.at() >= from && o.at() < to)
                .mapToLong(o -> o.done() - o.at()).sorted().toArray();
        return nanos.length == 0 ? Double.NaN : nanos[nanos.length / 2] / 1e6;
    }

    private void check(boolean met, String what) {
        if (!met) {
            failures.add(what);
        }
    }

    private Process replica(String db, Path checkout, String name, int port) throws IOException {
        Path log = work.resolve(name + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--db", db,
                "--rules", checkout.resolve("rules").toString(), "--content", checkout.resolve("content").toString(),
                "--rules-from", "db", "--replica", name, "--no-watch")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private void startHaproxy(int front, int[] ports) throws IOException {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response response-timeout
                frontend rekindle
                """);
        config.append("    bind 127.0.0.1:").append(front).append('\n');
        config.append("""
                    default_backend replicas
                backend replicas
                    balance roundrobin
                    option httpchk GET /health
                    http-check expect status 200
                    default-server inter 500ms fall 1 rise 2
                """);
        for (int i = 0; i < ports.length; i++) {
            config.append("    server r").append(i + 1).append(" 127.0.0.1:").append(ports[i]).append(" check\n");
        }
        Path file = work.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("haproxy.log").toFile()).start();
        processes.add(haproxy);
    }

    private static void awaitHealthy(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the process for port " + port + " exited with " + process.exitValue());
            }
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("port " + port + " did not become healthy within 3 minutes");
    }

    private static JsonNode health(int port) {
        try {
            return JSON.readTree(get(port, "/health").body());
        } catch (IOException | InterruptedException e) {
            return JSON.createObjectNode();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String body)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(180)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@value #CLIENTS} clients posting assessments through the balancer until stopped. */
    private static final class Load {
        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        Load(int port) {
            this.port = port;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        String body = "{\"answers\": {\"sa_unseen\": \"yes\", \"sa_hide_feelings\": \"yes\", "
                                + "\"talk_minutes_per_day\": " + (i % 100) + "}, \"subject\": \"c" + client + "-" + i
                                + "\"}";
                        long at = System.nanoTime();
                        try {
                            HttpResponse<String> response = post(port, "/v1/assessments", body);
                            long done = System.nanoTime();
                            JsonNode json = JSON.readTree(response.body());
                            outcomes.add(new Outcome(at, done, response.statusCode(),
                                    json.path("rulesetVersion").asText(), json.path("id").asText()));
                        } catch (IOException e) {
                            outcomes.add(new Outcome(at, System.nanoTime(), -1, null, null));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "fleet-load-" + c);
                threads.add(thread);
                thread.start();
            }
        }

        List<Outcome> stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            return List.copyOf(outcomes);
        }
    }
}
