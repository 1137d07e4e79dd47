package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DbSettingTest {

    @Test
    void aFilePathIsAnSqliteDatabase() {
        DbSetting setting = DbSetting.parse("data/rekindle.db");

        assertThat(setting.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(setting.jdbcUrl()).isEqualTo("jdbc:sqlite:data/rekindle.db");
        assertThat(setting.sqliteFile()).isEqualTo(Path.of("data/rekindle.db"));
    }

    @Test
    void anSqliteUrlIsUsedAsGiven() {
        DbSetting setting = DbSetting.parse("jdbc:sqlite:/var/lib/rekindle/log.db?busy_timeout=2000");

        assertThat(setting.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(setting.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/rekindle/log.db?busy_timeout=2000");
        assertThat(setting.sqliteFile()).isEqualTo(Path.of("/var/lib/rekindle/log.db"));
    }

    @Test
    void aPostgresqlUrlIsPostgresqlWithItsPasswordMaskedInMessages() {
        DbSetting setting = DbSetting.parse("jdbc:postgresql://db:5432/rekindle?user=rk&password=hunter2");

        assertThat(setting.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(setting.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/rekindle?user=rk&password=hunter2");
        assertThat(setting.sqliteFile()).isNull();
        assertThat(setting.shown()).isEqualTo("jdbc:postgresql://db:5432/rekindle?user=rk&password=***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://db/rekindle", "postgres://rk:hunter2@db/rekindle",
        "postgresql://db/rekindle?password=hunter2", "file:data/rekindle.db", "JDBC:SQLITE:data.db"})
    void anyOtherSchemeIsRejectedWithTheAcceptedForms(String value) {
        assertThatThrownBy(() -> DbSetting.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported db setting \"")
                .hasMessageContaining(value.replace("hunter2", "***"))
                .hasMessageContaining("file path")
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {":memory:", "jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:log?mode=memory"})
    void anInMemorySqliteDatabaseIsRejected(String value) {
        assertThatThrownBy(() -> DbSetting.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptySettingIsRejected(String value) {
        assertThatThrownBy(() -> DbSetting.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> DbSetting.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openingAnUnreachableDatabaseNamesItWithoutItsPassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/test?user=rk&password=hunter2"))
                .isInstanceOf(DecisionLogException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/test?user=rk&password=***")
                .hasMessageNotContaining("hunter2");
    }
}
