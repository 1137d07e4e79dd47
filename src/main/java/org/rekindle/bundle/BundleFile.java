package org.rekindle.bundle;

import java.nio.charset.StandardCharsets;

/**
 * One rule or content file: its path inside the bundle ({@code rules/...} or {@code content/...})
 * and its exact bytes, so that a stored bundle rebuilds the very ruleset it was read as.
 */
public record BundleFile(String path, byte[] bytes) {

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The file name without folders and extension, e.g. {@code signs} for {@code rules/signs.drl}. */
    public String baseName() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
