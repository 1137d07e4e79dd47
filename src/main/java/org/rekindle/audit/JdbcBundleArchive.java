package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Sha256;

/**
 * The ruleset archive over the {@link Database}: bundles' files content-addressed in {@code bundle_files}
 * and listed per version in {@code bundle_versions}, the published version, the replicas' reports. On
 * PostgreSQL a publication is announced with {@code NOTIFY} in its own transaction and heard through a
 * {@link PublicationListener} of its own.
 */
final class JdbcBundleArchive implements BundleArchive {

    /** The channel PostgreSQL notifications of a publication go on; the payload is only the version id. */
    static final String CHANNEL = "rekindle_published";

    private static final String INSERT_BUNDLE_FILE = "INSERT INTO bundle_files (sha256, bytes) VALUES (?, ?)"
            + " ON CONFLICT (sha256) DO NOTHING";
    private static final String INSERT_BUNDLE_ENTRY = "INSERT INTO bundle_versions (version, path, sha256)"
            + " VALUES (?, ?, ?) ON CONFLICT (version, path) DO NOTHING";
    private static final String BUNDLE_STORED = "SELECT 1 FROM bundle_versions WHERE version = ?";
    private static final String BUNDLE_FILES = "SELECT v.path, f.bytes FROM bundle_versions v"
            + " JOIN bundle_files f ON f.sha256 = v.sha256 WHERE v.version = ? ORDER BY v.path";

    private final Database database;
    private final Dialect dialect;
    private final PublicationListener listener;

    JdbcBundleArchive(Database database) {
        this.database = database;
        this.dialect = database.dialect();
        this.listener = new PublicationListener(dialect == Dialect.POSTGRESQL ? database.setting().jdbcUrl() : null,
                CHANNEL);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each distinct file is stored once, under the SHA-256 of its bytes, whichever versions share
     * it. A version already stored is left as it is, without writing.
     *
     * @throws IllegalArgumentException when the bundle has no files or two files at one path
     */
    @Override
    public void store(Bundle bundle) {
        if (bundle == null) {
            throw new IllegalArgumentException("bundle is null");
        }
        String version = bundle.version();
        if (bundle.files().isEmpty()) {
            throw new IllegalArgumentException("bundle " + version + " has no files; there is nothing to store");
        }
        Set<String> paths = new HashSet<>();
        for (BundleFile file : bundle.files()) {
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException("bundle " + version + " has two files at " + file.path());
            }
        }
        try (Connection connection = database.connection()) {
            if (bundleStored(connection, version)) {
                return;
            }
            connection.setAutoCommit(false);
            try (PreparedStatement files = connection.prepareStatement(INSERT_BUNDLE_FILE);
                 PreparedStatement entries = connection.prepareStatement(INSERT_BUNDLE_ENTRY)) {
                for (BundleFile file : bundle.files()) {
                    String sha256 = Sha256.hex(file.bytes());
                    files.setString(1, sha256);
                    files.setBytes(2, file.bytes());
                    files.addBatch();
                    entries.setString(1, version);
                    entries.setString(2, file.path());
                    entries.setString(3, sha256);
                    entries.addBatch();
                }
                files.executeBatch();
                entries.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not store bundle " + version + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws AlteredBundle when the stored files no longer rebuild a bundle of this version
     */
    @Override
    public Optional<Bundle> bundle(String version) {
        Database.requireText(version, "version");
        List<BundleFile> files = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(BUNDLE_FILES)) {
            statement.setString(1, version);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    byte[] bytes = row.getBytes(2);
                    // SQLite hands back an empty BLOB as null.
                    files.add(new BundleFile(row.getString(1), bytes == null ? new byte[0] : bytes));
                }
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not read bundle " + version + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Bundle bundle = new Bundle(files);
        if (!bundle.version().equals(version)) {
            throw new AlteredBundle("the stored files of ruleset " + version + " rebuild as version "
                    + bundle.version() + ": they were changed or removed after they were stored");
        }
        return Optional.of(bundle);
    }

    @Override
    public void publish(String version) {
        announce(version, "published", "published_at", "publish");
    }

    @Override
    public Optional<Publication> published() {
        return one("SELECT version, published_at FROM published WHERE id = 1", "the published ruleset");
    }

    @Override
    public void shadow(String version) {
        announce(version, "shadow", "started_at", "shadow");
    }

    /**
     * Makes a stored version the one row of {@code table} and tells every replica listening, in one
     * transaction: published, or in shadow.
     *
     * @param verb what the caller asked, for messages ({@code publish}, {@code shadow})
     */
    private void announce(String version, String table, String timeColumn, String verb) {
        Database.requireText(version, "version");
        try (Connection connection = database.connection()) {
            // Checked before the transaction: bundles are never erased, and on SQLite a transaction that read
            // first fails at once while the decision writer holds the lock, instead of waiting its turn (see
            // Dialect.SQLITE); a reload that publishes under load would be refused for it.
            if (!bundleStored(connection, version)) {
                throw new IllegalArgumentException("ruleset " + version + " is not stored in the decision log; "
                        + "store its files before you " + verb + " it");
            }
            connection.setAutoCommit(false);
            try {
                upsertOne(connection, table, timeColumn, version);
                dialect.announce(connection, CHANNEL, version);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not " + verb + " ruleset " + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Publication> shadowed() {
        return one("SELECT version, started_at FROM shadow WHERE id = 1", "the ruleset in shadow");
    }

    @Override
    public boolean stopShadow() {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM shadow WHERE id = 1")) {
                boolean ran = statement.executeUpdate() > 0;
                dialect.announce(connection, CHANNEL, "");
                connection.commit();
                return ran;
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not stop the shadow: " + e.getMessage(), e);
        }
    }

    @Override
    public String promote() {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                String version;
                // The delete decides: of two promotes racing, one finds the row and the other nothing.
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM shadow WHERE id = 1 RETURNING version");
                     ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no ruleset is in shadow; publish one with --shadow (or "
                                + "{\"shadow\": true}) first, or publish without shadow");
                    }
                    version = row.getString(1);
                }
                upsertOne(connection, "published", "published_at", version);
                dialect.announce(connection, CHANNEL, version);
                connection.commit();
                return version;
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not promote the ruleset in shadow: " + e.getMessage(), e);
        }
    }

