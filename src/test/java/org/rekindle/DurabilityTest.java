package org.rekindle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.Database;
import org.rekindle.testing.Http;

/**
 * The server as its own process, killed with SIGKILL right after it answered 201: every decision it
 * acknowledged must be in the SQLite file afterwards. Also checks that answers never reach its log.
 */
class DurabilityTest {

    private static final String CANARY = "CANARY-7f3a-answer";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDecisionSurvivesKillDashNineAndNoAnswerIsLogged() throws Exception {
        int port = freePort();
        Path db = dir.resolve("decisions.db");
        Path output = dir.resolve("server.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--port", Integer.toString(port), "--db", db.toString(), "--rules", "rules", "--content", "content",
                "--no-watch");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        try {
            Http http = new Http(port);
            waitForHealth(http, server);
            Http.Response rejected = http.post("/v1/assessments", "{\"answers\": {\"sa_unseen\": \"" + CANARY + "\"}}");
            assertThat(rejected.status()).isEqualTo(400);
            for (int i = 0; i < 20; i++) {
                Http.Response created = http.post("/v1/assessments", "{\"answers\": {\"sa_unseen\": \"yes\", "
                        + "\"sa_hide_feelings\": \"yes\", \"talk_minutes_per_day\": " + i + "}, \"subject\": \"s" + i
                        + "\"}");
                assertThat(created.status()).isEqualTo(201);
                acknowledged.add(created.json().path("id").asText());
            }
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.exitValue()).isEqualTo(137);
        try (Database database = Database.open(db.toString())) {
            DecisionLog log = database.decisionLog();
            for (String id : acknowledged) {
                assertThat(log.find(id)).as("decision %s acknowledged before kill -9", id).isPresent();
            }
        }
        String logged = Files.readString(output);
        assertThat(logged).contains("listening on port " + port).doesNotContain(CANARY)
                .doesNotContain("sa_hide_feelings");
    }

    private static void waitForHealth(Http http, Process server) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server process is running").isTrue();
            try {
                if (http.get("/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused until the port opens
            }
            Thread.sleep(200);
        }
        throw new IOException("the server did not become healthy within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
