package org.rekindle.api.questionnaire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.javalin.http.Context;

import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.RequestLocale;
import org.rekindle.content.Content;
import org.rekindle.content.EnableWhen;
import org.rekindle.content.Form;
import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;
import org.rekindle.ruleset.Ruleset;

/**
 * The questionnaire as apps render it: {@code {version, locale, sections:[{id, title, description, order, private}],
 * questions:[{id, section, text, type, options, required, sharpens, help, enableWhen, exclusive, ...}]}}.
 * {@code help}, {@code enableWhen} and {@code exclusive} are left out when a question has none;
 * {@code enableWhen} is {@code {behavior: all|any, conditions:[{question, operator, answer}]}}.
 * With {@code ?form=short} (a form a coach defined in {@code content/questionnaire/forms/}) only that
 * form's questions and the sections holding them, and {@code form: {id, title, description, questions}}.
 * The texts are in the language {@code Accept-Language} picks ({@code locale} and {@code Content-Language}
 * say which), each one the translation does not give in the default's.
 */
public final class QuestionnaireView {

    /** The query parameter that asks for a form rather than the whole questionnaire. */
    public static final String FORM = "form";

    private QuestionnaireView() {
    }

    /** Answers {@code GET /v1/questionnaire}. */
    public static void respond(Context ctx, Ruleset ruleset) {
        Content content = RequestLocale.content(ctx, ruleset.content());
        RequestLocale.answer(ctx, content.locale());
        ctx.json(of(ruleset, content, ctx.queryParam(FORM)));
    }

    /** @param content the ruleset's content in the locale to render */
    static Map<String, Object> of(Ruleset ruleset, Content content, String formId) {
        Questionnaire questionnaire = content.questionnaire();
        Form form = form(questionnaire, formId);
        Set<String> asked = form == null ? null : Set.copyOf(form.questions());
        List<Map<String, Object>> sections = new ArrayList<>();
        List<Map<String, Object>> questions = new ArrayList<>();
        for (Questionnaire.Section section : questionnaire.sections()) {
            if (asked != null && section.questions().stream().noneMatch(q -> asked.contains(q.id()))) {
                continue;
            }
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
                if (asked != null && !asked.contains(question.id())) {
                    continue;
                }
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
        if (form != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", form.id());
            f.put("title", form.title());
            if (form.description() != null) {
                f.put("description", form.description());
            }
            f.put("questions", form.questions().size());
            body.put("form", f);
        }
        body.put("locale", content.locale());
        body.put("sections", sections);
        body.put("questions", questions);
        return body;
    }

    /**
     * The form {@code ?form=} names, or null when the request names none.
     *
     * @throws ApiError 400 {@code invalid_query} naming {@code form} when the questionnaire has no such form
     */
    public static Form form(Questionnaire questionnaire, String formId) {
        Form form = formId == null ? null : questionnaire.form(formId);
        if (formId != null && form == null) {
            String shown = formId.length() > 40 ? formId.substring(0, 40) + "..." : formId;
            throw ApiError.badRequest("invalid_query", FORM, "form must be one of "
                    + questionnaire.forms().keySet() + " (or left out for the whole questionnaire), not '" + shown + "'");
        }
        return form;
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
