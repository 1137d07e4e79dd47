package org.rekindle;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.rekindle.cli.Commands;

/** {@code java -jar rekindle.jar serve|validate|test|evaluate ...}: wiring only. */
@Command(name = "rekindle", mixinStandardHelpOptions = true, version = "rekindle 0.1.0",
        description = "Rules-driven coaching for couples who feel emotionally disconnected.")
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        Commands.register(commandLine);
        return commandLine.execute(args);
    }
}
