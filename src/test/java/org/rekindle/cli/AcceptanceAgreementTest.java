package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.rekindle.Main;
import org.rekindle.audit.Database;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.live.LiveRuleset;

/**
 * {@code validate}, {@code test}, {@code impact} and a reload accept and refuse the same rulesets, and
 * the command line prints the very problems a reload records.
 */
import org.rekindle.testing.Checkout;

class AcceptanceAgreementTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    /** One way a coach's edit can go, applied to a copy of the fixture. */
    record Edit(String name, boolean accepted, String file, UnaryOperator<String> change) {

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
                        + "    enableWhen: {question: months_since_notice, atLeast: 1}\n")));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void validateTestImpactAndReloadAgree(Edit edit) throws IOException {
        Path candidate = dir.resolve("candidate");
        Checkout.copy(FIXTURE, candidate);
        Path file = candidate.resolve(edit.file());
        Files.writeString(file, edit.change().apply(Files.readString(file)));
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
        for (Run run : new Run[] {validate, test, impact}) {
            assertThat(run.exit() == 0).as("%s: %s", run.verb(), run.err()).isEqualTo(edit.accepted());
        }
        for (Problem problem : reload.problems()) {
            assertThat(validate.err()).as("validate prints what the reload recorded").contains(problem.toString());
            assertThat(test.out() + test.err()).as("test prints what the reload recorded")
                    .contains(problem.line() > 0 ? problem.file() + ":" + problem.line() : problem.file());
        }
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
