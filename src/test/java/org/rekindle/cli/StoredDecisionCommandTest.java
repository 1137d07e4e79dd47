package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.Main;
import org.rekindle.api.access.Access;
import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.Role;
import org.rekindle.json.Json;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * {@code explain --id} and {@code why-not --id}: a decision stored by a real server in a SQLite file,
 * explained from that file with the ruleset of its day, exactly as the auditor's routes answer.
 */
class StoredDecisionCommandTest {

    /** Someone on the safety path: two private answers are yes. */
    private static final String AFRAID = """
            {"answers": {"safety_afraid": "yes", "safety_control": "yes", "sa_unseen": "yes",
                         "sa_hide_feelings": "yes"}}""";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aStoredDecisionIsExplainedFromTheLogAsTheAuditorsRoutesExplainIt() throws Exception {
        String db = dir.resolve("log.db").toString();
        Access access = Access.of(Map.of(Role.APP, List.of("app-token"), Role.AUDITOR, List.of("auditor-token")),
                List.of("private-auditor-token"));
        String id;
        String maskedText;
        String shownText;
        String maskedWhyNot;
        String shownWhyNot;
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withDb(db).withAccess(access))) {
            Http http = new Http(server.port());
            Http.Response created = http.as("app-token").post("/v1/assessments", AFRAID);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().path("id").asText();
            String explanation = "/v1/assessments/" + id + "/explanation?format=text";
            maskedText = http.as("auditor-token").get(explanation).body();
            shownText = http.as("private-auditor-token").get(explanation).body();
            String whyNot = "/v1/assessments/" + id + "/why-not/safety_screen_invite";
            maskedWhyNot = http.as("auditor-token").get(whyNot).body();
            shownWhyNot = http.as("private-auditor-token").get(whyNot).body();
        }
        assertThat(maskedText).contains(AnswerMask.MASKED).isNotEqualTo(shownText);

        assertThat(run("explain", "--id", id, "--db", db)).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(maskedText);
        reset();
        assertThat(run("explain", "--id", id, "--db", db, "--private-answers")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(shownText);

        reset();
        assertThat(run("why-not", "--id", id, "--db", db, "safety_screen_invite")).as(err.toString()).isZero();
        assertThat(Json.MAPPER.readTree(out.toString())).isEqualTo(Json.MAPPER.readTree(maskedWhyNot));
        assertThat(out.toString()).contains("\"" + AnswerMask.MASKED + "\"");
        reset();
        assertThat(run("why-not", "--id", id, "--db", db, "--private-answers", "safety_screen_invite")).isZero();
        assertThat(Json.MAPPER.readTree(out.toString())).isEqualTo(Json.MAPPER.readTree(shownWhyNot));

        reset();
        assertThat(run("explain", "--id", "no-such-decision", "--db", db)).isEqualTo(2);
        assertThat(err.toString()).contains("no decision no-such-decision");
        reset();
        assertThat(run("why-not", "--id", id, "--db", db, "no_such_card")).isEqualTo(2);
        assertThat(err.toString()).contains("has no card 'no_such_card'");
        reset();
        assertThat(run("explain", "--id", id, "--db", db, "answers.json")).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void reset() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
