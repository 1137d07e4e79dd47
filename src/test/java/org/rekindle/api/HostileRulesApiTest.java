package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.bundle.Bundle;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Eventually;
import org.rekindle.testing.HostileRules.Attack;
import org.rekindle.testing.HostileRules;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * Every hostile rule file of {@link HostileRules}, through every way a rule file reaches the server:
 * {@code POST /v1/admin/preview}, a file saved under a watching server, {@code rekindle validate}, and
 * the replay of a decision whose archived ruleset version holds it. Each is refused with the file and
 * line, nothing of it runs (its marker file never appears), the live ruleset stays, the server keeps
 * serving, and the watcher still takes the next good edit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRulesApiTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    /** Each refused reload logs a line: kept here, and checked to name places, never file contents. */
    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    @TempDir
    static Path dir;

    private Path rules;
    private Path content;
    private Rekindle server;
    private Http http;
    private String original;

    @BeforeAll
    void startServer() throws IOException {
        Checkout.copy(FIXTURE, dir);
        rules = dir.resolve("rules");
        content = dir.resolve("content");
        server = Rekindle.start(Configs.onFreePort().withFolders(rules, content)
                .withDb(dir.resolve("log.db").toString()).withWatch(true));
        http = new Http(server.port());
        original = http.get("/health").json().path("rulesetVersion").asText();
        assertThat(original).isNotBlank();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        assertThat(Files.exists(Path.of(HostileRules.MARKER))).as("no hostile payload ran").isFalse();
    }

    @Test
    void eachIsRefusedByPreviewWithFileAndLine() {
        for (Attack attack : HostileRules.all()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("files").put(HostileRules.FILE, attack.drl());
            Http.Response response = http.post("/v1/admin/preview", body.toString());
            assertThat(response.status()).as(attack.name() + ": " + response.body()).isEqualTo(422);
            assertThat(response.json().path("code").asText()).isEqualTo("candidate_invalid");
            assertRefused(attack, response.json().path("problems"));
            assertStillServing();
        }
        for (Attack attack : HostileRules.oversized()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("files").put(HostileRules.FILE, attack.drl());
            Http.Response response = http.post("/v1/admin/preview", body.toString());
            assertThat(response.status()).as(attack.name()).isEqualTo(413);
            assertThat(response.json().path("code").asText()).isEqualTo("payload_too_large");
        }
    }

    private static List<Attack> everyAttack() {
        return java.util.stream.Stream.concat(HostileRules.all().stream(), HostileRules.oversized().stream()).toList();
    }

    @Test
    void eachIsRefusedAsAWatchedFileAndTheNextGoodEditStillGoesLive() throws IOException {
        Path hostile = rules.resolve("hostile.drl");
        try {
            for (Attack attack : everyAttack()) {
                Files.writeString(hostile, attack.drl());
                String version = Bundle.read(rules, content).version();
                JsonNode attempt = Eventually.await(Duration.ofSeconds(30), "the watcher to try " + attack.name(),
                        () -> {
                            JsonNode last = http.get("/v1/ruleset").json().path("lastAttempt");
                            return version.equals(last.path("version").asText()) ? last : null;
                        });
                assertThat(attempt.path("accepted").asBoolean()).as(attack.name()).isFalse();
                assertRefused(attack, attempt.path("problems"));
                assertStillServing();
            }
            assertThat(LOG.text()).contains("rejected", HostileRules.FILE + ":")
                    .doesNotContain("getClassLoader", "destroyForcibly", "pwned");
        } finally {
            Files.deleteIfExists(hostile);
        }
        // The watcher is alive and takes a good edit.
        Path numbers = rules.resolve("numbers.drl");
        Files.writeString(numbers, Files.readString(numbers) + "\n// a good edit after the attacks\n");
        String good = Bundle.read(rules, content).version();
        Eventually.await(Duration.ofSeconds(30), "the good edit to go live",
                () -> good.equals(http.get("/health").json().path("rulesetVersion").asText()) ? good : null);
        Files.writeString(numbers, Files.readString(FIXTURE.resolve("rules/numbers.drl")));
        Eventually.await(Duration.ofSeconds(30), "the fixture to be live again",
                () -> original.equals(http.get("/health").json().path("rulesetVersion").asText()) ? original : null);
    }

    @Test
    void eachIsRefusedByValidateWithFileAndLine() throws IOException {
        for (Attack attack : everyAttack()) {
            Path copy = Files.createTempDirectory(dir, "validate");
            Checkout.copy(FIXTURE, copy);
            Files.writeString(copy.resolve(HostileRules.FILE), attack.drl());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", "--rules",
                    copy.resolve("rules").toString(), "--content", copy.resolve("content").toString());
            assertThat(exit).as(attack.name()).isEqualTo(1);
            String prefix = HostileRules.FILE + ":" + (attack.line() > 0 ? attack.line() + ":" : "");
            assertThat(err.toString()).as(attack.name()).contains(prefix).contains(attack.fragment());
        }
    }

    @Test
    void noArchivedVersionIsReplayedWithoutPassingTheSameCheck() {
        Http.Response posted = http.post("/v1/assessments", "{\"answers\": {\"relationship_months\": 12}}");
        assertThat(posted.status()).isEqualTo(201);
        DecisionRecord stored = server.decisionLog().find(posted.json().path("id").asText()).orElseThrow();
        Bundle live = Bundle.read(rules, content);
        int n = 0;
        for (Attack attack : everyAttack()) {
            // As if the hostile file had once gone live: its version's files are in the archive, and a
            // decision names that version.
            Bundle hostile = live.with(Map.of(HostileRules.FILE, attack.drl().getBytes(StandardCharsets.UTF_8)),
                    List.of());
            server.database().archive().store(hostile);
            String id = "00000000-0000-4000-8000-" + String.format("%012d", ++n);
            server.decisionLog().append(new DecisionRecord(id, Instant.now(), hostile.version(), null, null, null,
                    stored.owner(), stored.answersJson(), stored.planJson(), stored.traceJson()));
            Http.Response replay = http.get("/v1/assessments/" + id + "/replay");
            assertThat(replay.status()).as(attack.name() + ": " + replay.body()).isEqualTo(409);
            assertThat(replay.json().path("code").asText()).isEqualTo("ruleset_not_rebuildable");
            assertRefused(attack, replay.json().path("problems"));
        }
        assertStillServing();
    }

    @Test
    void aRestartWithAHostileFileOnDiskRefusesToStartAndSaysWhy() throws IOException {
        Path copy = Files.createTempDirectory(dir, "restart");
        Checkout.copy(FIXTURE, copy);
        Attack attack = HostileRules.all().get(0);
        Files.writeString(copy.resolve(HostileRules.FILE), attack.drl());
        long start = System.nanoTime();
        assertThatThrownBy(() -> Rekindle.start(Configs.onFreePort()
                .withFolders(copy.resolve("rules"), copy.resolve("content"))
                .withDb(copy.resolve("log.db").toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not start")
                .hasMessageContaining(HostileRules.FILE + ":" + attack.line() + ":");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    private static void assertRefused(Attack attack, JsonNode problems) {
        assertThat(problems.isArray()).as(attack.name()).isTrue();
        assertThat(problems).as(attack.name() + ": " + problems).anySatisfy(problem -> {
            assertThat(problem.path("file").asText()).isEqualTo(HostileRules.FILE);
            if (attack.line() > 0) {
                assertThat(problem.path("line").asInt()).isEqualTo(attack.line());
            }
            assertThat(problem.path("message").asText()).contains(attack.fragment());
        });
    }

    private void assertStillServing() {
        assertThat(http.get("/health").json().path("rulesetVersion").asText()).isEqualTo(original);
        assertThat(http.post("/v1/assessments", "{\"answers\": {\"relationship_months\": 3}}").status()).isEqualTo(201);
    }
}
