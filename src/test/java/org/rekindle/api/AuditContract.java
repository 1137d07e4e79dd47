package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.rekindle.RekindleServer;
import org.rekindle.ServerConfig;
import org.rekindle.testing.Http;

/**
 * What an auditor can ask of the decision log, over real HTTP: private answers masked unless the
 * token carries the scope. Run once per database (see the subclasses); one server per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditContract {

    /** Someone on the safety path: two private answers are yes. */
    static final String AFRAID = """
            {"answers": {"safety_afraid": "yes", "safety_control": "yes", "sa_unseen": "yes",
                         "sa_hide_feelings": "yes"}}""";

    private RekindleServer server;
    Http app;
    Http auditor;
    Http privateAuditor;

    /** A folder for the decision log file, when the database is a file. */
    abstract Path dir();

    /** The decision log setting for this database. */
    abstract String db();

    @BeforeAll
    void start() {
        Access access = Access.of(Map.of(Role.APP, List.of("app-token"), Role.AUDITOR, List.of("auditor-token"),
                Role.COACH, List.of("coach-token")), List.of("private-auditor-token"));
        server = RekindleServer.start(new ServerConfig(0, Path.of("rules"), Path.of("content"), db(), access,
                RekindleApp.Settings.defaults(), false));
        Http anonymous = new Http(server.port());
        app = anonymous.as("app-token");
        auditor = anonymous.as("auditor-token");
        privateAuditor = anonymous.as("private-auditor-token");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    RekindleServer server() {
        return server;
    }

    String create(String body) {
        Http.Response created = app.post("/v1/assessments", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void privateAnswersAreMaskedForAnAuditorWithoutTheScopeAndShownWithIt() {
        String id = create(AFRAID);
        for (String route : List.of("/v1/assessments/" + id + "/explanation", "/v1/assessments/" + id + "/replay",
                "/v1/assessments/" + id + "?view=full", "/v1/assessments/" + id)) {
            Http.Response masked = auditor.get(route);
            assertThat(masked.status()).as(masked.body()).isEqualTo(200);
            List<String> seen = privateValues(masked.json());
            assertThat(seen).as(route).isNotEmpty().containsOnly(AnswerMask.MASKED);
            Http.Response shown = privateAuditor.get(route);
            assertThat(privateValues(shown.json())).as(route).isNotEmpty().containsOnly("yes");
            // Everything else is the same: only private values differ.
            assertThat(masked.body().replace("\"***\"", "\"yes\"")).as(route).isEqualTo(shown.body());
        }
        // Apps read their own answers unmasked.
        assertThat(privateValues(app.get("/v1/assessments/" + id + "?view=full").json())).containsOnly("yes");
        // Answers to questions that are not private are never masked.
        assertThat(auditor.get("/v1/assessments/" + id + "/explanation").json().path("answers").path("sa_unseen")
                .asText()).isEqualTo("yes");
    }

    /** Every value the tree gives a private (safety_) question, in either form answers take. */
    static List<String> privateValues(JsonNode tree) {
        List<String> values = new ArrayList<>();
        collect(tree, values);
        return values;
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node.isObject()) {
            if (node.path("question").asText().startsWith("safety_") && node.has("value")) {
                values.add(node.path("value").asText());
            }
            node.properties().forEach(field -> {
                if (field.getKey().equals("answers") && field.getValue().isObject()) {
                    field.getValue().properties().forEach(answer -> {
                        if (answer.getKey().startsWith("safety_")) {
                            values.add(answer.getValue().asText());
                        }
                    });
                } else {
                    collect(field.getValue(), values);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, values));
        }
    }
}
