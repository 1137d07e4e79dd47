package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.audit.Database;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.json.Json;

/** {@code export}: a period of the log as NDJSON, private answers masked unless asked for. */
class ExportCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void exportsExactlyThePeriodOldestFirstWithPrivateAnswersMaskedUnlessAskedFor() throws Exception {
        String db = dir.resolve("d.db").toString();
        try (Database database = Database.open(db)) {
            for (int day = 0; day < 5; day++) {
                database.decisionLog().append(new DecisionRecord("d-" + day, T0.plusSeconds(86_400L * day), "a1b2c3d4e5f6", "s-" + day,
                        null, null, null, "{\"safety_afraid\":\"yes\",\"sa_unseen\":\"yes\"}",
                        "{\"cards\":[{\"id\":\"steps.talk\"}]}", "{\"format\":3,\"trace\":[],\"withheld\":[]}"));
            }
        }
        Path file = dir.resolve("export.ndjson");
        assertThat(run("export", "--db", db, "--from", "2026-11-02T00:00:00Z", "--to", "2026-11-04T00:00:00Z",
                "--out", file.toString())).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.path("id").asText()).isEqualTo("d-1");
        assertThat(Json.MAPPER.readTree(lines.get(1)).path("id").asText()).isEqualTo("d-2");
        assertThat(first.path("answers").path("safety_afraid").asText()).isEqualTo("***");
        assertThat(first.path("answers").path("sa_unseen").asText()).isEqualTo("yes");
        assertThat(first.path("plan").path("cards").get(0).path("id").asText()).isEqualTo("steps.talk");
        assertThat(err.toString()).contains("2 decision(s) exported, private answers masked");

        assertThat(run("export", "--db", db, "--private-answers", "--out", file.toString())).isZero();
        lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(Json.MAPPER.readTree(lines.get(4)).path("answers").path("safety_afraid").asText()).isEqualTo("yes");

        assertThat(run("export", "--db", db, "--from", "last week")).isEqualTo(2);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
