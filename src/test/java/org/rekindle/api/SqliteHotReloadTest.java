package org.rekindle.api;

/** Hot reload with the embedded default decision log, a SQLite file. */
class SqliteHotReloadTest extends HotReloadContract {

    @Override
    String db() {
        return dir.resolve("decisions.db").toString();
    }
}