    /** Sets the one row of {@code table} ({@code published} or {@code shadow}) to {@code version}, now. */
    private void upsertOne(Connection connection, String table, String timeColumn, String version)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " (id, version, "
                + timeColumn + ") VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                + timeColumn + " = excluded." + timeColumn)) {
            statement.setString(1, version);
            dialect.bindInstant(statement, 2, Instant.now().truncatedTo(ChronoUnit.MICROS));
            statement.executeUpdate();
        }
    }

    private Optional<Publication> one(String query, String what) {
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(new Publication(row.getString(1), dialect.readInstant(row, 2)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new DecisionLogException("could not read " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void awaitPublication(long millis) {
        listener.await(millis);
    }

    @Override
    public void report(ReplicaReport report) {
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO replicas (replica, live_version,"
                     + " refused_version, reported_at, shadow_ready, shadow_refused) VALUES (?, ?, ?, ?, ?, ?)"
                     + " ON CONFLICT (replica) DO UPDATE SET live_version = excluded.live_version,"
                     + " refused_version = excluded.refused_version, reported_at = excluded.reported_at,"
                     + " shadow_ready = excluded.shadow_ready, shadow_refused = excluded.shadow_refused")) {
            statement.setString(1, report.replica());
            statement.setString(2, report.live());
            statement.setString(3, report.refused());
            dialect.bindInstant(statement, 4, report.at().truncatedTo(ChronoUnit.MICROS));
            statement.setString(5, report.shadowReady());
            statement.setString(6, report.shadowRefused());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DecisionLogException("could not record the heartbeat of replica " + report.replica() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<ReplicaReport> replicas() {
        List<ReplicaReport> reports = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement("SELECT replica, live_version, refused_version,"
                     + " shadow_ready, shadow_refused, reported_at FROM replicas ORDER BY replica");
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                reports.add(new ReplicaReport(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), dialect.readInstant(row, 6)));
            }
            return reports;
        } catch (SQLException e) {
            throw new DecisionLogException("could not read the replicas' heartbeats: " + e.getMessage(), e);
        }
    }

    private static boolean bundleStored(Connection connection, String version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(BUNDLE_STORED)) {
            statement.setString(1, version);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Stops listening for publications. */
    void close() {
        listener.close();
    }
}
