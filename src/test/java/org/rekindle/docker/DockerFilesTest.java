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
            "REKINDLE_OPS_TOKENS", "REKINDLE_TOKENS_FILE", "REKINDLE_MAX_BODY", "REKINDLE_RULES_FROM",
            "REKINDLE_REPLICA");

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

    @Test
    void theFleetProfileRunsTwoReplicasFollowingTheDatabaseBehindABalancerThatChecksReadiness() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yaml").toFile())
                .path("services");
        List<String> replicas = new ArrayList<>();
        services.properties().forEach(entry -> {
            JsonNode environment = entry.getValue().path("environment");
            if ("db".equals(environment.path("REKINDLE_RULES_FROM").asText())) {
                replicas.add(entry.getKey());
                assertThat(entry.getValue().path("profiles").get(0).asText()).isEqualTo("fleet");
                assertThat(environment.path("REKINDLE_REPLICA").asText()).isEqualTo(entry.getKey());
                assertThat(environment.path("REKINDLE_DB").asText()).startsWith("jdbc:postgresql://postgres:5432/");
                environment.fieldNames().forEachRemaining(name ->
                        assertThat(SERVE_VARIABLES).as("serve reads %s", name).contains(name));
            }
        });
        assertThat(replicas).hasSizeGreaterThanOrEqualTo(2);
        JsonNode balancer = services.path("balancer");
        assertThat(balancer.path("volumes").get(0).asText()).startsWith("./haproxy.cfg:");
        String haproxy = Files.readString(Path.of("docker/haproxy.cfg"));
        assertThat(haproxy).contains("option httpchk GET /health", "http-check expect status 200");
        for (String replica : replicas) {
            assertThat(haproxy).contains("server " + replica + " " + replica + ":8080 check");
        }
    }

    @Test
    void theKubernetesManifestsProbeTheRoutesThatExistAndTakeTheirSecretsFromOneSecret() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode deployment = yaml.readTree(Path.of("deploy/k8s/deployment.yaml").toFile());
        JsonNode secret = yaml.readTree(Path.of("deploy/k8s/secret.yaml").toFile());
        JsonNode service = yaml.readTree(Path.of("deploy/k8s/service.yaml").toFile());
        JsonNode budget = yaml.readTree(Path.of("deploy/k8s/pdb.yaml").toFile());
        assertThat(deployment.path("kind").asText()).isEqualTo("Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(deployment.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(service.path("spec").path("selector")).isEqualTo(labels);
        assertThat(budget.path("kind").asText()).isEqualTo("PodDisruptionBudget");
        assertThat(budget.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(budget.path("spec").path("minAvailable").asInt())
                .isLessThan(deployment.path("spec").path("replicas").asInt());

        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        List<String> env = new ArrayList<>();
        container.path("env").forEach(e -> env.add(e.path("name").asText()));
        secret.path("stringData").fieldNames().forEachRemaining(env::add);
        assertThat(env).allSatisfy(name -> assertThat(SERVE_VARIABLES).as("serve reads %s", name).contains(name))
                .contains("REKINDLE_DB", "REKINDLE_RULES_FROM", "REKINDLE_REPLICA", "REKINDLE_APP_TOKENS",
                        "REKINDLE_COACH_TOKENS");
        assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asText())
                .isEqualTo(secret.path("metadata").path("name").asText());
        assertThat(container.path("env").findValuesAsText("value")).contains("db");
        assertThat(dockerfile).contains("EXPOSE " + container.path("ports").get(0).path("containerPort").asInt());
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
