package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.audit.Database;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.server.Configuration;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Eventually;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;
import org.rekindle.testing.PostgresTestDatabase;
import org.rekindle.testing.TcpProxy;

/**
 * Replicas that follow the version published in PostgreSQL ({@code --rules-from db}), each a real server
 * in this JVM on its own port, all on one schema. Replica b reaches PostgreSQL through a proxy the test
 * cuts, so that it misses the notification of a publication and must converge when it reconnects.
 */
class PublishedFleetTest {

    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    @TempDir
    Path dir;

    @Test
    void aPublishedVersionReachesEveryReplicaEvenOneThatMissedTheNotificationAndARefusalIsReported()
            throws Exception {
        Path checkout = dir.resolve("checkout");
        Checkout.copyTo(checkout);
        List<Rekindle> servers = new ArrayList<>();
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(database.jdbcUrl());
            assertThat(hostPort.find()).isTrue();
            try (TcpProxy proxy = TcpProxy.start(hostPort.group(1), Integer.parseInt(hostPort.group(2)))) {
                String throughProxy = hostPort.replaceFirst("//127.0.0.1:" + proxy.port() + "/");
                try {
                    // The first replica finds nothing published and publishes its files.
                    Rekindle a = start(servers, checkout, database.jdbcUrl(), "a");
                    String first = a.rulesets().current().orElseThrow().ruleset().version();
                    Rekindle b = start(servers, checkout, throughProxy, "b");
                    assertThat(version(b)).isEqualTo(first);
                    Http coachA = new Http(a.port());

                    // b misses the notification: its way to PostgreSQL is cut while a publishes an edit.
                    Files.writeString(checkout.resolve("rules/attachment.drl"), "\n// edited for a publication test\n",
                            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    proxy.cut();
                    Http.Response published = coachA.post("/v1/admin/publish", "");
                    assertThat(published.status()).as(published.body()).isEqualTo(200);
                    String second = published.json().path("published").asText();
                    assertThat(second).isNotEqualTo(first);
                    awaitVersion(a, second);
                    Thread.sleep(1_500);
                    assertThat(version(b)).as("b while cut off").isEqualTo(first);
                    proxy.restore();
                    awaitVersion(b, second);

                    // A replica started late comes up on the published version, not on its own files.
                    Path stale = dir.resolve("stale");
                    Checkout.copyTo(stale);
                    Rekindle c = start(servers, stale, database.jdbcUrl(), "c");
                    assertThat(version(c)).isEqualTo(second);

                    // The fleet view shows the rollout finished: every replica reported the published version.
                    JsonNode fleet = Eventually.await(Duration.ofSeconds(10), "every replica reporting " + second,
                            () -> {
                                JsonNode view = coachA.get("/v1/ruleset").json().path("fleet");
                                long onSecond = 0;
                                for (JsonNode replica : view.path("replicas")) {
                                    onSecond += replica.path("live").asText().equals(second) ? 1 : 0;
                                }
                                return onSecond == 3 ? view : null;
                            });
                    assertThat(fleet.path("published").path("version").asText()).isEqualTo(second);
                    assertThat(fleet.path("replicas").findValuesAsText("replica")).containsExactly("a", "b", "c");
                    assertThat(new Http(b.port()).get("/metrics").body())
                            .contains("rekindle_decision_log_writable{replica=\"b\"} 1.0");

                    // A version the replicas cannot accept: each keeps the last good one and says so.
                    Bundle broken = brokenCopyOf(a.rulesets().current().orElseThrow().ruleset().bundle());
                    try (Database db = Database.open(database.jdbcUrl())) {
                        db.archive().store(broken);
                        db.archive().publish(broken.version());
                    }
                    for (Rekindle server : servers) {
                        Http http = new Http(server.port());
                        JsonNode health = Eventually.await(Duration.ofSeconds(30), "a refusal in /health", () -> {
                            JsonNode body = http.get("/health").json();
                            return broken.version().equals(body.path("published").path("refused").asText())
                                    ? body : null;
                        });
                        assertThat(health.path("status").asText()).isEqualTo("ok");
                        assertThat(health.path("rulesetVersion").asText()).isEqualTo(second);
                        assertThat(health.path("published").path("problems").asInt()).isPositive();
                        JsonNode following = http.get("/v1/ruleset").json().path("fleet").path("following");
                        assertThat(following.path("refused").asText()).isEqualTo(broken.version());
                        assertThat(following.path("problems")).isNotEmpty();
                    }
                    Http.Response refused = coachA.post("/v1/admin/publish",
                            "{\"version\": \"" + broken.version() + "\"}");
                    assertThat(refused.status()).isEqualTo(422);
                    assertThat(refused.json().path("code").asText()).isEqualTo("ruleset_rejected");

                    // A rollback: publishing a version the archive holds brings every replica back to it.
                    Http.Response rollback = coachA.post("/v1/admin/publish", "{\"version\": \"" + first + "\"}");
                    assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
                    for (Rekindle server : servers) {
                        awaitVersion(server, first);
                    }
                    JsonNode afterRollback = new Http(c.port()).get("/health").json().path("published");
                    assertThat(afterRollback.path("refused").isMissingNode())
                            .as("a refusal is cleared once the published version is live").isTrue();
                } finally {
                    servers.forEach(Rekindle::close);
                }
            }
        }
    }

    @Test
    void theCliPublishesAValidCheckoutAndNothingWhenItIsNotValid() throws Exception {
        Path db = dir.resolve("fleet.db");
        StringWriter out = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "publish",
                "--db", db.toString(), "--rules", "rules", "--content", "content");
        assertThat(status).as(out.toString()).isZero();
        String version = Bundle.read(Checkout.RULES, Checkout.CONTENT).version();
        assertThat(out.toString()).contains("published: ruleset " + version);

        Path broken = dir.resolve("broken");
        Checkout.copyTo(broken);
        Files.writeString(broken.resolve("rules/attachment.drl"), "\nrule \"broken\" when then nonsense(\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        StringWriter err = new StringWriter();
        int refused = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "publish",
                "--db", db.toString(), "--rules", broken.resolve("rules").toString(), "--content",
                broken.resolve("content").toString());
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).contains("nothing was published");
        try (Database database = Database.open(db.toString())) {
            assertThat(database.archive().published().orElseThrow().version()).isEqualTo(version);
            assertThat(database.archive().bundle(version)).isPresent();
        }
    }

    private static Rekindle start(List<Rekindle> servers, Path checkout, String db, String replica) {
        Rekindle server = Rekindle.start(Configs.onFreePort()
                .withFolders(checkout.resolve("rules"), checkout.resolve("content")).withDb(db)
                .withRulesFrom(Configuration.RulesFrom.DB, replica));
        servers.add(server);
        return server;
    }

    private static String version(Rekindle server) {
        return server.rulesets().current().orElseThrow().ruleset().version();
    }

    private static void awaitVersion(Rekindle server, String version) {
        Eventually.await(Duration.ofSeconds(90), "ruleset " + version + " live on port " + server.port(),
                () -> version.equals(version(server)) ? version : null);
    }

    /** The same files with one rule file broken, so that the acceptance refuses them. */
    private static Bundle brokenCopyOf(Bundle good) {
        List<BundleFile> files = new ArrayList<>();
        for (BundleFile file : good.files()) {
            files.add(file.path().endsWith("attachment.drl") ? new BundleFile(file.path(),
                    (new String(file.bytes(), StandardCharsets.UTF_8) + "\nrule \"broken\" when then nonsense(\n")
                            .getBytes(StandardCharsets.UTF_8)) : file);
        }
        return new Bundle(files);
    }
}
