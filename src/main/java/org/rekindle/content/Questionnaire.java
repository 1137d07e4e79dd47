package org.rekindle.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.model.Answers;
import org.rekindle.model.Summary;

/**
 * The questions apps render, grouped in ordered sections, and the one place where posted answers
 * are checked and normalised into {@link Answers}.
 */
public final class Questionnaire {

    /**
     * A titled group of questions; {@code yesCount("section")} and friends count over it.
     *
     * @param description what the section is about, in a sentence or two an app shows under the title
     * @param order       where the section comes in the questionnaire (lower first)
     * @param reuses      yes/no questions of other sections whose answers this section counts instead of
     *                    asking again (the self-assessment's, for the warning signs)
     */
    public record Section(String id, String title, String description, int order, boolean isPrivate,
            List<Question> questions, List<Reuse> reuses) {

        public Section {
            reuses = List.copyOf(reuses);
        }

        /** A section that asks all its questions itself. */
        public Section(String id, String title, String description, int order, boolean isPrivate,
                List<Question> questions) {
            this(id, title, description, order, isPrivate, questions, List.of());
        }
    }

    /**
     * A yes/no question asked in another section, counted in this one as if asked here:
     * {@code countAtLeast} counts a yes as {@code yesCountsAs} (a frequency level) and a no as never.
     */
    public record Reuse(String question, String yesCountsAs) {
    }

    private final List<Section> sections;
    private final Map<String, Question> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> questionIdsBySection = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> reusedBySection = new LinkedHashMap<>();
    private final Map<String, Form> forms = new LinkedHashMap<>();

    public Questionnaire(List<Section> sections) {
        this.sections = List.copyOf(sections);
        for (Section section : this.sections) {
            List<String> ids = new ArrayList<>();
            for (Question question : section.questions()) {
                byId.put(question.id(), question);
                ids.add(question.id());
            }
            questionIdsBySection.put(section.id(), List.copyOf(ids));
            if (!section.reuses().isEmpty()) {
                Map<String, String> reused = new LinkedHashMap<>();
                section.reuses().forEach(reuse -> reused.put(reuse.question(), reuse.yesCountsAs()));
                reusedBySection.put(section.id(), Collections.unmodifiableMap(reused));
            }
        }
    }

    /**
     * This questionnaire with the forms a coach defined ({@code content/questionnaire/forms/}), already
     * checked against it.
     */
    public Questionnaire withForms(Map<String, Form> forms) {
        Questionnaire withForms = new Questionnaire(sections);
        withForms.forms.putAll(forms);
        return withForms;
    }

    /** The form with this id ({@code short}), or null. */
    public Form form(String id) {
        return forms.get(id);
    }

