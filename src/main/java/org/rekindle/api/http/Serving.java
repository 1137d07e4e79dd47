package org.rekindle.api.http;

import org.rekindle.live.LiveRuleset;
import org.rekindle.ruleset.Ruleset;

/** The ruleset a request is served from: the live one, or a 503 when none has gone live yet. */
public final class Serving {

    private Serving() {
    }

    /**
     * The live ruleset. Take it once per request and pass it on, so that a request which started on
     * one ruleset finishes on it even if another goes live meanwhile.
     *
     * @throws ApiError 503 {@code ruleset_unavailable} when the server is still starting
     */
    public static Ruleset ruleset(LiveRuleset rulesets) {
        return rulesets.current().map(LiveRuleset.Live::ruleset).orElseThrow(ApiError::noRuleset);
    }
}
