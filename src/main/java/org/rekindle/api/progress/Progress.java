package org.rekindle.api.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.AccessCheck;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.Serving;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.FeedbackRecord;
import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;

/**
 * {@code GET /v1/subjects/{subject}/progress}: a subject's assessments (those this app created) as the
 * series an app charts, oldest first, and what changed since the one before the latest. Each point has
 * the self-assessment yes-count, the warning signs' frequencies, the daily minutes of meaningful talk,
 * the path and how many focus steps the person marked done. Private answers are left out of every
 * point: a chart may be shown on a screen others see.
 */
public final class Progress {

    static final String SELF_ASSESSMENT = "self_assessment";
    static final String WARNING_SIGNS = "warning_signs";
    static final String TALK_MINUTES = "talk_minutes_per_day";

    private final LiveRuleset rulesets;
    private final DecisionLog log;

    public Progress(LiveRuleset rulesets, DecisionLog log) {
        this.rulesets = rulesets;
        this.log = log;
    }

    public void show(Context ctx) {
        String subject = Pseudonym.require("subject", ctx.pathParam("subject"));
        Access.Caller caller = ctx.attribute(AccessCheck.CALLER);
        List<DecisionRecord> records = log.ofSubject(subject, caller == null ? null : caller.tokenHash());
        if (records.isEmpty()) {
            throw ApiError.notFound("no assessments of subject " + subject);
        }
        Questionnaire questionnaire = Serving.ruleset(rulesets).content().questionnaire();
        List<Map<String, Object>> series = new ArrayList<>(records.size());
        for (DecisionRecord record : records) {
            series.add(point(record, questionnaire));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("assessments", series.size());
        body.put("series", series);
        body.put("changes", series.size() < 2 ? List.of()
                : changes(series.get(series.size() - 2), series.get(series.size() - 1)));
        ctx.json(body);
    }

    private Map<String, Object> point(DecisionRecord record, Questionnaire questionnaire) {
        StoredDecision stored = DecisionCodec.read(record);
        JsonNode answers = Json.MAPPER.valueToTree(stored.answers());
        int yes = 0;
        for (String id : questionnaire.questionIdsOf(SELF_ASSESSMENT)) {
            if (!questionnaire.isPrivate(id) && "yes".equals(answers.path(id).asText(null))) {
                yes++;
            }
        }
        Map<String, Object> signs = new LinkedHashMap<>();
        for (String id : questionnaire.questionIdsOf(WARNING_SIGNS)) {
            if (!questionnaire.isPrivate(id) && answers.hasNonNull(id)) {
                signs.put(id, answers.get(id).asText());
            }
        }
        Question talk = questionnaire.question(TALK_MINUTES);
        long done = log.feedback(record.id()).stream().filter(FeedbackRecord::done).count();
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("assessment", record.id());
        point.put("createdAt", record.createdAt());
        point.put("path", stored.pathId());
        point.put("selfAssessmentYes", yes);
        point.put("warningSigns", signs);
        point.put("talkMinutes", talk == null || talk.isPrivate() || !answers.hasNonNull(TALK_MINUTES) ? null
                : answers.get(TALK_MINUTES).numberValue());
        point.put("focusDone", done);
        return point;
    }

    /** What differs between two points: each measure (and each warning sign) whose value moved. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(Map<String, Object> before, Map<String, Object> after) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (String measure : List.of("path", "selfAssessmentYes", "talkMinutes", "focusDone")) {
            change(changes, measure, before.get(measure), after.get(measure));
        }
        Map<String, Object> signsBefore = (Map<String, Object>) before.get("warningSigns");
        Map<String, Object> signsAfter = (Map<String, Object>) after.get("warningSigns");
        for (String sign : signsAfter.keySet()) {
            change(changes, "warningSigns." + sign, signsBefore.get(sign), signsAfter.get(sign));
        }
        return changes;
    }

    private static void change(List<Map<String, Object>> changes, String measure, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("measure", measure);
            change.put("from", from);
            change.put("to", to);
            changes.add(change);
        }
    }
}
