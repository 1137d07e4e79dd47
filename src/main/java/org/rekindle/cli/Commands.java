package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** Registers the subcommands, which stay package-private: the CLI's public surface is this one call. */
public final class Commands {

    private Commands() {
    }

    public static void register(CommandLine commandLine) {
        // Before the subcommands, so that each of them inherits it.
        commandLine.getCommandSpec().addOption(OptionSpec.builder(Logging.VERBOSE).type(boolean.class)
                .scopeType(ScopeType.INHERIT)
                .description("Also log the libraries' INFO messages (connection pool, database migrations, web "
                        + "server). $" + Logging.VARIABLE + " sets one level for everything: trace, debug, info, "
                        + "warn, error or off.")
                .build());
        commandLine.addSubcommand(new ServeCommand());
        commandLine.addSubcommand(new ValidateCommand());
        commandLine.addSubcommand(new TestCommand());
        commandLine.addSubcommand(new EvaluateCommand());
        commandLine.addSubcommand(new ExplainCommand());
        commandLine.addSubcommand(new WhyNotCommand());
        commandLine.addSubcommand(new ExportCommand());
        commandLine.addSubcommand(new RulesCommand());
        commandLine.addSubcommand(new ImpactCommand());
        commandLine.addSubcommand(new PublishCommand());
        commandLine.addSubcommand(new PromoteCommand());
        commandLine.addSubcommand(new ShadowCommand());
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.setExecutionStrategy(Commands::execute);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(message(e));
            return 2;
        });
        commandLine.setParameterExceptionHandler(Commands::badArguments);
    }

    /**
     * A mistake in the command line or a setting (an unknown option, a port out of range, a folder that is
     * not there): the one line that says what is wrong, the option meant when one is close, and where the
     * options are listed; not forty lines of usage that bury it.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        boolean root = command.getParent() == null;
        err.println((root ? "'rekindle help'" : "'rekindle help " + command.getCommandName() + "'") + " lists "
                + (root ? "the commands" : "every option of " + command.getCommandName()));
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Sets up logging for the command line given, then runs the command it names. */
    private static int execute(ParseResult parsed) {
        boolean verbose = false;
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            verbose |= command.hasMatchedOption(Logging.VERBOSE);
        }
        try {
            Logging.apply(verbose, System.getenv(Logging.VARIABLE));
        } catch (IllegalArgumentException e) {
            // A setting, not an argument: its message without the usage text.
            throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.getMessage(),
                    new InputProblem(e.getMessage()));
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * What went wrong, for someone who is not a programmer: a problem with an input says which file and
     * what is wrong with it (Java's own messages for those are a bare path, or "Is a directory").
     */
    static String message(Exception e) {
        if (e instanceof InputProblem) {
            return e.getMessage();
        }
        if (e instanceof IOException io) {
            return InputProblem.of(io).getMessage();
        }
        return "error: " + e.getMessage();
    }
}
