package org.rekindle;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.rekindle.cli.Commands;

/** {@code java -jar rekindle.jar serve|validate|test|evaluate|rules|impact ...}: wiring only. */
@Command(name = "rekindle", mixinStandardHelpOptions = true, version = "rekindle 0.1.0",
        description = "Rules-driven coaching for couples who feel emotionally disconnected.")
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command writing to the given streams, and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        Commands.register(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }
}
