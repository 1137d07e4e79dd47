package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * A coach moves or deletes a watched folder under a running server: a reload and a publication of this
 * server's files refuse alike, with a 422 naming the folder at fault, and the live ruleset stays.
 */
class FolderGoneTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    /** The refused reload is logged as a warning. */
    @RegisterExtension
    static final LogCapture LOG = LogCapture.perClass();

    @TempDir
    Path dir;

    @Test
    void aReloadAndAPublicationOfAMissingFolderAreRefusedNamingIt() throws Exception {
        Checkout.copy(FIXTURE, dir);
        try (Rekindle server = Rekindle.start(Configs.onFreePort().withFolders(dir.resolve("rules"),
                dir.resolve("content")).withDb(dir.resolve("log.db").toString()))) {
            Http http = new Http(server.port());
            String live = http.get("/v1/ruleset").json().path("version").asText();
            Files.move(dir.resolve("content"), dir.resolve("content-moved"));

            for (String route : new String[] {"/v1/admin/reload", "/v1/admin/publish"}) {
                Http.Response response = http.post(route, "");
                assertThat(response.status()).as("%s: %s", route, response.body()).isEqualTo(422);
                JsonNode problem = response.json().path("problems").get(0);
                assertThat(problem.path("file").asText()).as(route).isEqualTo("content/");
                assertThat(problem.path("message").asText()).as(route).contains("not a folder",
                        dir.resolve("content").toAbsolutePath().toString());
            }
            assertThat(http.get("/v1/ruleset").json().path("version").asText()).isEqualTo(live);
        }
    }
}
