package org.rekindle.content;

/** Where a piece of guidance comes from, as the article cites it. {@code url} may be null. */
public record Source(String label, String url) {
}
