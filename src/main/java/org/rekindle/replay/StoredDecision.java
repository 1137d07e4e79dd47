package org.rekindle.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.api.Json;
import org.rekindle.api.LoggedDecision;
import org.rekindle.audit.DecisionRecord;
import org.rekindle.content.FieldProblem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.content.Questionnaire;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;

/**
 * A stored decision read back into the engine's terms: its normalised answers, and the plan it
 * returned. The decision log keeps both as the JSON the API wrote; this is the one place that reads
 * them for re-evaluation.
 */
final class StoredDecision {

    private StoredDecision() {
    }

    /**
     * The stored answers, checked and normalised by {@code questionnaire} again.
     *
     * @throws InvalidAnswers when they do not fit that questionnaire (a later ruleset dropped a question)
     */
    static Answers answers(DecisionRecord record, Questionnaire questionnaire) {
        return questionnaire.read(rawAnswers(record));
    }

    /**
     * The stored decision rebuilt: its summary, path, focus and every card, as the engine made them.
     *
     * @param then the ruleset the decision was made with
     */
    static LoggedDecision.Rebuilt plan(DecisionRecord record, Ruleset then) {
        try {
            return LoggedDecision.rebuild(record, then::content);
        } catch (IOException e) {
            // No cause or parser message: either could quote the answers. (LoggedDecision's own
            // messages name only ids, versions and seqs, so they pass through.)
            throw new IllegalStateException("the stored plan of decision " + record.id() + " is not valid JSON",
                    null);
        }
    }

    /** The ids of the stored plan's cards, in order. */
    static List<String> cardIds(DecisionRecord record) {
        List<String> ids = new ArrayList<>();
        // Every stored form keeps the cards' ids in place: no need to expand the plan for them.
        tree(record, record.planJson(), "plan").path("cards").forEach(card -> ids.add(card.path("id").asText()));
        return ids;
    }

    /** The fields of {@code e}, without what is wrong with them: enough to say which answers no longer fit. */
    static String fields(InvalidAnswers e) {
        return e.problems().stream().map(FieldProblem::field).distinct().sorted().toList().toString();
    }

    private static Map<String, Object> rawAnswers(DecisionRecord record) {
        JsonNode answers = tree(record, record.answersJson(), "answers");
        return Json.MAPPER.convertValue(answers, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private static JsonNode tree(DecisionRecord record, String json, String what) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Position only: the parser's message could quote the answers.
            throw new IllegalStateException("the stored " + what + " of decision " + record.id()
                    + " is not valid JSON", null);
        }
    }
}
