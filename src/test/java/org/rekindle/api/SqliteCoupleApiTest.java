package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The couple's shared view on the embedded default: a SQLite file. */
class SqliteCoupleApiTest extends CoupleApiContract {

    @TempDir
    static Path dir;

    @Override
    String db() {
        return dir.resolve("couples.db").toString();
    }
}
