package org.rekindle.engine;

import java.util.List;

/**
 * A card some rule showed that the plan does not show, and why: withheld by a rule's {@code Withhold}
 * of one of its tags (for example by the safety screen), or held back by the path the plan is on.
 *
 * @param tag        the withheld tag, or null when the path held the card back
 * @param withheldBy the firings that withheld the tag, or the firing that chose the path (empty for the
 *                   fallback path, which no firing chooses)
 * @param path       the path that held the card back, or null
 * @param reason     the path's reason for holding cards back, or null
 */
public record WithheldCard(String card, String tag, List<Integer> shownBy, List<Integer> withheldBy, String path,
        String reason) {
}
