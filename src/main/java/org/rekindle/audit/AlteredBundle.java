package org.rekindle.audit;

/**
 * The files stored for a ruleset version no longer hash to that version: a file was changed or
 * removed after it was stored. Nothing made with that version can be replayed from them any more.
 */
public final class AlteredBundle extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AlteredBundle(String message) {
        super(message, null, false, false);
    }
}
