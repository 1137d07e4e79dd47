package org.rekindle.content;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guidance library: every content item a rule can show, by id, in display order, and the title of
 * each topic (a guidance file), under which a plan groups its cards.
 */
public final class Library {

    private final Map<String, GuidanceItem> byId = new LinkedHashMap<>();
    private final Map<String, String> titles;

    /** @param titles topic to the title of its guidance file */
    public Library(List<GuidanceItem> items, Map<String, String> titles) {
        for (GuidanceItem item : items) {
            byId.put(item.id(), item);
        }
        this.titles = Map.copyOf(titles);
    }

    /** The title of a topic's guidance file; the topic id itself when the file has none. */
    public String title(String topic) {
        String title = titles.get(topic);
        return title == null || title.isBlank() ? topic : title;
    }

    /** Topic to the title of its guidance file, as written. */
    Map<String, String> titles() {
        return titles;
    }

    /** The item with this id, or null. */
    public GuidanceItem item(String id) {
        return byId.get(id);
    }

    public Collection<GuidanceItem> items() {
        return byId.values();
    }
}
