package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** Replay with the decision log in a SQLite file. */
class SqliteReplayTest extends ReplayContract {

    @TempDir
    Path dir;

    @Override
    Path dir() {
        return dir;
    }

    @Override
    String db() {
        return dir.resolve("decisions.db").toString();
    }
}
