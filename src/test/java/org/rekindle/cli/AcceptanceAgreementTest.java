package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.rekindle.Main;
import org.rekindle.audit.Database;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;

/**
 * {@code validate}, {@code test}, {@code impact}, {@code publish}, a reload and a preview over HTTP accept
 * and refuse the same rulesets, and the command line prints the very problems a reload records.
 */
class AcceptanceAgreementTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    /** One way a coach's edit can go, applied to a copy of the fixture and saved in {@code charset}. */
    record Edit(String name, boolean accepted, String file, UnaryOperator<String> change, Charset charset) {

        Edit(String name, boolean accepted, String file, UnaryOperator<String> change) {
            this(name, accepted, file, change, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Edit> edits() {
        String drl = "rules/numbers.drl";
        String cases = "rules/numbers.cases.yaml";
        String questions = "content/questionnaire/context.yaml";
        return Stream.of(
                new Edit("the fixture as it is", true, drl, text -> text),
                new Edit("a rule no case makes fire", false, drl, text -> text + "\nrule \"Over five hundred\" "
                        + "@id(\"numbers.over_500\") @source(\"s\") @reason(\"r\") when Answers( "
                        + "number(\"relationship_months\") > 500 ) then insert(new Show(\"above_zero\")); end\n"),
                new Edit("a rule that never fails to fire", false, drl, text -> text + "\nrule \"Always\" "
                        + "@id(\"numbers.always\") @source(\"s\") @reason(\"r\") when Answers( ) then "
                        + "insert(new Show(\"above_zero\")); end\n"),
                new Edit("a broken cases file", false, cases, text -> text.replace("    expect:\n", "   expect:\n")),
                new Edit("a failing case", false, cases, text -> text.replace("notFired: [numbers.rarely]",
                        "fired: [numbers.rarely]")),
                new Edit("a type error", false, drl, text -> text.replace("number(\"months_since_noticed\") < 1",
                        "yes(\"months_since_noticed\")")),
                new Edit("a policy violation", false, drl, text -> text.replace(
                        "then insert(new Show(\"rarely_or_never\"));", "then System.exit(1);")),
                new Edit("an enableWhen on a question that does not exist", false, questions, text -> text.replace(
                        "text: Who felt the distance first?\n", "text: Who felt the distance first?\n"
                        + "    enableWhen: {question: months_since_notice, atLeast: 1}\n")),
                new Edit("a byte-order mark and Windows line endings", true, drl,
                        text -> "\uFEFF" + text.replace("\n", "\r\n")),
                new Edit("a rule file saved as Latin-1", false, drl,
                        text -> text.replaceFirst("@reason\\(\"r\"\\)", "@reason(\"caf\u00e9\")"),
                        StandardCharsets.ISO_8859_1),
                new Edit("a card under absent that does not exist", false, cases, text -> text.replace(
                        "notFired: [numbers.rarely]", "notFired: [numbers.rarely]\n      absent: [rarely_or_nevr]")),
                new Edit("an answer written twice in a case", false, cases, text -> text.replace(
                        "answers: {relationship_months: 12, months_since_noticed: 3}",
                        "answers: {relationship_months: 12, months_since_noticed: 3, relationship_months: 30}")),
                new Edit("an empty cases file", false, cases, text -> ""),
                new Edit("a guidance file that is not YAML", false, "content/guidance/numbers.yaml",
                        text -> text.replace("\n  - {id: not_24", "\n - {id: not_24")));
    }

    @TempDir
    Path dir;

    @TempDir
    static Path serverDir;

    /** A server whose live ruleset is the fixture: a preview sends it one edited file. */
    private static Rekindle server;

    @BeforeAll
    static void startServer() {
        server = Rekindle.start(Configs.onFreePort().withFolders(FIXTURE.resolve("rules"), FIXTURE.resolve("content"))
                .withDb(serverDir.resolve("server.db").toString()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void validateTestImpactAndReloadAgree(Edit edit) throws IOException {
        Path candidate = dir.resolve("candidate");
        Checkout.copy(FIXTURE, candidate);
        Path file = candidate.resolve(edit.file());
        byte[] edited = edit.change().apply(Files.readString(file)).getBytes(edit.charset());
        Files.write(file, edited);
        String rules = candidate.resolve("rules").toString();
        String content = candidate.resolve("content").toString();

        LiveRuleset live = new LiveRuleset(ruleset -> { }, Clock.systemUTC());
        LiveRuleset.Attempt reload = live.offer(Bundle.read(candidate.resolve("rules"), candidate.resolve("content")));
        assertThat(reload.accepted()).as("reload: %s", reload.problems()).isEqualTo(edit.accepted());

        Database.open(dir.resolve("log.db").toString()).close(); // impact compares over a decision log
        Run validate = run("validate", "--rules", rules, "--content", content);
        Run test = run("test", "--rules", rules, "--content", content);
        Run impact = run("impact", "--rules", FIXTURE.resolve("rules").toString(), "--content",
                FIXTURE.resolve("content").toString(), "--candidate", candidate.toString(), "--db",
                dir.resolve("log.db").toString());
        Run publish = run("publish", "--rules", rules, "--content", content, "--db", dir.resolve("log.db").toString());
        for (Run run : new Run[] {validate, test, impact, publish}) {
            assertThat(run.exit() == 0).as("%s: %s", run.verb(), run.err()).isEqualTo(edit.accepted());
        }
        for (Problem problem : reload.problems()) {
            assertThat(validate.err()).as("validate prints what the reload recorded").contains(problem.toString());
            assertThat(test.out() + test.err()).as("test prints what the reload recorded").contains(problem.toString());
            assertThat(publish.err()).as("publish prints what the reload recorded").contains(problem.toString());
        }

        // The same edit sent to a running server's preview, byte for byte.
        Http.Response preview = new Http(server.port()).post("/v1/admin/preview", Json.MAPPER.writeValueAsString(
                Map.of("files", Map.of(edit.file(), Map.of("base64", Base64.getEncoder().encodeToString(edited))))));
        JsonNode body = preview.json();
        boolean wouldGoLive = preview.status() == 200 && body.path("wouldGoLive").asBoolean();
        assertThat(preview.status()).as(preview.body()).isIn(200, 422);
        assertThat(wouldGoLive).as("preview: %s", preview.body()).isEqualTo(edit.accepted());
        JsonNode previewed = preview.status() == 200 ? body.path("problems") : body.path("errors");
        assertThat(previewed.size()).as("preview: %s", preview.body()).isEqualTo(reload.problems().size());
    }

    private record Run(String verb, int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(args[0], exit, out.toString(), err.toString());
    }
}
