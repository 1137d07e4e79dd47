package org.rekindle.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool of the database: a few connections, each set up by the database's {@link Dialect},
 * handed out within a short timeout. For SQLite, the file's folder is created first.
 */
final class Pool {

    private static final int SIZE = 8;
    /**
     * How long a caller waits for a connection. Short, so that while the database is unreachable a
     * decision is refused with a 503 in well under 2 s instead of hanging until the client gives up.
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 1_000;

    private Pool() {
    }

    /** @throws DecisionLogException when the folder cannot be made or the pool cannot connect */
    static HikariDataSource open(DbSetting setting) {
        if (setting.sqliteFile() != null) {
            createFolder(setting);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("rekindle-decision-log");
        config.setMaximumPoolSize(SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        setting.dialect().configure(config, setting);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DecisionLogException("could not open the decision log at " + setting.shown() + ": "
                    + Database.rootMessage(e), e);
        }
    }

    private static void createFolder(DbSetting setting) {
        Path parent = setting.sqliteFile().toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new DecisionLogException("could not create the folder " + parent + " for the decision log "
                    + setting.shown() + ": " + e, e);
        }
    }
}
