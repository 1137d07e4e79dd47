package org.rekindle.api.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.audit.FeedbackRecord;

/**
 * The feedback that counts: one item per card of an assessment, the latest stored. A person may change
 * their mind (accepted, then overridden) or an app may send the same item again; every item is kept, as
 * given, but counts per rule and card and the focus steps done read each card's latest word once.
 */
public final class LatestFeedback {

    private LatestFeedback() {
    }

    /** @param stored feedback in the order it was stored (as the decision log reads it back) */
    public static List<FeedbackRecord> of(List<FeedbackRecord> stored) {
        Map<List<String>, FeedbackRecord> latest = new LinkedHashMap<>();
        for (FeedbackRecord item : stored) {
            List<String> key = List.of(item.decisionId(), item.card());
            latest.remove(key);
            latest.put(key, item);
        }
        return new ArrayList<>(latest.values());
    }
}
