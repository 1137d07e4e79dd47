package org.rekindle.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.model.Answers;

/**
 * The questions apps render, grouped in ordered sections, and the one place where posted answers
 * are checked and normalised into {@link Answers}.
 */
public final class Questionnaire {

    /** A titled group of questions; {@code yesCount("section")} and friends count over it. */
    public record Section(String id, String title, int order, boolean isPrivate, List<Question> questions) {
    }

    private final List<Section> sections;
    private final Map<String, Question> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> questionIdsBySection = new LinkedHashMap<>();

    public Questionnaire(List<Section> sections) {
        this.sections = List.copyOf(sections);
        for (Section section : this.sections) {
            List<String> ids = new ArrayList<>();
            for (Question question : section.questions()) {
                byId.put(question.id(), question);
                ids.add(question.id());
            }
            questionIdsBySection.put(section.id(), List.copyOf(ids));
        }
    }

    public List<Section> sections() {
        return sections;
    }

    public Collection<Question> questions() {
        return byId.values();
    }

    /** The question with this id, or null. */
    public Question question(String id) {
        return byId.get(id);
    }

    public boolean hasSection(String id) {
        return questionIdsBySection.containsKey(id);
    }

    /** Question ids of a section in order; empty for an unknown section. */
    public List<String> questionIdsOf(String section) {
        return questionIdsBySection.getOrDefault(section, List.of());
    }

    /**
     * Checks raw answers (as decoded from JSON or YAML) against the questions and normalises them.
     * A partial answer set is valid; a null value counts as unanswered.
     *
     * @throws InvalidAnswers naming every offending field, when any answer is not acceptable
     */
    public Answers read(Map<String, ?> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, ?> entry : raw.entrySet()) {
            String id = entry.getKey();
            Object value = entry.getValue();
            String field = "answers." + id;
            Question question = byId.get(id);
            if (question == null) {
                problems.add(new FieldProblem(field, "unknown question: the questionnaire has no question '" + id
                        + "' (GET /v1/questionnaire lists the ids)"));
                continue;
            }
            if (value == null) {
                continue;
            }
            Object normalised = AnswerReader.read(question, value, field, problems);
            if (normalised != null) {
                values.put(id, normalised);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAnswers(problems);
        }
        return new Answers(values, questionIdsBySection);
    }

    /** True when the question, or its whole section, is marked private: it is never shown to the partner. */
    public boolean isPrivate(String questionId) {
        Question question = byId.get(questionId);
        if (question == null) {
            return false;
        }
        if (question.isPrivate()) {
            return true;
        }
        for (Section section : sections) {
            if (section.id().equals(question.section())) {
                return section.isPrivate();
            }
        }
        return false;
    }

    /**
     * The part of one partner's answers the other may see: every answer but the private ones, so that
     * nothing read, counted or cited from it can come from a private answer.
     */
    public Answers shareable(Answers answers) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String id : answers.questions()) {
            if (byId.containsKey(id) && !isPrivate(id)) {
                values.put(id, answers.value(id));
            }
        }
        return new Answers(values, questionIdsBySection);
    }

    /**
     * True when any question of a private section (the safety screen) was answered yes: then nothing
     * about the two of them is produced, and the shared view looks as if this partner had not answered.
     */
    public boolean screenPositive(Answers answers) {
        for (Section section : sections) {
            if (section.isPrivate()) {
                for (Question question : section.questions()) {
                    if (answers.yes(question.id())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
