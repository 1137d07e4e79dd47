package org.rekindle.testing;

import org.rekindle.server.Configuration;

/** Where functional tests start their configuration from. */
public final class Configs {

    private Configs() {
    }

    /**
     * The {@link Configuration#defaults() defaults} on a free port, not watching the folders (a test that
     * edits files reloads when it means to): a test adds only what it is about.
     */
    public static Configuration onFreePort() {
        return Configuration.defaults().withPort(0).withWatch(false);
    }
}
