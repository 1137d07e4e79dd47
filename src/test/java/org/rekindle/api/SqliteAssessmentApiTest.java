package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The API contract on the embedded default: a SQLite file. */
class SqliteAssessmentApiTest extends AssessmentApiContract {

    @TempDir
    static Path dir;

    @Override
    String db() {
        return dir.resolve("decisions.db").toString();
    }
}
