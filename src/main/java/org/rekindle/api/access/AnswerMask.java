package org.rekindle.api.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;

import org.rekindle.content.Content;
import org.rekindle.content.Question;
import org.rekindle.live.LiveRuleset;

/**
 * Hides the answers to private questions from an auditor whose token lacks the private-answers scope.
 * Which questions are private is read from the questionnaire: of the decision's own ruleset version and
 * of the live one, so a question a coach marks private today is masked in every decision already stored.
 * Every auditor response and export goes through here before it is written.
 *
 * @param questions the private question ids, and the sections that hold one; empty when nothing is masked
 */
public record AnswerMask(Set<String> questions) {

    /** What a masked answer reads as. */
    public static final String MASKED = "***";

    public static final AnswerMask NONE = new AnswerMask(Set.of());

    public AnswerMask {
        questions = Set.copyOf(questions);
    }

    /**
     * The mask for the caller of {@code ctx}: none for an app (its own answers), for an auditor with the
     * private-answers scope, and on a server running open (no tokens at all); else every private question.
     *
     * @param contents the questionnaires whose private flags count (the decision's version's, the live
     *                 one), asked for only when something is to be masked
     */
    public static AnswerMask forCaller(Context ctx, Supplier<List<Content>> contents) {
        Access.Caller caller = ctx.attribute(AccessCheck.CALLER);
        if (caller == null || caller.role() != Role.AUDITOR || caller.privateAnswers()) {
            return NONE;
        }
        return of(contents.get());
    }

    /** Masks every question marked private in any of {@code contents}. */
    public static AnswerMask of(List<Content> contents) {
        Set<String> questions = new HashSet<>();
        for (Content content : contents) {
            for (Question question : content.questionnaire().questions()) {
                if (question.isPrivate()) {
                    questions.add(question.id());
                    // A count over a section with a private question gives that answer away too.
                    questions.add(question.section());
                }
            }
        }
        return new AnswerMask(questions);
    }

    /** The live ruleset's content and {@code then}, the content of a decision's version. */
    public static List<Content> liveAnd(LiveRuleset rulesets, Content then) {
        List<Content> contents = new ArrayList<>(2);
        rulesets.current().ifPresent(l -> contents.add(l.ruleset().content()));
        contents.add(then);
        return contents;
    }

    /** True when a query as why-not writes it, such as {@code yes("q")}, names a private question or section. */
    private boolean asksPrivate(String query) {
        for (String id : questions) {
            if (query.contains("\"" + id + "\"")) {
                return true;
            }
        }
        return false;
    }

    boolean masks(String question) {
        return questions.contains(question);
    }

    /** A stored or shown value as this caller may see it. */
    public Object value(String question, Object value) {
        return masks(question) ? MASKED : value;
    }

    /**
     * Masks {@code tree} in place and returns it: in every {@code answers} object (question id to value)
     * the private questions' values, and in every object naming a private {@code question} its
     * {@code value}, {@code values}, {@code label} and {@code answer}.
     */
    public JsonNode apply(JsonNode tree) {
        if (questions.isEmpty() || tree == null) {
            return tree;
        }
        if (tree instanceof ObjectNode object) {
            JsonNode question = object.get("question");
            if (question != null && question.isTextual() && masks(question.asText())) {
                for (String field : new String[] {"value", "values", "label", "answer", "observed"}) {
                    if (object.has(field)) {
                        object.put(field, MASKED);
                    }
                }
            }
            JsonNode query = object.get("query");
            if (query != null && query.isTextual() && object.has("value") && asksPrivate(query.asText())) {
                object.put("value", MASKED);
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().equals("answers") && field.getValue() instanceof ObjectNode answers) {
                    for (String id : questions) {
                        if (answers.has(id)) {
                            answers.put(id, MASKED);
                        }
                    }
                } else {
                    apply(field.getValue());
                }
            }
        } else if (tree.isArray()) {
            tree.forEach(this::apply);
        }
        return tree;
    }
}
