package org.rekindle.cli;

import picocli.CommandLine;

/** Registers the subcommands, which stay package-private: the CLI's public surface is this one call. */
public final class Commands {

    private Commands() {
    }

    public static void register(CommandLine commandLine) {
        commandLine.addSubcommand(new ServeCommand());
        commandLine.addSubcommand(new ValidateCommand());
        commandLine.addSubcommand(new TestCommand());
        commandLine.addSubcommand(new EvaluateCommand());
        commandLine.addSubcommand(new RulesCommand());
        commandLine.addSubcommand(new ImpactCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
    }
}
