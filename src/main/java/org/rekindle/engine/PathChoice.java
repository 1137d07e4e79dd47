package org.rekindle.engine;

import java.util.List;

/**
 * How the plan's path was chosen, for the auditor: the path, the finding that put the assessment on it
 * and the firing that drew that finding, and the other paths whose findings were drawn too but come
 * later in the plan file's precedence.
 *
 * @param finding  null for the fallback path
 * @param seq      the firing that drew {@code finding}; 0 for the fallback path
 * @param outranked ids of the paths that also applied, in precedence order
 */
public record PathChoice(String path, String finding, int seq, List<String> outranked) {
}
