package org.rekindle.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Reads the forms of {@code content/questionnaire/forms/*.yaml} and holds each to what makes it a
 * usable shorter questionnaire: at most {@value #MAX_QUESTIONS} questions, every question of the
 * safety screen (the private sections) included, only questions the questionnaire has, and none that
 * the form could never ask (its {@code enableWhen} reads only questions the form leaves out).
 */
final class FormReader {

    /** Where forms live; the files there are forms, not sections. */
    static final String FOLDER = "content/questionnaire/forms/";
    /** The most questions a form may ask: a form is the short way through. */
    static final int MAX_QUESTIONS = 20;
    private static final Set<String> FIELDS = Set.of("form", "title", "description", "questions");

    private FormReader() {
    }

    static Map<String, Form> read(List<BundleFile> files, Questionnaire questionnaire, List<Problem> problems) {
        Map<String, Form> forms = new LinkedHashMap<>();
        for (BundleFile file : files) {
            JsonNode root = ContentLoader.parse(file, problems);
            if (root == null) {
                continue;
            }
            String id = root.path("form").asText("");
            if (!ContentLoader.ID.matcher(id).matches()) {
                problems.add(ContentLoader.at(file, "form:", "'form' must be a snake_case id, such as form: short; got '"
                        + id + "'"));
                continue;
            }
            root.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    problems.add(ContentLoader.at(file, field + ":", "form '" + id + "' has unknown field '" + field
                            + "'; fields are " + new TreeSet<>(FIELDS)));
                }
            });
            Form form = readForm(root, id, file, questionnaire, problems);
            if (forms.containsKey(id)) {
                problems.add(ContentLoader.at(file, "form:", "form '" + id + "' is defined twice; give each form its "
                        + "own id"));
            } else if (form != null) {
                forms.put(id, form);
            }
        }
        return forms;
    }

    private static Form readForm(JsonNode root, String id, BundleFile file, Questionnaire questionnaire,
            List<Problem> problems) {
        JsonNode list = root.path("questions");
        if (!list.isArray() || list.isEmpty()) {
            problems.add(ContentLoader.at(file, "form:", "form '" + id + "' lists no questions; add a 'questions:' "
                    + "list of question ids"));
            return null;
        }
        int before = problems.size();
        Set<String> named = new LinkedHashSet<>();
        for (JsonNode node : list) {
            String question = node.asText("");
            if (questionnaire.question(question) == null) {
                problems.add(ContentLoader.at(file, question.isEmpty() ? "questions:" : question, "form '" + id
                        + "' names question '" + question + "', which is not in content/questionnaire/; use an id "
                        + "that GET /v1/questionnaire lists"));
            } else if (!named.add(question)) {
                problems.add(ContentLoader.at(file, question, "form '" + id + "' names question '" + question
                        + "' twice; name it once"));
            }
        }
        if (named.size() > MAX_QUESTIONS) {
            problems.add(ContentLoader.at(file, "questions:", "form '" + id + "' has " + named.size()
                    + " questions; a form asks at most " + MAX_QUESTIONS + ", so take "
                    + (named.size() - MAX_QUESTIONS) + " out"));
        }
        List<String> missing = new ArrayList<>();
        for (Questionnaire.Section section : questionnaire.sections()) {
            for (Question question : section.questions()) {
                if (section.isPrivate() && !named.contains(question.id())) {
                    missing.add(question.id());
                }
            }
        }
        if (!missing.isEmpty()) {
            problems.add(ContentLoader.at(file, "questions:", "form '" + id + "' leaves out the safety question"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + "; every form asks the "
                    + "whole private safety screen, so add " + (missing.size() == 1 ? "it" : "them")));
        }
        for (String question : named) {
            EnableWhen when = questionnaire.question(question).enableWhen();
            boolean reachable = when == null || (when.behavior() == EnableWhen.Behavior.ALL
                    ? named.containsAll(when.questions()) : when.questions().stream().anyMatch(named::contains));
            if (!reachable) {
                problems.add(ContentLoader.at(file, question, "form '" + id + "' names '" + question
                        + "', which is asked only after " + when.questions() + ", and the form does not ask "
                        + (when.behavior() == EnableWhen.Behavior.ALL ? "all" : "any") + " of them; add them or take '"
                        + question + "' out"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        List<String> ordered = questionnaire.questions().stream().map(Question::id).filter(named::contains).toList();
        return new Form(id, root.path("title").asText(id).strip(), textOf(root.path("description")), ordered);
    }

    private static String textOf(JsonNode node) {
        String text = node.asText("").strip();
        return text.isEmpty() ? null : text;
    }
}
