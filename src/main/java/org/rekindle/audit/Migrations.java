package org.rekindle.audit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The schema of the database, brought up to date on open: Flyway migrations under
 * {@code db/migration/sqlite} and {@code db/migration/postgresql} (see {@link Dialect#migrations()}).
 */
final class Migrations {

    private Migrations() {
    }

    /** @throws DecisionLogException when a migration fails */
    static void apply(DataSource pool, DbSetting setting) {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations(setting.dialect().migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new DecisionLogException("could not bring the decision log schema at " + setting.shown()
                    + " up to date: " + Database.rootMessage(e), e);
        }
    }
}
