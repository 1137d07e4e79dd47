package org.rekindle.content;

import java.util.List;

/**
 * A shorter way through the questionnaire that a coach defines in {@code content/questionnaire/forms/}:
 * the questions an app asks when it asks for this form ({@code GET /v1/questionnaire?form=short}), in
 * questionnaire order. Whatever is left out may still be answered; the plan says which sections would
 * sharpen it.
 *
 * @param questions ids of the questions it asks, every one a question of the questionnaire
 */
public record Form(String id, String title, String description, List<String> questions) {

    public Form {
        questions = List.copyOf(questions);
    }
}
