package org.rekindle.server;

import java.nio.file.Path;
import java.time.Duration;

import org.rekindle.api.access.Access;
import org.rekindle.audit.DbSetting;
import org.rekindle.engine.EvaluationLimits;

/**
 * Everything a server needs, parsed and checked once, before anything starts: {@code serve} fills it from
 * its flags, the REKINDLE_* variables and the tokens file; a test starts from {@link #defaults()} and
 * states only what it changes. A value out of range is refused here with a message naming its flag and
 * variable, so a bad setting never gets as far as opening a database.
 *
 * @param port            0 picks a free port (tests)
 * @param rules           the folder of rule files
 * @param content         the folder of content files
 * @param db              the decision log, parsed; {@link DbSetting#shown()} is the form for messages and logs
 * @param access          the bearer tokens and their roles; open when there are none
 * @param maxBodyBytes    the largest request body
 * @param maxFirings      the most rule firings in one evaluation
 * @param evaluationBudget the longest one evaluation may run
 * @param watch           reload when files under {@code rules} or {@code content} change (file mode)
 * @param retentionDays   delete decisions older than this many days, on a schedule; 0 keeps them forever
 * @param rulesFrom       where the live ruleset comes from
 * @param replica         this server's name in the fleet view
 */
public record Configuration(int port, Path rules, Path content, DbSetting db, Access access, int maxBodyBytes,
        int maxFirings, Duration evaluationBudget, boolean watch, int retentionDays, RulesFrom rulesFrom,
        String replica) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DB = "data/rekindle.db";
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    private static final Duration LONGEST_BUDGET = Duration.ofMinutes(10);
    private static final int LONGEST_RETENTION_DAYS = 36_500;

    /** Where the live ruleset comes from. */
    public enum RulesFrom {
        /** The rules and content folders, reloaded on change or on request (the default). */
        FILE,
        /**
         * The version published in the database, followed as it changes; the folders only supply the first
         * version when nothing was published yet (it is published then).
         */
        DB;

        /**
         * {@code file} or {@code db}, as {@code --rules-from} takes it.
         *
         * @throws IllegalArgumentException naming the setting when it is neither
         */
        public static RulesFrom parse(String setting) {
            return switch (setting == null ? "file" : setting.trim()) {
                case "file" -> FILE;
                case "db" -> DB;
                default -> throw new IllegalArgumentException("--rules-from (or REKINDLE_RULES_FROM) must be file or "
                        + "db, got " + setting);
            };
        }
    }

    /**
     * @throws IllegalArgumentException naming the flag (and its variable) of the first setting out of range
     */
    public Configuration {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port (or REKINDLE_PORT) must be 0-65535, got " + port);
        }
        require(rules, "--rules (or REKINDLE_RULES)");
        require(content, "--content (or REKINDLE_CONTENT)");
        require(db, "--db (or REKINDLE_DB)");
        require(access, "the tokens");
        if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("--max-body must be between 1024 and 16777216 bytes");
        }
        if (maxFirings < 1) {
            throw new IllegalArgumentException("--max-firings (or REKINDLE_MAX_FIRINGS) must be at least 1, got "
                    + maxFirings);
        }
        if (evaluationBudget == null || evaluationBudget.isNegative() || evaluationBudget.isZero()
                || evaluationBudget.compareTo(LONGEST_BUDGET) > 0) {
            throw new IllegalArgumentException("--evaluation-budget-ms (or REKINDLE_EVALUATION_BUDGET_MS) must be "
                    + "1-" + LONGEST_BUDGET.toMillis() + ", got " + (evaluationBudget == null ? null
                    : evaluationBudget.toMillis()));
        }
        if (retentionDays < 0 || retentionDays > LONGEST_RETENTION_DAYS) {
            throw new IllegalArgumentException("--retention-days (or REKINDLE_RETENTION_DAYS) must be 0 (keep "
                    + "forever) to " + LONGEST_RETENTION_DAYS + ", got " + retentionDays);
        }
        require(rulesFrom, "--rules-from (or REKINDLE_RULES_FROM)");
        if (replica == null || replica.isBlank()) {
            throw new IllegalArgumentException("--replica (or REKINDLE_REPLICA) must not be blank");
        }
        replica = replica.strip();
    }

    /**
     * What {@code serve} runs with when nothing is set: port 8080, the checkout's {@code rules/} and
     * {@code content/}, a SQLite decision log in {@code data/rekindle.db}, no tokens (open), a 64 KiB body
     * limit, the {@link EvaluationLimits#DEFAULT default evaluation limits}, reloading on change, decisions
     * kept forever, the ruleset from the files, named for this host.
     */
    public static Configuration defaults() {
        return new Configuration(DEFAULT_PORT, Path.of("rules"), Path.of("content"), DbSetting.parse(DEFAULT_DB),
                Access.open(), DEFAULT_MAX_BODY_BYTES, EvaluationLimits.DEFAULT.firings(),
                EvaluationLimits.DEFAULT.time(), true, 0, RulesFrom.FILE, defaultReplica());
    }

    /** How much one evaluation may do before it is stopped with a 503. */
    public EvaluationLimits limits() {
        return new EvaluationLimits(maxFirings, evaluationBudget);
    }

    public Configuration withPort(int port) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    public Configuration withFolders(Path rules, Path content) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    /**
     * @param db a SQLite file path, or a {@code jdbc:sqlite:} / {@code jdbc:postgresql:} URL
     * @throws IllegalArgumentException when it is none of these
     */
    public Configuration withDb(String db) {
        return new Configuration(port, rules, content, DbSetting.parse(db), access, maxBodyBytes, maxFirings,
                evaluationBudget, watch, retentionDays, rulesFrom, replica);
    }

    public Configuration withAccess(Access access) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    public Configuration withMaxBodyBytes(int maxBodyBytes) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    public Configuration withLimits(EvaluationLimits limits) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, limits.firings(), limits.time(),
                watch, retentionDays, rulesFrom, replica);
    }

    public Configuration withWatch(boolean watch) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    public Configuration withRetentionDays(int retentionDays) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    /** A replica named {@code replica} whose ruleset comes from {@code rulesFrom}. */
    public Configuration withRulesFrom(RulesFrom rulesFrom, String replica) {
        return new Configuration(port, rules, content, db, access, maxBodyBytes, maxFirings, evaluationBudget,
                watch, retentionDays, rulesFrom, replica);
    }

    /** The host name (a pod's name on Kubernetes), else "rekindle". */
    public static String defaultReplica() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "rekindle";
            }
        }
        return host;
    }

    private static void require(Object value, String setting) {
        if (value == null) {
            throw new IllegalArgumentException(setting + " is not set");
        }
    }
}
