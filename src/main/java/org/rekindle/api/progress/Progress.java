package org.rekindle.api.progress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.AccessCheck;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.Serving;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.FeedbackRecord;
import org.rekindle.content.PlanPath;
import org.rekindle.content.ProgressContent;
import org.rekindle.content.Question;
import org.rekindle.content.Questionnaire;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.json.Json;
import org.rekindle.live.LiveRuleset;
import org.rekindle.ruleset.PrivateRules;
import org.rekindle.ruleset.Ruleset;

/**
 * {@code GET /v1/subjects/{subject}/progress}: a subject's assessments (those this app created) as the
 * series an app charts, oldest first, and what changed since the one before the latest. Each point has
 * the self-assessment yes-count, the warning signs' frequencies, the daily minutes of meaningful talk,
 * the path and how many focus steps the person marked done. Which section and question each of those
 * is, the plan file says ({@code summary: self_assessment} and {@code progress:}, see
 * {@link ProgressContent}); a measure it does not name is left out. Private answers are left out of
 * every point, and so is the path when a private answer chose it (safety, leaving): a chart may be
 * shown on a screen others see. The warning signs include those the self-assessment asks for them, at
 * the level the section counts them as.
 */
public final class Progress {

    private static final String NEVER = "never";

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
        Ruleset ruleset = Serving.ruleset(rulesets);
        Questionnaire questionnaire = ruleset.content().questionnaire();
        Measures measures = new Measures(ruleset.content().plan().summary().section(),
                ruleset.content().plan().progress());
        Set<String> hiddenPaths = privatePaths(ruleset);
        List<Map<String, Object>> series = new ArrayList<>(records.size());
        for (DecisionRecord record : records) {
            series.add(point(record, questionnaire, measures, hiddenPaths));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("assessments", series.size());
        body.put("series", series);
        body.put("changes", series.size() < 2 ? List.of()
                : changes(series.get(series.size() - 2), series.get(series.size() - 1)));
        ctx.json(body);
    }

    /**
     * The paths a private answer chooses (their finding is drawn by a private rule: the safety screen's,
     * "I have decided to leave"): a point on one of them gives no path, as if the plan file had none.
     */
    private static Set<String> privatePaths(Ruleset ruleset) {
        Set<String> hidden = PrivateRules.of(ruleset).findings();
        Set<String> paths = new HashSet<>();
        for (PlanPath path : ruleset.content().plan().paths()) {
            if (path.finding() != null && hidden.contains(path.finding())) {
                paths.add(path.id());
            }
        }
        return paths;
    }

    /** What the plan file says the chart reads: the self-assessment section, and {@code progress:}. */
    private record Measures(String yesSection, ProgressContent progress) {
    }

    private Map<String, Object> point(DecisionRecord record, Questionnaire questionnaire, Measures measures,
            Set<String> hiddenPaths) {
        // The answers and the path alone: a chart needs neither the trace nor the version's rules.
        JsonNode answers = Json.MAPPER.valueToTree(DecisionCodec.answers(record));
        String path = DecisionCodec.pathId(record);
        Integer yes = null;
        if (measures.yesSection() != null) {
            yes = 0;
            for (String id : questionnaire.questionIdsOf(measures.yesSection())) {
                if (!questionnaire.isPrivate(id) && "yes".equals(answers.path(id).asText(null))) {
                    yes++;
                }
            }
        }
        Map<String, Object> signs = new LinkedHashMap<>();
        String signsSection = measures.progress().signsSection();
        if (signsSection != null) {
            for (String id : questionnaire.questionIdsOf(signsSection)) {
                if (!questionnaire.isPrivate(id) && answers.hasNonNull(id)) {
                    signs.put(id, answers.get(id).asText());
                }
            }
        }
        // The signs the self-assessment already asks (not asked again): a yes is the level the section counts
        // it as, a no is never, as countAtLeast reads them.
        for (Questionnaire.Section section : questionnaire.sections()) {
            if (!section.id().equals(signsSection)) {
                continue;
            }
            for (Questionnaire.Reuse reuse : section.reuses()) {
                String value = answers.path(reuse.question()).asText(null);
                if (!questionnaire.isPrivate(reuse.question()) && ("yes".equals(value) || "no".equals(value))) {
                    signs.put(reuse.question(), "yes".equals(value) ? reuse.yesCountsAs() : NEVER);
                }
            }
        }
        String talkId = measures.progress().talkQuestion();
        Question talk = talkId == null ? null : questionnaire.question(talkId);
        long done = LatestFeedback.of(log.feedback(record.id())).stream().filter(FeedbackRecord::done).count();
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("assessment", record.id());
        point.put("createdAt", record.createdAt());
        point.put("path", hiddenPaths.contains(path) ? null : path);
        point.put("selfAssessmentYes", yes);
        point.put("warningSigns", signs);
        point.put("talkMinutes", talk == null || talk.isPrivate() || !answers.hasNonNull(talkId) ? null
                : answers.get(talkId).numberValue());
        point.put("focusDone", done);
        return point;
    }

    /** What differs between two points: each measure (and each warning sign) whose value moved. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(Map<String, Object> before, Map<String, Object> after) {
        List<Map<String, Object>> changes = new ArrayList<>();
        if (before.get("path") != null && after.get("path") != null) {
            // A path left out of a point (chosen by a private answer) is not told by a change either.
            change(changes, "path", before.get("path"), after.get("path"));
        }
        for (String measure : List.of("selfAssessmentYes", "talkMinutes", "focusDone")) {
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
