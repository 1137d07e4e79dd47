package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The auditor's questions with the decision log in a SQLite file. */
class SqliteAuditTest extends AuditContract {

    @TempDir
    static Path dir;

    @Override
    Path dir() {
        return dir;
    }

    @Override
    String db() {
        return dir.resolve("decisions.db").toString();
    }
}
