package org.rekindle.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import org.rekindle.audit.DbSetting;
import org.rekindle.server.Configuration;

/** The {@code --db} option of the commands that open the decision log, parsed once into a {@link DbSetting}. */
final class DbOption {

    @Option(names = "--db", paramLabel = "DB", defaultValue = "${env:REKINDLE_DB:-" + Configuration.DEFAULT_DB + "}",
            description = "The decision log: a SQLite file or a jdbc:postgresql://... URL (default: ${DEFAULT-VALUE}, "
                    + "or $REKINDLE_DB).")
    String db;

    /** The setting given, parsed; a setting of no accepted form is a usage error naming {@code --db}. */
    DbSetting setting(CommandSpec spec) {
        return parse(db, spec);
    }

    /** Parses {@code db} as the value of {@code --db} (or {@code REKINDLE_DB}). */
    static DbSetting parse(String db, CommandSpec spec) {
        try {
            return DbSetting.parse(db);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--db (or REKINDLE_DB): " + e.getMessage());
        }
    }
}
