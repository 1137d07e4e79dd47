package org.rekindle.api.questionnaire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.content.EnableWhen;
import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;
import org.rekindle.ruleset.Ruleset;

/**
 * The questionnaire as apps render it: {@code {version, sections:[{id, title, description, order, private}],
 * questions:[{id, section, text, type, options, required, sharpens, help, enableWhen, exclusive, ...}]}}.
 * {@code help}, {@code enableWhen} and {@code exclusive} are left out when a question has none;
 * {@code enableWhen} is {@code {behavior: all|any, conditions:[{question, operator, answer}]}}.
 */
public final class QuestionnaireView {

    private QuestionnaireView() {
    }

    public static Map<String, Object> of(Ruleset ruleset) {
        Questionnaire questionnaire = ruleset.content().questionnaire();
        List<Map<String, Object>> sections = new ArrayList<>();
        List<Map<String, Object>> questions = new ArrayList<>();
        for (Questionnaire.Section section : questionnaire.sections()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", section.id());
            s.put("title", section.title());
            if (section.description() != null) {
                s.put("description", section.description());
            }
            s.put("order", section.order());
            s.put("private", section.isPrivate());
            sections.add(s);
            for (Question question : section.questions()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("id", question.id());
                q.put("section", question.section());
                q.put("text", question.text());
                q.put("type", question.type().wireName());
                q.put("options", question.options());
                if (question.min() != null) {
                    q.put("min", question.min());
                }
                if (question.max() != null) {
                    q.put("max", question.max());
                }
                if (question.unit() != null) {
                    q.put("unit", question.unit());
                }
                // Private questions (the safety screen) must be asked where the partner cannot see.
                q.put("private", question.isPrivate());
                q.put("required", question.required());
                q.put("sharpens", question.sharpens());
                if (question.help() != null) {
                    q.put("help", question.help());
                }
                if (question.enableWhen() != null) {
                    q.put("enableWhen", enableWhen(question.enableWhen()));
                }
                if (!question.exclusive().isEmpty()) {
                    q.put("exclusive", question.exclusive());
                }
                questions.add(q);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", ruleset.version());
        body.put("sections", sections);
        body.put("questions", questions);
        return body;
    }

    private static Map<String, Object> enableWhen(EnableWhen when) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (EnableWhen.Condition condition : when.conditions()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("question", condition.question());
            c.put("operator", condition.operator().wireName());
            c.put("answer", condition.answer());
            conditions.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("behavior", when.behavior().wireName());
        body.put("conditions", conditions);
        return body;
    }
}
