package org.rekindle.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL schema for a test: {@link #create} makes a schema with a random name,
 * {@link #jdbcUrl} points at it (tables land there, nowhere else) and {@link #close} drops it with
 * everything in it. Parallel runs and CI jobs sharing one server never see each other's tables.
 *
 * <p>The server is {@value #DEFAULT_URL}, or the URL in {@code REKINDLE_TEST_PG_URL}. When it cannot
 * be reached, {@link #create} aborts the test (JUnit reports it as skipped, with the reason), or
 * fails it when {@code REKINDLE_REQUIRE_PG=1}, as CI should set.
 *
 * <pre>{@code
 * try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
 *     DecisionLog log = Database.open(db.jdbcUrl()).decisionLog();
 *     ...
 * }
 * }</pre>
 */
public final class PostgresTestDatabase implements AutoCloseable {

    /** The environment variable naming the server, as a JDBC URL of a database the user may create schemas in. */
    public static final String URL_VARIABLE = "REKINDLE_TEST_PG_URL";
    /** The environment variable that, set to {@code 1}, turns a skipped PostgreSQL test into a failure. */
    public static final String REQUIRE_VARIABLE = "REKINDLE_REQUIRE_PG";
    /** The server used when {@value #URL_VARIABLE} is not set: the local one, trust authentication. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final String serverUrl;
    private final String schema;
    private boolean dropped;

    private PostgresTestDatabase(String serverUrl, String schema) {
        this.serverUrl = serverUrl;
        this.schema = schema;
    }

    /**
     * Creates a fresh schema on the test server.
     *
     * @throws org.opentest4j.TestAbortedException when the server is unreachable (the test is skipped)
     * @throws IllegalStateException               when it is unreachable and {@code REKINDLE_REQUIRE_PG=1}
     */
    public static PostgresTestDatabase create() {
        String serverUrl = System.getenv(URL_VARIABLE);
        if (serverUrl == null || serverUrl.isBlank()) {
            serverUrl = DEFAULT_URL;
        }
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String schema = "rk_test_" + HexFormat.of().formatHex(random);
        Connection connection;
        try {
            connection = DriverManager.getConnection(withParameter(serverUrl, "connectTimeout=5"));
        } catch (SQLException e) {
            throw unreachable(serverUrl, e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test schema " + schema + " at " + shown(serverUrl)
                    + ": " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(serverUrl, schema);
    }

    /** A JDBC URL whose connections use this schema (for tables, sequences, everything unqualified). */
    public String jdbcUrl() {
        return withParameter(serverUrl, "currentSchema=" + schema);
    }

    /** The schema's name, {@code rk_test_} and 12 random hex digits. */
    public String schema() {
        return schema;
    }

    /** A plain connection into the schema, for tests that look at or tamper with the tables directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Drops the schema and everything in it. Close whatever uses it first. Idempotent. */
    @Override
    public void close() {
        if (dropped) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(serverUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            dropped = true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema + " at " + shown(serverUrl)
                    + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeException unreachable(String serverUrl, SQLException e) {
        String message = "PostgreSQL is not reachable at " + shown(serverUrl) + " (" + e.getMessage() + ")."
                + " Start it, or point " + URL_VARIABLE + " at one";
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
            return new IllegalStateException(message + "; failing because " + REQUIRE_VARIABLE + "=1", e);
        }
        message += "; set " + REQUIRE_VARIABLE + "=1 to fail instead of skipping";
        if (WARNED.compareAndSet(false, true)) {
            // Once per run, on the console: a skipped test is easy to miss in the summary.
            System.err.println("WARNING: PostgreSQL tests skipped: " + message);
        }
        return Assumptions.abort("PostgreSQL tests skipped: " + message);
    }

    private static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    private static String shown(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
