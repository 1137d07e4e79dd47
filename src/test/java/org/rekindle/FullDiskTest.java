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
 * SQLite on a full disk. Filling a real disk needs a small filesystem, which needs root to mount; the
 * honest stand-in here is a file size limit: the server runs as its own process under
 * {@code ulimit -f}, so once its database or WAL file would grow past the limit every write fails
 * with EFBIG, as it fails with ENOSPC on a full disk (the JVM ignores the SIGXFSZ that comes with it).
 * Readiness must say 503, each refusal must be a fast JSON 503, the outage must be logged once and not
 * once per request, and every decision acknowledged before must be in the file.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskTurnsReadinessOffRefusesFastAndLogsOnce() throws Exception {
        Path db = dir.resolve("decisions.db");
        // 2 MiB: room for SQLite's native library, which the driver copies to a temporary file (1.1 MB), and
        // for the database with its schema and the ruleset's files (0.4 MB); the WAL then fills up within a
        // few dozen decisions.
        long limitBlocks = 2_048;
        int port = freePort();
        Path output = dir.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("bash", "-c", "ulimit -f " + limitBlocks + " && exec \"$0\" \"$@\"", java,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--port", Integer.toString(port), "--db", db.toString(), "--rules", "rules", "--content", "content",
                "--no-watch");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        List<Long> refusalMillis = new ArrayList<>();
        int healthWhileFull = 0;
        try {
            Http http = new Http(port);
            waitForHealth(http, server);
            for (int i = 0; i < 2_000 && refusalMillis.size() < 40; i++) {
                long start = System.nanoTime();
                Http.Response response = http.post("/v1/assessments", "{\"answers\": {\"sa_unseen\": \"yes\", "
                        + "\"sa_hide_feelings\": \"yes\", \"talk_minutes_per_day\": " + (i % 100) + "}, \"subject\": \"s"
                        + i + "\"}");
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (response.status() == 201) {
                    acknowledged.add(response.json().path("id").asText());
                    continue;
                }
                assertThat(response.status()).as(response.body()).isEqualTo(503);
                assertThat(response.json().path("code").asText()).isEqualTo("decision_log_unavailable");
                refusalMillis.add(millis);
                if (refusalMillis.size() == 20) {
                    healthWhileFull = http.get("/health").status();
                    assertThat(http.get("/health/live").status()).isEqualTo(200);
                }
            }
        } finally {
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String logged = Files.readString(output);
        assertThat(refusalMillis).as("refusals once the file reached its limit (log: %s)", logged).hasSize(40)
                .allSatisfy(millis -> assertThat(millis).isLessThan(2_000));
        assertThat(acknowledged).as("decisions stored before the disk was full").isNotEmpty();
        assertThat(healthWhileFull).as("readiness while the disk is full").isEqualTo(503);
        assertThat(logged).containsOnlyOnce("decision log unavailable: ").doesNotContain("decision log failure on");
        assertThat(logged.lines().count()).as("lines logged for 40 refused decisions:%n%s", logged).isLessThan(10);
        try (Database database = Database.open(db.toString())) {
            DecisionLog log = database.decisionLog();
            for (String id : acknowledged) {
                assertThat(log.find(id)).as("decision %s acknowledged before the disk was full", id).isPresent();
            }
        }
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
