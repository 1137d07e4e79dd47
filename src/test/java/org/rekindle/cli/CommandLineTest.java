package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.rekindle.Main;

/**
 * The command line as a coach meets it: help on every verb, exit codes, and a message that names the
 * file or folder and says what is wrong with it; and how much a process logs.
 */
class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void everyVerbAnswersHelpAndHelpVerbWithItsUsageAndExitsZero() {
        CommandLine cli = new CommandLine(new Main());
        Commands.register(cli);
        Set<String> verbs = cli.getSubcommands().keySet();
        assertThat(verbs).contains("serve", "validate", "test", "evaluate", "explain", "why-not", "export", "rules", "impact", "help");

        for (String verb : verbs) {
            reset();
            assertThat(run(verb, "--help")).as(verb + " --help: " + err).isZero();
            String usage = out.toString();
            assertThat(usage).as(verb).contains("Usage: rekindle " + verb + " [-h").contains("--help");
            assertThat(err.toString()).as(verb).isEmpty();

            reset();
            assertThat(run("help", verb)).as("help " + verb + ": " + err).isZero();
            assertThat(out.toString()).as("help " + verb).isEqualTo(usage);
        }
        reset();
        assertThat(run("evaluate", "-h")).as("a verb with a required file does not ask for it").isZero();
        assertThat(out.toString()).contains("ANSWERS.json", "--json", "--verbose");
    }

    @Test
    void aBadOptionOrSettingIsOneLineAndWhereTheOptionsAre() {
        assertThat(run("serve", "--port", "99999")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--port (or REKINDLE_PORT) must be 0-65535, got 99999\n"
                + "'rekindle help serve' lists every option of serve\n");
        assertThat(out.toString()).isEmpty();

        reset();
        assertThat(run("validate", "--rule", "rules")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Unknown options: '--rule', 'rules'").contains("Possible solutions: --rules")
                .endsWith("'rekindle help validate' lists every option of validate\n").doesNotContain("Usage:");
    }

    @Test
    void aMissingAnswersFileIsNamedWithWhereItWasLookedFor() {
        assertThat(run("evaluate", "nope.json")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("nope.json: no such file (looked for "
                + Path.of("nope.json").toAbsolutePath() + ")\n");
        assertThat(out.toString()).isEmpty();

        reset();
        assertThat(run("explain", "nope.json")).isEqualTo(2);
        assertThat(err.toString()).startsWith("nope.json: no such file");
    }

    @Test
    void aFolderGivenAsTheAnswersFileIsNamedAsAFolder() {
        assertThat(run("evaluate", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(dir + ": is a folder, not a file; name an answers file such as "
                + "answers.json\n");
    }

    @Test
    void badJsonIsReportedWithItsFileLineAndColumn() throws IOException {
        Path answers = dir.resolve("answers.json");
        Files.writeString(answers, "{\"answers\": {\n  \"sa_unseen\": \"yes\",\n}}\n");
        assertThat(run("evaluate", answers.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(answers + ":3:1: not valid JSON: Unexpected character ('}'")
                .contains("{\"answers\": {\"question_id\": value, ...}}").doesNotContain("\n\tat ");

        reset();
        Files.writeString(answers, "[\"sa_unseen\"]");
        assertThat(run("explain", answers.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(answers + ": expected a JSON object with an \"answers\" object");
    }

    @Test
    void ioFailuresFoundWhileReadingNameTheFileAndTheProblem() {
        assertThat(Commands.message(new NoSuchFileException("answers.json"))).isEqualTo("answers.json: no such file");
        assertThat(Commands.message(new AccessDeniedException("answers.json")))
                .isEqualTo("answers.json: cannot be read (permission denied)");
        assertThat(Commands.message(new FileSystemException("rules", null, "Is a directory")))
                .isEqualTo("rules: Is a directory");
    }

    @Test
    void aMissingRulesOrContentFolderNamesTheFlagToFix() throws IOException {
        Path answers = Files.writeString(dir.resolve("answers.json"), "{\"answers\": {}}");
        Path nowhere = dir.resolve("nowhere");
        assertThat(run("evaluate", "--rules", nowhere.toString(), answers.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(nowhere + ": no such folder (looked for " + nowhere.toAbsolutePath()
                + "); --rules (or REKINDLE_RULES) must name the folder of rule files\n");

        reset();
        assertThat(run("validate", "--content", answers.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(answers + ": is a file, not a folder")
                .contains("--content (or REKINDLE_CONTENT) must name the folder of content files");
    }

    @Test
    void logLevelsAreQuietByDefaultAndSetByVerboseOrTheVariable() {
        assertThat(Logging.settings(false, null)).isEmpty();
        assertThat(Logging.settings(false, " ")).isEmpty();
        assertThat(Logging.settings(true, null)).containsOnly(
                Map.entry("org.slf4j.simpleLogger.defaultLogLevel", "info"),
                Map.entry("org.slf4j.simpleLogger.log.org.rekindle", "info"));
        assertThat(Logging.settings(false, "warn")).as("the pool's per-request warnings stay folded")
                .doesNotContainKey("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.ProxyConnection");
        assertThat(Logging.settings(false, "DEBUG")).containsValues("debug").doesNotContainValue("info")
                .containsEntry("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.PoolBase", "debug");
        assertThat(Logging.settings(true, "debug")).as("--verbose never hides").containsValues("debug");
        assertThat(Logging.settings(true, "error")).as("--verbose shows INFO").containsValues("info");
        assertThatThrownBy(() -> Logging.settings(false, "loud")).hasMessage(
                "REKINDLE_LOG_LEVEL must be one of trace, debug, info, warn, error, off; it is 'loud'");
    }

    /**
     * In a process of its own, as logging is set up once per process: a server that opens its decision
     * log and then refuses to start (no rules) logs the libraries' INFO only with --verbose.
     */
    @Test
    void libraryInfoIsLoggedOnlyWithVerbose() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        List<String> serve = List.of("serve", "--port", "0", "--no-watch", "--rules", rules.toString(),
                "--db", dir.resolve("quiet.db").toString());
        Process quiet = java(Map.of(), serve);
        assertThat(quiet.exitValue()).isEqualTo(1);
        String quietLog = Files.readString(dir.resolve("stderr"));
        assertThat(quietLog).contains("rekindle did not start").doesNotContain("INFO com.zaxxer", "INFO org.flywaydb");

        List<String> verbose = new ArrayList<>(serve);
        verbose.set(verbose.size() - 1, dir.resolve("verbose.db").toString());
        verbose.add("--verbose");
        assertThat(java(Map.of(), verbose).exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr"))).contains("INFO com.zaxxer.hikari",
                "INFO org.flywaydb.core", "rekindle did not start");

        assertThat(java(Map.of(Logging.VARIABLE, "loud"), serve).exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr"))).isEqualTo(
                "REKINDLE_LOG_LEVEL must be one of trace, debug, info, warn, error, off; it is 'loud'\n");
    }

    /**
     * The pool's per-request warnings are raised to errors (see simplelogger.properties), but a pool that
     * cannot be made at start-up still says why: here PostgreSQL at a port where nothing listens.
     */
    @Test
    void aDatabaseThatCannotBeReachedAtStartUpIsNamedWithItsCause() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort(); // free now, and closed when the server tries it
        }
        Process refused = java(Map.of(), List.of("serve", "--port", "0", "--no-watch", "--db",
                "jdbc:postgresql://127.0.0.1:" + closed + "/test?user=postgres&connectTimeout=2"));
        assertThat(refused.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("stderr"))).contains("could not open the decision log at jdbc:postgresql://127.0.0.1:" + closed,
                "Connection to 127.0.0.1:" + closed + " refused");
    }

    /** Runs {@code rekindle args} in a JVM of its own; its output goes to dir/stdout and dir/stderr. */
    private Process java(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().remove(Logging.VARIABLE);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("rekindle " + args + " did not end within 120 s");
        }
        return process;
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void reset() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
