package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

/**
 * A coach's host in file mode and a replica that follows the database, two real servers on one PostgreSQL
 * schema. What passes a reload on the file-mode host (a watched edit or {@code POST /v1/admin/reload}) is
 * published and reaches the replica; a reload that fails publishes nothing. A reload sent to the replica
 * re-reads the published version (never its own files) and says that rules change there by publishing.
 */
class FileModePublicationTest {

    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    @TempDir
    Path dir;

    @Test
    void aReloadThatPassesInFileModeIsPublishedToTheReplicasAndOneThatFailsIsNot() throws Exception {
        Path coach = dir.resolve("coach");
        Checkout.copyTo(coach);
        Path replicaFiles = dir.resolve("replica");
        Checkout.copyTo(replicaFiles);
        // The replica's own files differ from anything published: it must never serve them.
        append(replicaFiles.resolve("rules/attachment.drl"), "\n// the replica's own, never published\n");
        String replicasOwn = Bundle.read(replicaFiles.resolve("rules"), replicaFiles.resolve("content")).version();
        List<Rekindle> servers = new ArrayList<>();
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            try {
                // The file-mode host watches its folders, as `serve` does by default.
                Rekindle host = start(servers, Configs.onFreePort().withWatch(true)
                        .withFolders(coach.resolve("rules"), coach.resolve("content")).withDb(database.jdbcUrl()));
                String first = version(host);
                assertThat(published(database)).as("the host's files, published as it starts").isEqualTo(first);
                Rekindle replica = start(servers, Configs.onFreePort()
                        .withFolders(replicaFiles.resolve("rules"), replicaFiles.resolve("content"))
                        .withDb(database.jdbcUrl()).withRulesFrom(Configuration.RulesFrom.DB, "r1"));
                assertThat(version(replica)).isEqualTo(first).isNotEqualTo(replicasOwn);
                Http coachHttp = new Http(host.port());
                Http replicaHttp = new Http(replica.port());

                // A coach's edit reloaded on the host reaches the replica.
                append(coach.resolve("rules/attachment.drl"), "\n// a coach's edit, reloaded\n");
                Http.Response reloaded = coachHttp.post("/v1/admin/reload", "");
                assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
                String second = reloaded.json().path("version").asText();
                assertThat(second).isNotEqualTo(first);
                assertThat(reloaded.json().has("note")).as("file mode reloads its files: no note").isFalse();
                assertThat(published(database)).isEqualTo(second);
                awaitVersion(replica, second);

                // A reload that fails publishes nothing: the host and the replica keep the second version.
                append(coach.resolve("rules/attachment.drl"), "\nrule \"broken\" when then nonsense(\n");
                Http.Response rejected = coachHttp.post("/v1/admin/reload", "");
                assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
                assertThat(published(database)).isEqualTo(second);
                assertThat(version(host)).isEqualTo(second);

                // A watched edit that passes is published too (the watcher reloads through the same lifecycle).
                Checkout.edit(coach.resolve("rules/attachment.drl"), "\nrule \"broken\" when then nonsense(\n",
                        "\n// a coach's edit, watched\n");
                String third = Bundle.read(coach.resolve("rules"), coach.resolve("content")).version();
                awaitVersion(host, third);
                awaitVersion(replica, third);
                assertThat(published(database)).isEqualTo(third);

                // A reload sent to the replica re-reads the published version, not its own files, and says so.
                append(replicaFiles.resolve("rules/attachment.drl"), "\n// edited on the replica's host\n");
                Http.Response onReplica = replicaHttp.post("/v1/admin/reload", "");
                assertThat(onReplica.status()).as(onReplica.body()).isEqualTo(200);
                assertThat(onReplica.json().path("version").asText()).isEqualTo(third);
                assertThat(onReplica.json().path("note").asText()).contains("re-read the published version now",
                        "rekindle publish", "POST /v1/admin/publish", "every replica learns of a publication");
                assertThat(version(replica)).isEqualTo(third);
                assertThat(published(database)).isEqualTo(third);

                // Published straight into the database: a reload on the replica serves it once it answers.
                Bundle fourth = edited(host.rulesets().current().orElseThrow().ruleset().bundle(),
                        "\n// published from elsewhere\n");
                try (Database db = Database.open(database.jdbcUrl())) {
                    db.archive().store(fourth);
                    db.archive().publish(fourth.version());
                }
                Http.Response caughtUp = replicaHttp.post("/v1/admin/reload", "");
                assertThat(caughtUp.status()).as(caughtUp.body()).isEqualTo(200);
                assertThat(caughtUp.json().path("version").asText()).isEqualTo(fourth.version());

                // A published version the replica refuses: the reload answers 422 with the problems and the note.
                Bundle broken = edited(fourth, "\nrule \"broken\" when then nonsense(\n");
                try (Database db = Database.open(database.jdbcUrl())) {
                    db.archive().store(broken);
                    db.archive().publish(broken.version());
                }
                Http.Response refused = replicaHttp.post("/v1/admin/reload", "");
                assertThat(refused.status()).as(refused.body()).isEqualTo(422);
                assertThat(refused.json().path("code").asText()).isEqualTo("ruleset_rejected");
                assertThat(refused.json().path("message").asText()).contains(broken.version(),
                        "ruleset " + fourth.version() + " stays live", "POST /v1/admin/publish");
                assertThat(refused.json().path("errors")).isNotEmpty();
                assertThat(version(replica)).isEqualTo(fourth.version());

                // The host restarted on its older files does not undo that later publication; it says so.
                servers.remove(host);
                host.close();
                Rekindle restarted = start(servers, Configs.onFreePort()
                        .withFolders(coach.resolve("rules"), coach.resolve("content")).withDb(database.jdbcUrl()));
                assertThat(version(restarted)).isEqualTo(third);
                assertThat(published(database)).isEqualTo(broken.version());
                assertThat(LOG.text()).contains("ruleset " + third + " from the files is live here, but "
                        + broken.version() + " is the published version", "POST /v1/admin/publish (no body)");
            } finally {
                servers.forEach(Rekindle::close);
            }
        }
    }

    private static Rekindle start(List<Rekindle> servers, Configuration config) {
        Rekindle server = Rekindle.start(config);
        servers.add(server);
        return server;
    }

    private static String published(PostgresTestDatabase database) {
        try (Database db = Database.open(database.jdbcUrl())) {
            return db.archive().published().orElseThrow().version();
        }
    }

    private static String version(Rekindle server) {
        return server.rulesets().current().orElseThrow().ruleset().version();
    }

    private static void awaitVersion(Rekindle server, String version) {
        Eventually.await(Duration.ofSeconds(90), "ruleset " + version + " live on port " + server.port(),
                () -> version.equals(version(server)) ? version : null);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The same files with {@code text} appended to one rule file. */
    private static Bundle edited(Bundle bundle, String text) {
        List<BundleFile> files = new ArrayList<>();
        for (BundleFile file : bundle.files()) {
            files.add(file.path().endsWith("attachment.drl") ? new BundleFile(file.path(),
                    (new String(file.bytes(), StandardCharsets.UTF_8) + text).getBytes(StandardCharsets.UTF_8))
                    : file);
        }
        return new Bundle(files);
    }
}
