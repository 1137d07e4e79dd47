package org.rekindle.audit;

/** A decision could not be stored or read. The message says what failed, never what was in it. */
public final class DecisionLogException extends RuntimeException {

    public DecisionLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
