package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** Retention on SQLite: the deleted decisions' bytes are in neither the database file nor its WAL. */
class SqliteRetentionTest extends RetentionContract {

    @TempDir
    Path dir;

    @Override
    String db() {
        return dir.resolve("decisions.db").toString();
    }

    @Override
    void assertBytesGone(String db) throws Exception {
        Path file = Path.of(db);
        Path wal = Path.of(db + "-wal");
        String everything = read(file) + read(wal);
        assertThat(everything).as("the kept decisions are there to be found").contains(NEW_SUBJECT);
        assertThat(everything).doesNotContain(OLD_SUBJECT);
    }

    private static String read(Path path) throws Exception {
        return Files.exists(path) ? new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1) : "";
    }
}
