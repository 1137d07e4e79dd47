package org.rekindle.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.testing.LogCapture;

/** The watcher over real folders: saves are seen, bursts are debounced, noise is ignored. */
class RuleWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(150);

    @TempDir
    Path dir;

    private final AtomicInteger changes = new AtomicInteger();
    private RuleWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void aSavedFileIsSeenWithinAFractionOfASecond() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        watcher = RuleWatcher.start(List.of(rules), QUIET, changes::incrementAndGet);
        long start = System.nanoTime();
        Files.writeString(rules.resolve("signs.drl"), "package signs;");
        awaitAtLeast(1, changes::get);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aBurstOfWritesCostsOneReload() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        watcher = RuleWatcher.start(List.of(rules), QUIET, changes::incrementAndGet);
        for (int i = 0; i < 20; i++) {
            Files.writeString(rules.resolve("topic" + i + ".drl"), "package topic" + i + ";");
            Thread.sleep(2);
        }
        awaitAtLeast(1, changes::get);
        Thread.sleep(QUIET.toMillis() * 3);
        // One, unless a very busy machine stretched a pause between two writes beyond the quiet period.
        assertThat(changes.get()).isBetween(1, 3);
    }

    @Test
    void filesInFoldersCreatedLaterAreWatchedToo() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        watcher = RuleWatcher.start(List.of(content), QUIET, changes::incrementAndGet);
        Path guidance = Files.createDirectories(content.resolve("guidance"));
        awaitAtLeast(1, changes::get);
        Thread.sleep(QUIET.toMillis() * 2);
        int afterFolder = changes.get();
        Files.writeString(guidance.resolve("signs.yaml"), "topic: signs");
        awaitAtLeast(afterFolder + 1, changes::get);
    }

    @Test
    void hiddenFilesAndEditorBackupsAreIgnored() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        watcher = RuleWatcher.start(List.of(rules), QUIET, changes::incrementAndGet);
        Files.writeString(rules.resolve(".signs.drl.swp"), "x");
        Files.writeString(rules.resolve("signs.drl~"), "x");
        Files.writeString(rules.resolve(".#signs.drl"), "x");
        Thread.sleep(QUIET.toMillis() * 4);
        assertThat(changes.get()).isZero();
    }

    @Test
    void aFailingReloadDoesNotStopTheWatcher() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        try (LogCapture logged = LogCapture.start()) {
            watcher = RuleWatcher.start(List.of(rules), QUIET, () -> {
                changes.incrementAndGet();
                throw new IllegalStateException("boom");
            });
            Files.writeString(rules.resolve("a.drl"), "x");
            awaitAtLeast(1, changes::get);
            Thread.sleep(QUIET.toMillis() * 2);
            Files.writeString(rules.resolve("b.drl"), "x");
            awaitAtLeast(2, changes::get);
            watcher.close(); // lets the failing reload finish, and log
            assertThat(logged.text()).contains("reload after a file change failed with "
                    + "java.lang.IllegalStateException; the watcher carries on");
        }
    }

    @Test
    void afterCloseNoMoreReloadsHappen() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        watcher = RuleWatcher.start(List.of(rules), QUIET, changes::incrementAndGet);
        watcher.close();
        Files.writeString(rules.resolve("a.drl"), "x");
        Thread.sleep(QUIET.toMillis() * 3);
        assertThat(changes.get()).isZero();
    }

    private static void awaitAtLeast(int expected, IntSupplier actual) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (actual.getAsInt() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IOException("expected " + expected + " reload(s) within 10 s, saw " + actual.getAsInt());
            }
            Thread.sleep(10);
        }
    }
}
