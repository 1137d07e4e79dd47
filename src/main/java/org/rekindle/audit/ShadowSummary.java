package org.rekindle.audit;

import java.util.List;

/**
 * The impact of a candidate in shadow on real traffic, summed over its stored {@link ShadowDiff}s: what a
 * coach reads before promoting. Counts only, by card and path id; never one decision.
 *
 * @param compared     decisions evaluated with the candidate too
 * @param changed      of those, how many the candidate would have planned differently
 * @param focusChanged of those, how many with another focus
 * @param added        the cards the candidate adds most often, most first
 * @param dropped      the cards the candidate drops most often, most first
 * @param paths        path changes, from one path to another, most first
 */
public record ShadowSummary(String candidate, long compared, long changed, long focusChanged, List<CardCount> added,
        List<CardCount> dropped, List<PathChange> paths) {

    /** How many compared decisions a card was added to (or dropped from). */
    public record CardCount(String card, long decisions) {
    }

    /** How many compared decisions would have moved from one path to another. */
    public record PathChange(String from, String to, long decisions) {
    }
}
