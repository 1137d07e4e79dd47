package org.rekindle.replay;

import java.util.List;
import java.util.Set;

/**
 * Which cards one plan has that another has not, by card id.
 *
 * @param appeared    in the new plan only, in its order
 * @param disappeared in the old plan only, in its order
 */
public record CardDiff(List<String> appeared, List<String> disappeared) {

    public static CardDiff between(List<String> before, List<String> after) {
        Set<String> old = Set.copyOf(before);
        Set<String> now = Set.copyOf(after);
        return new CardDiff(after.stream().filter(id -> !old.contains(id)).distinct().toList(),
                before.stream().filter(id -> !now.contains(id)).distinct().toList());
    }

    public boolean isEmpty() {
        return appeared.isEmpty() && disappeared.isEmpty();
    }
}
