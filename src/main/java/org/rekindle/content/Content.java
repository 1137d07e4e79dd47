package org.rekindle.content;

/** The questionnaire and the guidance library of one bundle. */
public record Content(Questionnaire questionnaire, Library library) {
}
