package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** Locales on the embedded default: a SQLite file. */
class SqliteLocaleApiTest extends LocaleApiContract {

    @TempDir
    static Path dir;

    @Override
    String db() {
        return dir.resolve("locales.db").toString();
    }
}
