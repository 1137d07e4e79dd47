package org.rekindle.model;

/** An answer a rule read: the question id and the normalised value given. */
public record MatchedAnswer(String question, Object value) {
}
