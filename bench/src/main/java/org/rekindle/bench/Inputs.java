package org.rekindle.bench;

import org.rekindle.model.Answers;

/**
 * The answer sets a benchmark parameter names: one file of bench/answers/ (without .json), "full" for
 * the complete questionnaires among them (the files named full_*), or "mix" for all of them.
 */
final class Inputs {

    static final String MIX = "mix";
    static final String FULL = "full";

    private Inputs() {
    }

    static Answers[] of(BenchData data, String name) {
        if (MIX.equals(name)) {
            return data.files().stream().map(BenchData.AnswerFile::answers).toArray(Answers[]::new);
        }
        if (FULL.equals(name)) {
            return data.files().stream().filter(f -> f.name().startsWith("full_")).map(BenchData.AnswerFile::answers)
                    .toArray(Answers[]::new);
        }
        return new Answers[] {data.file(name)};
    }
}
