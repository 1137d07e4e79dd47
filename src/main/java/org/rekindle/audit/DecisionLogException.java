package org.rekindle.audit;

/** A decision could not be stored or read. The message says what failed, never what was in it. */
public final class DecisionLogException extends RuntimeException {

    private final boolean reported;

    public DecisionLogException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param reported the decision log has already logged this failure (as part of an outage it reports
     *                 once), so whoever catches it should not log it again
     */
    public DecisionLogException(String message, Throwable cause, boolean reported) {
        super(message, cause);
        this.reported = reported;
    }

    /** Whether the decision log already logged this failure; see the constructor. */
    public boolean reported() {
        return reported;
    }
}
