package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.Role;
import org.rekindle.server.Configuration;

/** How {@code serve} reads its tokens: one variable per role, or {@code role=token} lines in a file. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyRoleTakesTokensFromItsVariableOpsIncluded() {
        Access access = config(Map.of("REKINDLE_APP_TOKENS", "a1, a2", "REKINDLE_AUDITOR_TOKENS", "au",
                "REKINDLE_COACH_TOKENS", "c", "REKINDLE_OPS_TOKENS", "o1,o2"));

        assertThat(access.summary()).containsEntry(Role.APP, 2).containsEntry(Role.AUDITOR, 1)
                .containsEntry(Role.COACH, 1).containsEntry(Role.OPS, 2);
        assertThat(access.identify("o2").role()).isEqualTo(Role.OPS);
        assertThat(access.identify("a2").role()).isEqualTo(Role.APP);
    }

    @Test
    void theTokensFileTakesOpsLines() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# who may call what\napp=app-1\nops = ops-1\nOPS=ops-2\nauditor=au-1\n");

        Access access = config(Map.of("REKINDLE_TOKENS_FILE", file.toString()));

        assertThat(access.identify("ops-1").role()).isEqualTo(Role.OPS);
        assertThat(access.identify("ops-2").role()).isEqualTo(Role.OPS);
        assertThat(access.summary()).containsEntry(Role.OPS, 2).doesNotContainKey(Role.COACH);
    }

    @Test
    void onlyTheAuditorTokensGivenThePrivateScopeReadPrivateAnswers() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "auditor=plain-file\nauditor+private = private-file\n");

        Access access = config(Map.of("REKINDLE_AUDITOR_TOKENS", "plain-env", "REKINDLE_AUDITOR_PRIVATE_TOKENS",
                "private-env", "REKINDLE_TOKENS_FILE", file.toString()));

        for (String token : new String[] {"plain-env", "plain-file"}) {
            assertThat(access.identify(token).role()).isEqualTo(Role.AUDITOR);
            assertThat(access.identify(token).privateAnswers()).isFalse();
        }
        for (String token : new String[] {"private-env", "private-file"}) {
            assertThat(access.identify(token).role()).isEqualTo(Role.AUDITOR);
            assertThat(access.identify(token).privateAnswers()).isTrue();
        }
        assertThat(access.summary()).containsEntry(Role.AUDITOR, 4);
    }

    @Test
    void aTokensFileLineWithAnUnknownRoleNamesTheLineAndTheRoles() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "app=a\nanyone=x\n");

        assertThatThrownBy(() -> config(Map.of("REKINDLE_TOKENS_FILE", file.toString())))
                .hasMessageContaining(file + ":2").hasMessageContaining("app, auditor, coach or ops");
    }

    @Test
    void aDbSettingOfNoAcceptedFormIsRefusedNamingTheFlagAndTheVariable() {
        CommandLine line = new CommandLine(new ServeCommand());
        line.parseArgs("--rules", "rules", "--content", "content", "--db", "mysql://db/rekindle?password=hunter2");
        ServeCommand serve = line.getCommand();

        assertThatThrownBy(() -> serve.config(Map.of())).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--db (or REKINDLE_DB)").hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theConfigurationHoldsTheDbSettingParsedWithItsPasswordMasked() {
        CommandLine line = new CommandLine(new ServeCommand());
        line.parseArgs("--rules", "rules", "--content", "content", "--db",
                "jdbc:postgresql://db:5432/rekindle?user=rk&password=hunter2", "--port", "0");
        ServeCommand serve = line.getCommand();

        Configuration config = serve.config(Map.of());

        assertThat(config.db().jdbcUrl()).endsWith("password=hunter2");
        assertThat(config.db().shown()).isEqualTo("jdbc:postgresql://db:5432/rekindle?user=rk&password=***");
        assertThat(config.port()).isZero();
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheFlagAndTheVariable() {
        CommandLine line = new CommandLine(new ServeCommand());
        line.parseArgs("--rules", "rules", "--content", "content", "--port", "70000");
        ServeCommand serve = line.getCommand();

        assertThatThrownBy(() -> serve.config(Map.of())).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--port (or REKINDLE_PORT) must be 0-65535, got 70000");
    }

    private static Access config(Map<String, String> env) {
        CommandLine line = new CommandLine(new ServeCommand());
        line.parseArgs("--rules", "rules", "--content", "content");
        ServeCommand serve = line.getCommand();
        return serve.config(env).access();
    }
}
