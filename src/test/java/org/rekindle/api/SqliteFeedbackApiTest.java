package org.rekindle.api;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.io.TempDir;

/** Feedback on cards on the embedded default: a SQLite file. */
class SqliteFeedbackApiTest extends FeedbackApiContract {

    @TempDir
    static Path dir;

    @Override
    String db() {
        return dir.resolve("feedback.db").toString();
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db());
    }
}