    /** The forms, by id. */
    public Map<String, Form> forms() {
        return Collections.unmodifiableMap(forms);
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
     * The questions a count over the section reads: its own and those it reuses from other sections
     * ({@code countAtLeast} counts both), in that order.
     */
    public List<String> countedIdsOf(String section) {
        Map<String, String> reused = reusedBySection.getOrDefault(section, Map.of());
        if (reused.isEmpty()) {
            return questionIdsOf(section);
        }
        List<String> ids = new ArrayList<>(questionIdsOf(section));
        ids.addAll(reused.keySet());
        return List.copyOf(ids);
    }

    /**
     * Checks raw answers (as decoded from JSON or YAML) against the questions and normalises them.
     * A partial answer set is valid; a null value counts as unanswered. Each answer is checked on its
     * own, which is what answers stored under an earlier questionnaire need; answers posted now go
     * through {@link #readPosted(Map)}, which also refuses contradictions.
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
        return new Answers(values, questionIdsBySection, reusedBySection);
    }

    /**
     * Answers as they are posted now (by an app, the {@code evaluate} command or a scenario case): read as
     * {@link #read(Map)} does, then refused when they contradict themselves: an answer to a question
     * that is not asked with the other answers (its {@code enableWhen} does not hold), or an exclusive
     * option ({@code none}) picked with another. Answers stored earlier are read with {@link #read(Map)}
     * alone, since the questionnaire of today may ask differently.
     *
     * @throws InvalidAnswers naming every offending field
     */
    public Answers readPosted(Map<String, ?> raw) {
        Answers answers = read(raw);
        List<FieldProblem> problems = Contradictions.find(this, answers);
        if (!problems.isEmpty()) {
            throw new InvalidAnswers(problems);
        }
        return answers;
    }

    /**
     * The ids of the questions asked with these answers: every question without an {@code enableWhen}, and
     * every one whose {@code enableWhen} holds. A condition reads an answer only when its question is
     * asked itself, so answering a question that is not asked never opens another.
     */
    public Set<String> asked(Answers answers) {
        Map<String, Boolean> memo = new HashMap<>();
        Set<String> asked = new LinkedHashSet<>();
        for (Question question : byId.values()) {
            if (isAsked(question, answers, memo, new LinkedHashSet<>())) {
                asked.add(question.id());
            }
        }
        return asked;
    }

    private boolean isAsked(Question question, Answers answers, Map<String, Boolean> memo, Set<String> visiting) {
        EnableWhen when = question.enableWhen();
        if (when == null) {
            return true;
        }
        Boolean known = memo.get(question.id());
        if (known != null) {
            return known;
        }
        if (!visiting.add(question.id())) {
            // A cycle: validate refuses one before a questionnaire goes live; here it just asks nothing.
            return false;
        }
        boolean all = when.behavior() == EnableWhen.Behavior.ALL;
        boolean holds = all;
        for (EnableWhen.Condition condition : when.conditions()) {
            Question read = byId.get(condition.question());
            boolean met = read != null && isAsked(read, answers, memo, visiting)
                    && condition.holds(answers.value(read.id()));
            if (met != all) {
                holds = met;
                break;
            }
        }
        visiting.remove(question.id());
        memo.put(question.id(), holds);
        return holds;
    }

    /**
     * What is still worth asking: the required questions and those that would sharpen the plan, among
     * the questions asked with these answers and not answered yet, in questionnaire order. A question
     * whose asking depends on a private answer is never listed: the list would tell what that answer was.
     */
    public Summary.Unanswered unanswered(Answers answers) {
        Set<String> asked = asked(answers);
        List<Summary.Question> required = new ArrayList<>();
        List<Summary.Question> sharpening = new ArrayList<>();
        for (Question question : byId.values()) {
            if ((!question.required() && !question.sharpens()) || answers.answered(question.id())
                    || !asked.contains(question.id()) || dependsOnPrivate(question)) {
                continue;
            }
            Summary.Question item = new Summary.Question(question.id(), question.text());
            (question.required() ? required : sharpening).add(item);
        }
        return new Summary.Unanswered(required, sharpening, unansweredSections(answers, asked));
    }

    /**
     * The sections the partner may see in which nothing was answered, with how many of their questions
     * are asked: what a short form leaves out. Private questions, and questions whose asking depends on a
     * private answer, are neither counted nor listed.
     */
    private List<Summary.Section> unansweredSections(Answers answers, Set<String> asked) {
        List<Summary.Section> unanswered = new ArrayList<>();
        for (Section section : sections) {
            if (section.isPrivate()) {
                continue;
            }
            List<Question> open = section.questions().stream().filter(q -> asked.contains(q.id())
                    && !isPrivate(q.id()) && !dependsOnPrivate(q)).toList();
            if (!open.isEmpty() && open.stream().noneMatch(q -> answers.answered(q.id()))) {
                unanswered.add(new Summary.Section(section.id(), section.title(), open.size()));
            }
        }
        return unanswered;
    }

    /** True when whether {@code question} is asked depends, directly or through others, on a private question. */
    boolean dependsOnPrivate(Question question) {
        return dependsOnPrivate(question, new LinkedHashSet<>());
    }

    private boolean dependsOnPrivate(Question question, Set<String> seen) {
        if (question.enableWhen() == null || !seen.add(question.id())) {
            return false;
        }
        for (String id : question.enableWhen().questions()) {
            Question read = byId.get(id);
            if (read != null && (isPrivate(id) || dependsOnPrivate(read, seen))) {
                return true;
            }
        }
        return false;
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
        return new Answers(values, questionIdsBySection, reusedBySection);
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
