package org.rekindle.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;

/**
 * A PostgreSQL connection of its own, outside the pool, that LISTENs for publications. Only the one
 * follower thread of a replica calls {@link #await}. A notification carries nothing but a version id
 * and is lost while the connection is down, so the caller re-reads the published version after every
 * return: a notification, a timeout (the periodic re-read) or a reconnect.
 */
final class PublicationListener implements AutoCloseable {

    private final String url;
    private final String channel;
    private Connection connection;
    private volatile boolean closed;

    /** @param url a PostgreSQL JDBC URL, or null for a database without notifications (then await only waits) */
    PublicationListener(String url, String channel) {
        this.url = url;
        this.channel = channel;
    }

    /** Returns on a notification, after {@code millis}, or at once when the connection was just (re)made. */
    void await(long millis) {
        if (url == null || closed) {
            pause(millis);
            return;
        }
        synchronized (this) {
            if (connection == null) {
                try {
                    connection = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                            + "ApplicationName=rekindle-publication-listener&connectTimeout=2");
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + channel);
                    }
                    return; // (re)connected: whatever was announced meanwhile is lost, so re-read now
                } catch (SQLException e) {
                    drop();
                }
            }
        }
        Connection current;
        synchronized (this) {
            current = connection;
        }
        if (current == null) {
            pause(Math.min(millis, 1_000));
            return;
        }
        try {
            current.unwrap(PGConnection.class).getNotifications((int) Math.max(1, millis));
        } catch (SQLException e) {
            synchronized (this) {
                drop();
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // going away anyway
            }
            connection = null;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
