package org.rekindle.content;

/** One thing wrong with posted input: the JSON path of the field and what is wrong with it. */
public record FieldProblem(String field, String problem) {
}
