package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The plan contract on the embedded default: a SQLite file. */
class SqlitePlanApiTest extends PlanApiContract {

    @TempDir
    static Path dir;

    @Override
    String db() {
        return dir.resolve("decisions.db").toString();
    }
}
