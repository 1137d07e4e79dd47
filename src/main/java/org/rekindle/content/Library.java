package org.rekindle.content;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The guidance library: every content item a rule can show, by id, in display order. */
public final class Library {

    private final Map<String, GuidanceItem> byId = new LinkedHashMap<>();

    public Library(List<GuidanceItem> items) {
        for (GuidanceItem item : items) {
            byId.put(item.id(), item);
        }
    }

    /** The item with this id, or null. */
    public GuidanceItem item(String id) {
        return byId.get(id);
    }

    public Collection<GuidanceItem> items() {
        return byId.values();
    }
}
