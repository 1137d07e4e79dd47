package org.rekindle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
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

import org.rekindle.RekindleServer;
import org.rekindle.ServerConfig;
import org.rekindle.api.Access;
import org.rekindle.api.RekindleApp;
import org.rekindle.api.Role;
import org.rekindle.engine.EvaluationLimits;

/** {@code rekindle serve}: the HTTP service. Settings come from flags or REKINDLE_* variables. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP service.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Option(names = "--port", defaultValue = "${env:REKINDLE_PORT:-8080}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}, or $REKINDLE_PORT).")
    int port;

    @Option(names = "--db", defaultValue = "${env:REKINDLE_DB:-data/rekindle.db}",
            description = "Decision log: a SQLite file, or a jdbc:postgresql://... URL "
                    + "(default: ${DEFAULT-VALUE}, or $REKINDLE_DB).")
    String db;

    @Option(names = "--max-body", defaultValue = "${env:REKINDLE_MAX_BODY:-65536}",
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

    @Option(names = "--echo-route", description = "Also serve POST /v1/echo and POST /v1/echo/evaluate (the load "
            + "benchmark's baselines).")
    boolean echoRoute;

    @Option(names = "--retention-days", defaultValue = "${env:REKINDLE_RETENTION_DAYS:-0}",
            description = "Delete decisions (with their feedback and couple links) older than this many days, "
                    + "hourly, in small batches; the bytes are overwritten on SQLite. 0 (the default) keeps them "
                    + "forever. Env: REKINDLE_RETENTION_DAYS.")
    int retentionDays;

    @Option(names = "--no-watch", description = "Do not reload when rule or content files change.")
    boolean noWatch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config(System.getenv());
        RekindleServer server;
        try {
            server = RekindleServer.start(config);
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

    ServerConfig config(Map<String, String> env) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port (or REKINDLE_PORT) must be 0-65535, got " + port);
        }
        if (maxBody < 1024 || maxBody > 16 * 1024 * 1024) {
            throw new ParameterException(spec.commandLine(), "--max-body must be between 1024 and 16777216 bytes");
        }
        if (maxFirings < 1) {
            throw new ParameterException(spec.commandLine(), "--max-firings (or REKINDLE_MAX_FIRINGS) must be at "
                    + "least 1, got " + maxFirings);
        }
        if (evaluationBudgetMillis < 1 || evaluationBudgetMillis > 600_000) {
            throw new ParameterException(spec.commandLine(), "--evaluation-budget-ms (or "
                    + "REKINDLE_EVALUATION_BUDGET_MS) must be 1-600000, got " + evaluationBudgetMillis);
        }
        if (retentionDays < 0 || retentionDays > 36_500) {
            throw new ParameterException(spec.commandLine(), "--retention-days (or REKINDLE_RETENTION_DAYS) must be "
                    + "0 (keep forever) to 36500, got " + retentionDays);
        }
        for (Path dir : List.of(options.rules, options.content)) {
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "not a folder: " + dir.toAbsolutePath()
                        + " (set --rules/--content or REKINDLE_RULES/REKINDLE_CONTENT)");
            }
        }
        return new ServerConfig(port, options.rules, options.content, db, access(env),
                new RekindleApp.Settings(maxBody, echoRoute, new EvaluationLimits(maxFirings,
                        Duration.ofMillis(evaluationBudgetMillis))), !noWatch, retentionDays);
    }

    private Access access(Map<String, String> env) {
        Map<Role, List<String>> tokens = new EnumMap<>(Role.class);
        tokens.put(Role.APP, split(env.get("REKINDLE_APP_TOKENS")));
        tokens.put(Role.AUDITOR, split(env.get("REKINDLE_AUDITOR_TOKENS")));
        tokens.put(Role.COACH, split(env.get("REKINDLE_COACH_TOKENS")));
        tokens.put(Role.OPS, split(env.get("REKINDLE_OPS_TOKENS")));
        List<String> privateAuditors = split(env.get("REKINDLE_AUDITOR_PRIVATE_TOKENS"));
        String file = env.get("REKINDLE_TOKENS_FILE");
        if (file != null && !file.isBlank()) {
            readTokensFile(Path.of(file), tokens, privateAuditors);
        }
        return Access.of(tokens, privateAuditors);
    }

    /**
     * Lines of {@code role=token} ({@code app}, {@code auditor}, {@code coach}, {@code ops}, or
     * {@code auditor+private} for an auditor who may read private answers); '#' starts a comment.
     */
    private void readTokensFile(Path file, Map<Role, List<String>> tokens, List<String> privateAuditors) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "REKINDLE_TOKENS_FILE " + file + " cannot be read: "
                    + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("auditor+private")
                    && !line.substring(eq + 1).isBlank()) {
                privateAuditors.add(line.substring(eq + 1).strip());
                continue;
            }
            Role role = eq < 0 ? null : Arrays.stream(Role.values())
                    .filter(r -> r != Role.ANYONE && r.name().equalsIgnoreCase(line.substring(0, eq).strip()))
                    .findFirst().orElse(null);
            if (role == null || line.substring(eq + 1).isBlank()) {
                throw new ParameterException(spec.commandLine(), file + ":" + (i + 1)
                        + ": expected role=token with role app, auditor, coach or ops (or auditor+private, an auditor who "
                        + "may read private answers)");
            }
            tokens.computeIfAbsent(role, r -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList());
    }
}
