package org.rekindle;

import java.nio.file.Path;

import org.rekindle.api.Access;
import org.rekindle.api.RekindleApp;

/**
 * Everything {@code serve} needs, parsed and checked once at start-up.
 *
 * @param port    0 picks a free port (tests)
 * @param db      a SQLite file path, or a {@code jdbc:sqlite:} / {@code jdbc:postgresql:} URL
 * @param watch   reload automatically when files under {@code rules} or {@code content} change
 * @param retentionDays delete decisions older than this many days, on a schedule; 0 keeps them forever
 */
public record ServerConfig(int port, Path rules, Path content, String db, Access access,
        RekindleApp.Settings http, boolean watch, int retentionDays) {

    /** A configuration that keeps decisions forever. */
    public ServerConfig(int port, Path rules, Path content, String db, Access access, RekindleApp.Settings http,
            boolean watch) {
        this(port, rules, content, db, access, http, watch, 0);
    }
}
