package org.rekindle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.LogCapture;
import org.rekindle.testing.PostgresTestDatabase;
import org.rekindle.testing.TcpProxy;

/**
 * PostgreSQL taken away under load and given back: the server's way to PostgreSQL goes through a TCP
 * proxy the test cuts (closing every connection and refusing new ones, as a stopped server does) for a
 * few seconds while four clients keep posting assessments. Readiness must go 503 and come back by
 * itself, no request may hang (each failure is a JSON 503 {@code decision_log_unavailable} within about
 * 2 s), every acknowledged decision must be stored, and the outage is logged once, with its end (and
 * the connection pool's own warnings not at all, request after request).
 */
class DatabaseOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CUT_MILLIS = 4_000;

    /** One answered request. */
    private record Outcome(int status, String code, long millis) {
    }

    @Test
    void readinessFollowsTheDatabaseRequestsFailFastAndNothingAcknowledgedIsLost() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(database.jdbcUrl());
            assertThat(hostPort.find()).as("host and port in %s", database.jdbcUrl()).isTrue();
            try (TcpProxy proxy = TcpProxy.start(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
                 LogCapture logged = LogCapture.start()) {
                String db = hostPort.replaceFirst("//127.0.0.1:" + proxy.port() + "/");
                run(database, proxy, db, logged);
            }
        }
    }

    private static void run(PostgresTestDatabase database, TcpProxy proxy, String db, LogCapture logged)
            throws Exception {
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(get(client, base + "/health").statusCode()).isEqualTo(200);

            AtomicBoolean loading = new AtomicBoolean(true);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<Outcome> outcomes = new CopyOnWriteArrayList<>();
            List<Throwable> clientErrors = new CopyOnWriteArrayList<>();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int clientNumber = c;
                Thread thread = new Thread(() -> {
                    int i = 0;
                    while (loading.get()) {
                        try {
                            outcomes.add(post(client, base, clientNumber, i++, acknowledged));
                        } catch (Exception e) {
                            clientErrors.add(e); // a timeout: the server hung
                        }
                    }
                });
                thread.start();
                clients.add(thread);
            }

            Thread.sleep(1_000);
            int beforeCut = acknowledged.size();
            proxy.cut();
            long cutAt = System.nanoTime();
            List<Integer> duringCut = new ArrayList<>();
            while (System.nanoTime() - cutAt < CUT_MILLIS * 1_000_000L) {
                duringCut.add(get(client, base + "/health").statusCode());
                Thread.sleep(200);
            }
            proxy.restore();
            long restoredAt = System.nanoTime();
            int health = 503;
            while (health != 200 && System.nanoTime() - restoredAt < 15_000_000_000L) {
                Thread.sleep(100);
                health = get(client, base + "/health").statusCode();
            }
            long recoveredMillis = (System.nanoTime() - restoredAt) / 1_000_000;
            int afterRecovery = acknowledged.size();
            Thread.sleep(1_000);
            loading.set(false);
            for (Thread thread : clients) {
                thread.join(30_000);
            }

            assertThat(clientErrors).as("requests that hung until the client gave up").isEmpty();
            assertThat(duringCut).as("readiness while PostgreSQL was unreachable").contains(503);
            assertThat(health).as("readiness %d ms after PostgreSQL came back", recoveredMillis).isEqualTo(200);
            assertThat(get(client, base + "/health/live").statusCode()).isEqualTo(200);
            List<Outcome> failures = outcomes.stream().filter(o -> o.status() != 201).toList();
            assertThat(failures).as("requests refused during the outage").isNotEmpty()
                    .allSatisfy(o -> {
                        assertThat(o.status()).isEqualTo(503);
                        assertThat(o.code()).isEqualTo("decision_log_unavailable");
                        assertThat(o.millis()).as("time to a refusal").isLessThan(2_500);
                    });
            assertThat(beforeCut).isPositive();
            assertThat(acknowledged.size()).as("decisions acknowledged after recovery").isGreaterThan(afterRecovery);
            try (Connection connection = database.connect();
                 PreparedStatement find = connection.prepareStatement("SELECT 1 FROM decisions WHERE id = ?")) {
                for (String id : acknowledged) {
                    find.setString(1, id);
                    try (ResultSet row = find.executeQuery()) {
                        assertThat(row.next()).as("acknowledged decision %s is stored", id).isTrue();
                    }
                }
            }
            assertThat(logged.text()).containsOnlyOnce("decision log unavailable: ")
                    .containsOnlyOnce("decision log available again after ")
                    .doesNotContain("decision log failure on");
            // The pool's own lines (a dead connection failing validation, an empty pool failing to connect,
            // a connection marked broken) come once per request under load: folded into the outage line.
            assertThat(logged.text()).as("HikariCP's per-request warnings during the outage")
                    .doesNotContain("com.zaxxer.hikari.pool.PoolBase", "com.zaxxer.hikari.pool.ProxyConnection",
                            "Failed to validate connection", "Pool is empty", "marked as broken");
        }
    }

    private static Outcome post(HttpClient client, String base, int clientNumber, int i, Set<String> acknowledged)
            throws Exception {
        String body = "{\"answers\": {\"sa_unseen\": \"yes\", \"sa_hide_feelings\": \"yes\", "
                + "\"talk_minutes_per_day\": " + (i % 100) + "}, \"subject\": \"c" + clientNumber + "-" + i + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/assessments"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() == 201) {
            acknowledged.add(json.path("id").asText());
        }
        return new Outcome(response.statusCode(), json.path("code").asText(), millis);
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
