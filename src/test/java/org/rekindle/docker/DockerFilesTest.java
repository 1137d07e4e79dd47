package org.rekindle.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs where these tests run, so this checks what can be checked without one: the
 * files the Dockerfile copies exist, it runs the jar Maven builds, and every variable the image and
 * compose file pass is one {@code serve} reads.
 */
class DockerFilesTest {

    private static final Set<String> SERVE_VARIABLES = Set.of("REKINDLE_PORT", "REKINDLE_RULES", "REKINDLE_CONTENT",
            "REKINDLE_DB", "REKINDLE_APP_TOKENS", "REKINDLE_AUDITOR_TOKENS", "REKINDLE_COACH_TOKENS",
            "REKINDLE_OPS_TOKENS", "REKINDLE_TOKENS_FILE", "REKINDLE_MAX_BODY");

    private final String dockerfile = read("docker/Dockerfile");

    @Test
    void theDockerfileCopiesFilesThatExistAndRunsTheJarMavenBuilds() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertThat(sources).contains("pom.xml", "src", "rules", "content")
                .allSatisfy(source -> assertThat(Path.of(source)).exists());
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<outputFile>${project.build.directory}/rekindle.jar</outputFile>");
        assertThat(dockerfile).contains("COPY --from=build /build/target/rekindle.jar /app/rekindle.jar")
                .contains("\"-jar\", \"/app/rekindle.jar\"").contains("CMD [\"serve\"]");
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("target/");
    }

    @Test
    void theImagePassesOnlySettingsServeReadsAndPointsThemAtItsVolumes() {
        Matcher env = Pattern.compile("(REKINDLE_[A-Z_]+)=(\\S+)").matcher(dockerfile);
        List<String> names = new ArrayList<>();
        while (env.find()) {
            names.add(env.group(1));
        }
        assertThat(names).containsExactlyInAnyOrder("REKINDLE_PORT", "REKINDLE_RULES", "REKINDLE_CONTENT",
                "REKINDLE_DB");
        assertThat(dockerfile).contains("REKINDLE_RULES=/app/rules", "REKINDLE_CONTENT=/app/content",
                "VOLUME [\"/app/rules\", \"/app/content\", \"/data\"]");
    }

    @Test
    void composeRunsTheServiceOnPostgresWithTheCheckoutsRulesMounted() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yaml").toFile());
        JsonNode service = compose.path("services").path("rekindle");
        assertThat(service.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(Path.of("docker").resolve(service.path("build").path("context").asText()).resolve("pom.xml"))
                .exists();
        service.path("environment").fieldNames().forEachRemaining(name ->
                assertThat(SERVE_VARIABLES).as("serve reads %s", name).contains(name));
        assertThat(service.path("environment").path("REKINDLE_DB").asText()).startsWith("jdbc:postgresql://postgres:5432/");
        List<String> volumes = new ArrayList<>();
        service.path("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains("../rules:/app/rules", "../content:/app/content");
        assertThat(compose.path("services").path("postgres").path("healthcheck").isMissingNode()).isFalse();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
