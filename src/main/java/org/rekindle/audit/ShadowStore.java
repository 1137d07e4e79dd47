package org.rekindle.audit;

import java.util.List;

/**
 * Where the diffs of a candidate in shadow go, beside the decision log in the same database. A diff
 * refers to its decision and is erased with it (erasure, a subject's erasure, retention). Thread-safe.
 */
public interface ShadowStore {

    /**
     * Stores diffs in one transaction. A diff whose decision is gone (erased meanwhile) is left out.
     * Diffs are not acknowledged to anyone, so they are committed without waiting for the disk where
     * the database allows it (PostgreSQL): a crash may lose the last few, never a decision.
     */
    void record(List<ShadowDiff> diffs);

    /**
     * The diffs of {@code candidate} summed up.
     *
     * @param top how many cards to list as added and as dropped
     */
    ShadowSummary summary(String candidate, int top);
}
