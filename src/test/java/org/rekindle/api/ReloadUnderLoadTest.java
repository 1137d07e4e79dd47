package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.live.LiveRuleset;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Checkout;
import org.rekindle.testing.Configs;
import org.rekindle.testing.Http;
import org.rekindle.testing.LogCapture;

/**
 * Clients post assessments without pause while a coach publishes twenty times, alternating between
 * two valid versions. No request may fail, and each must have been answered by a version that was
 * live at some moment between its start and its end, with that version's content.
 */
class ReloadUnderLoadTest {

    private static final int CLIENTS = 4;
    private static final int RELOADS = 20;
    private static final String MARKER = "(edited) ";

    @TempDir
    Path dir;

    /** One request as a client saw it. */
    private record Observed(Instant start, Instant end, int status, String version, String verdictSummary) {
    }

    @Test
    void twentyReloadsUnderContinuousLoadFailNoRequestAndServeEachWithAVersionLiveDuringIt() throws Exception {
        Checkout.copyTo(dir);
        Path rules = dir.resolve("rules");
        Path content = dir.resolve("content");
        Path guidance = content.resolve("guidance/self_assessment.yaml");
        String versionA = Bundle.read(rules, content).version();

        try (Rekindle server = Rekindle.start(Configs.onFreePort().withFolders(rules, content)
                .withDb(dir.resolve("decisions.db").toString()))) {
            Http http = new Http(server.port());
            String titleA = AssessmentApiContract.find(AssessmentApiContract.allCards(http.post("/v1/assessments",
                    AssessmentApiContract.DISTANT).json()), "self_assessment_verdict").path("summary").asText();
            // Version B: the same rules, the verdict card retitled.
            String textA = Files.readString(guidance);
            String textB = textA.replace("title: " + titleA, "title: " + MARKER + titleA);
            assertThat(textB).as("the verdict card's title is in " + guidance).isNotEqualTo(textA);

            AtomicBoolean publishing = new AtomicBoolean(true);
            List<Observed> observed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(clients.submit(() -> {
                    while (publishing.get()) {
                        Instant start = Instant.now();
                        Http.Response response = http.post("/v1/assessments", AssessmentApiContract.DISTANT);
                        Instant end = Instant.now();
                        String version = response.json() == null ? null
                                : response.json().path("rulesetVersion").asText();
                        String summary = response.status() != 201 ? null : AssessmentApiContract.find(
                                AssessmentApiContract.allCards(response.json()), "self_assessment_verdict").path("summary").asText();
                        observed.add(new Observed(start, end, response.status(), version, summary));
                    }
                    return null;
                }));
            }
            Set<String> published = new HashSet<>();
            try (LogCapture logged = LogCapture.start()) {
                for (int reload = 1; reload <= RELOADS; reload++) {
                    Files.writeString(guidance, reload % 2 == 1 ? textB : textA);
                    Http.Response response = http.post("/v1/admin/reload", "{}");
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    published.add(response.json().path("version").asText());
                    Thread.sleep(50);
                }
                // Each publication is logged once, with the time it took, and nothing else is.
                assertThat(logged.text().lines()).as(logged.text()).hasSize(RELOADS)
                        .allSatisfy(line -> assertThat(line).containsPattern(" - reload: ruleset [0-9a-f]{12} is live "
                                + "in \\d+ ms \\(was [0-9a-f]{12}\\)$"));
            }
            publishing.set(false);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            List<LiveRuleset.Activation> history = new ArrayList<>(server.rulesets().history());
            assertThat(history).hasSize(RELOADS + 1);
            history.sort(Comparator.comparing(LiveRuleset.Activation::since));
            String versionB = history.get(1).version();
            assertThat(published).containsExactlyInAnyOrder(versionA, versionB);

            assertThat(observed).hasSizeGreaterThan(RELOADS);
            assertThat(observed).allSatisfy(o -> assertThat(o.status()).as("status").isEqualTo(201));
            for (Observed o : observed) {
                assertThat(liveDuring(history, o.start(), o.end())).as("versions live between %s and %s", o.start(),
                        o.end()).contains(o.version());
                assertThat(o.verdictSummary()).as("the content of version %s", o.version())
                        .isEqualTo(o.version().equals(versionB) ? MARKER + titleA : titleA);
            }
            assertThat(observed).extracting(Observed::version).as("both versions served").contains(versionA, versionB);
        }
    }

    /** The versions live at some moment in [start, end], given every activation in time order. */
    private static Set<String> liveDuring(List<LiveRuleset.Activation> history, Instant start, Instant end) {
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < history.size(); i++) {
            Instant from = history.get(i).since();
            Instant until = i + 1 < history.size() ? history.get(i + 1).since() : Instant.MAX;
            if (!from.isAfter(end) && until.isAfter(start)) {
                versions.add(history.get(i).version());
            }
        }
        return versions;
    }
}
