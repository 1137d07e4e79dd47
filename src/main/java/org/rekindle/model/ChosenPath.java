package org.rekindle.model;

import java.util.List;

/**
 * The path a plan is on ({@code safety}, {@code leaving}, {@code supported}, {@code solo},
 * {@code reconnect}, {@code check_up}, or one a coach adds), as the person is told it.
 *
 * @param because the firing that chose the path (the one that drew the path's finding), with the answers
 *                behind it; empty for the fallback path, which no firing chooses
 */
public record ChosenPath(String id, String title, String note, List<Because> because) {
}
