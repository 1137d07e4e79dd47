package org.rekindle;

import java.nio.file.Path;

import org.rekindle.api.Access;
import org.rekindle.api.RekindleApp;

/**
 * Everything {@code serve} needs, parsed and checked once at start-up.
 *
 * @param port    0 picks a free port (tests)
 * @param db      a SQLite file path, or a {@code jdbc:sqlite:} / {@code jdbc:postgresql:} URL
 * @param watch   reload automatically when files under {@code rules} or {@code content} change (file mode)
 * @param retentionDays delete decisions older than this many days, on a schedule; 0 keeps them forever
 * @param rulesFrom where the live ruleset comes from
 * @param replica this server's name in the fleet view
 */
public record ServerConfig(int port, Path rules, Path content, String db, Access access,
        RekindleApp.Settings http, boolean watch, int retentionDays, RulesFrom rulesFrom, String replica) {

    /** Where the live ruleset comes from. */
    public enum RulesFrom {
        /** The rules and content folders, reloaded on change or on request (the default). */
        FILE,
        /**
         * The version published in the database, followed as it changes; the folders only supply the first
         * version when nothing was published yet (it is published then).
         */
        DB
    }

    /** A server in file mode, named for this host, that keeps decisions forever. */
    public ServerConfig(int port, Path rules, Path content, String db, Access access, RekindleApp.Settings http,
            boolean watch) {
        this(port, rules, content, db, access, http, watch, 0, RulesFrom.FILE, defaultReplica());
    }

    /** A server in file mode, named for this host, that deletes decisions older than {@code retentionDays}. */
    public ServerConfig(int port, Path rules, Path content, String db, Access access, RekindleApp.Settings http,
            boolean watch, int retentionDays) {
        this(port, rules, content, db, access, http, watch, retentionDays, RulesFrom.FILE, defaultReplica());
    }

    /** A server that keeps decisions forever, its ruleset coming from {@code rulesFrom}. */
    public ServerConfig(int port, Path rules, Path content, String db, Access access, RekindleApp.Settings http,
            boolean watch, RulesFrom rulesFrom, String replica) {
        this(port, rules, content, db, access, http, watch, 0, rulesFrom, replica);
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
}
