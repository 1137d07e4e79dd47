package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.rekindle.testing.LogCapture;

class FailureNoticeTest {

    /** A task failing round after round is warned of once, and again once it has worked in between. */
    @Test
    void warnsOnceUntilTheTaskWorksAgain() {
        FailureNotice notice = new FailureNotice(LoggerFactory.getLogger(FailureNoticeTest.class),
                "the test task failed; tried again later");
        try (LogCapture logged = LogCapture.start()) {
            notice.failed(new SQLException("database is locked"));
            notice.failed(new SQLException("database is locked"));
            notice.failed(new SQLException("database is locked"));
            assertThat(occurrences(logged.text())).isEqualTo(1);
            assertThat(logged.text()).contains("decision log: the test task failed; tried again later (database is"
                    + " locked)");
            notice.worked();
            notice.failed(new SQLException("disk I/O error"));
            assertThat(occurrences(logged.text())).isEqualTo(2);
        }
    }

    private static int occurrences(String text) {
        return text.split("the test task failed", -1).length - 1;
    }
}
