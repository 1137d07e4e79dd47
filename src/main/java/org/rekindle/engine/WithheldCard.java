package org.rekindle.engine;

import java.util.List;

/** A card some rule showed but another withheld (for example by the safety screen), and by which firings. */
public record WithheldCard(String card, String tag, List<Integer> shownBy, List<Integer> withheldBy) {
}
