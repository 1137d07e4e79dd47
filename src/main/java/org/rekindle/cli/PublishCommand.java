package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.audit.Database;
import org.rekindle.bundle.Bundle;

/**
 * {@code rekindle publish --db ...}: checks the checkout's rules and content with the acceptance a reload
 * runs, stores them in the decision log and makes them the published version, which every replica
 * started with {@code --rules-from db} then loads. Nothing is published when a problem is found. With
 * {@code --shadow} the version goes into shadow instead (see {@code promote} and {@code shadow}).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Check the rules and content like validate, then publish them to the database for every "
        + "replica started with --rules-from db; prints the version, exits 1 with every problem when not valid.")
final class PublishCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Option(names = "--db", required = true, defaultValue = "${env:REKINDLE_DB}",
            description = "The fleet's database: a jdbc:postgresql://... URL (or a SQLite file), or $REKINDLE_DB.")
    String db;

    @Option(names = "--shadow", description = "Put the version in shadow instead: replicas compile it and compare "
            + "live requests with it without serving it; see it with `rekindle shadow`, then `rekindle promote`.")
    boolean shadow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bundle bundle = options.bundle();
        if (RulesOptions.acceptOrReport(bundle, err, "nothing was published") == null) {
            return 1;
        }
        try (Database database = Database.open(DbOption.parse(db, spec))) {
            database.archive().store(bundle);
            if (shadow) {
                database.archive().shadow(bundle.version());
            } else {
                database.archive().publish(bundle.version());
            }
        }
        if (shadow) {
            out.println("in shadow: ruleset " + bundle.version() + "; replicas following the database compare live "
                    + "requests with it (rekindle shadow shows the impact); rekindle promote publishes it");
            return 0;
        }
        out.println("published: ruleset " + bundle.version() + "; replicas following the database load it within "
                + "seconds (GET /v1/ruleset shows each one's version)");
        return 0;
    }
}
