package org.rekindle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.api.access.Tokens;
import org.rekindle.server.Configuration;
import org.rekindle.server.Rekindle;

/** {@code rekindle serve}: the HTTP service. Settings come from flags or REKINDLE_* variables. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP service.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Option(names = "--port", defaultValue = "${env:REKINDLE_PORT:-" + Configuration.DEFAULT_PORT + "}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}, or $REKINDLE_PORT).")
    int port;

    @Mixin
    DbOption db;

    @Option(names = "--max-body", defaultValue = "${env:REKINDLE_MAX_BODY:-" + Configuration.DEFAULT_MAX_BODY_BYTES + "}",
            description = "Largest request body in bytes (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--max-firings", defaultValue = "${env:REKINDLE_MAX_FIRINGS:-10000}",
            description = "Most rule firings in one evaluation before it is stopped with a 503 evaluation_limit "
                    + "(default: ${DEFAULT-VALUE}, or $REKINDLE_MAX_FIRINGS).")
    int maxFirings;

    @Option(names = "--evaluation-budget-ms", defaultValue = "${env:REKINDLE_EVALUATION_BUDGET_MS:-10000}",
            description = "Longest one evaluation may run before it is stopped with a 503 evaluation_limit "
                    + "(default: ${DEFAULT-VALUE} ms, or $REKINDLE_EVALUATION_BUDGET_MS).")
    long evaluationBudgetMillis;

    @Option(names = "--retention-days", defaultValue = "${env:REKINDLE_RETENTION_DAYS:-0}",
            description = "Delete decisions (with their feedback and couple links) older than this many days, "
                    + "hourly, in small batches; the bytes are overwritten on SQLite. 0 (the default) keeps them "
                    + "forever. Env: REKINDLE_RETENTION_DAYS.")
    int retentionDays;

    @Option(names = "--no-watch", description = "Do not reload when rule or content files change.")
    boolean noWatch;

    @Option(names = "--rules-from", defaultValue = "${env:REKINDLE_RULES_FROM:-file}",
            description = "file: serve the rules and content folders, reloading them (default); db: serve the "
                    + "version published in the database (rekindle publish, POST /v1/admin/publish) and follow it, "
                    + "for replicas behind a load balancer. Or $REKINDLE_RULES_FROM.")
    String rulesFrom;

    @Option(names = "--replica", defaultValue = "${env:REKINDLE_REPLICA}",
            description = "This server's name in the fleet view (default: the host name), or $REKINDLE_REPLICA.")
    String replica;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Configuration config = config(System.getenv());
        Rekindle server;
        try {
            server = Rekindle.start(config);
        } catch (IllegalStateException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("rekindle did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rekindle-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * The configuration the flags, the REKINDLE_* variables of {@code env} and the tokens file give; a bad
     * setting is a usage error naming it.
     */
    Configuration config(Map<String, String> env) {
        for (Path dir : List.of(options.rules, options.content)) {
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "not a folder: " + dir.toAbsolutePath()
                        + " (set --rules/--content or REKINDLE_RULES/REKINDLE_CONTENT)");
            }
        }
        try {
            return new Configuration(port, options.rules, options.content, db.setting(spec),
                    Tokens.fromEnvironment(env), maxBody, maxFirings, Duration.ofMillis(evaluationBudgetMillis),
                    !noWatch, retentionDays, Configuration.RulesFrom.parse(rulesFrom),
                    replica == null || replica.isBlank() ? Configuration.defaultReplica() : replica);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
