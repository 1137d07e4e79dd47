package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.audit.Database;

/**
 * {@code rekindle promote --db ...}: publishes the version in shadow. Replicas that hold it compiled swap
 * to it at once; the shadow ends. Exits 1 when no version is in shadow.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Publish the ruleset in shadow to every replica started with --rules-from db (they hold it "
        + "compiled, so they swap at once); exits 1 when none is in shadow.")
final class PromoteCommand implements Callable<Integer> {

    @Option(names = "--db", required = true, defaultValue = "${env:REKINDLE_DB}",
            description = "The fleet's database: a jdbc:postgresql://... URL (or a SQLite file), or $REKINDLE_DB.")
    String db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database database = Database.open(DbOption.parse(db, spec))) {
            String version = database.archive().promote();
            out.println("published: ruleset " + version + " (promoted from shadow); GET /v1/ruleset shows each "
                    + "replica's version");
            return 0;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
