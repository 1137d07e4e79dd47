package org.rekindle.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The questionnaire's features on the embedded default: a SQLite file. */
class SqliteQuestionnaireApiTest extends QuestionnaireApiContract {

    @TempDir
    static Path dir;

    @Override
    String db() {
        return dir.resolve("questionnaire.db").toString();
    }
}
