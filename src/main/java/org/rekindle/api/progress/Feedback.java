package org.rekindle.api.progress;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;

import org.rekindle.api.access.AssessmentLookup;
import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.RequestBody;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.FeedbackRecord;
import org.rekindle.content.FieldProblem;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.live.RulesetArchive;
import org.rekindle.model.Because;

/**
 * Feedback on the cards of a stored assessment, in the CDS Hooks feedback shape:
 * {@code {feedback: [{card, outcome: accepted|overridden, overrideReason?: {reason, userComment?},
 * outcomeTimestamp, done?}]}}; {@code done: true} says a focus step was carried out. Each item names a
 * card of that assessment's plan; it is stored with the decision (durably, before the answer), counted
 * per rule and per card in {@code GET /v1/rules}, and erased with the decision. Apps reach only their
 * own assessments' feedback.
 */
public final class Feedback {

    static final Set<String> OUTCOMES = Set.of("accepted", "overridden");
    private static final Set<String> ITEM_FIELDS = Set.of("card", "outcome", "overrideReason", "outcomeTimestamp",
            "done");
    private static final int MAX_ITEMS = 100;
    private static final int MAX_TEXT = 1000;
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private final AssessmentLookup assessments;
    private final DecisionLog log;
    private final RulesetArchive archive;
    private final RequestBody body;
    private final Clock clock;

    /** @param archive the rules of each decision's version, which its stored firings are read with */
    public Feedback(AssessmentLookup assessments, DecisionLog log, RulesetArchive archive, RequestBody body,
            Clock clock) {
        this.assessments = assessments;
        this.log = log;
        this.archive = archive;
        this.body = body;
        this.clock = clock;
    }

    public void create(Context ctx) throws JsonProcessingException {
        DecisionRecord record = assessments.find(ctx);
        JsonNode json = body.json(ctx);
        Shown shown = shown(record, archive);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String received = now.toString();
        List<FieldProblem> problems = new ArrayList<>();
        List<FeedbackRecord> items = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw ApiError.badRequest("invalid_body", "", "the body must be a JSON object: {\"feedback\": [...]}");
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!name.equals("feedback")) {
                problems.add(new FieldProblem(name, "unknown field; the body has only \"feedback\""));
            }
        });
        JsonNode list = json.get("feedback");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_ITEMS) {
            problems.add(new FieldProblem("feedback", "must be a list of 1 to " + MAX_ITEMS + " items"));
        } else {
            Set<String> cards = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String field = "feedback[" + i + "]";
                FeedbackRecord item = item(list.get(i), field, record.id(), shown, received, now, problems);
                if (item != null && !cards.add(item.card())) {
                    // Two words on one card at the same moment: which one the person meant cannot be told.
                    problems.add(new FieldProblem(field + ".card", "'" + item.card() + "' has feedback earlier in "
                            + "this list; send one item per card (a later request may change it)"));
                } else if (item != null) {
                    items.add(item);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_body", "the request body is not valid; see errors", problems);
        }
        log.appendFeedback(items);
        ctx.status(201).json(view(record.id(), log.feedback(record.id())));
    }

    public void list(Context ctx) {
        DecisionRecord record = assessments.find(ctx);
        ctx.json(view(record.id(), log.feedback(record.id())));
    }

    private static Map<String, Object> view(String id, List<FeedbackRecord> items) {
        List<Map<String, Object>> feedback = new ArrayList<>(items.size());
        for (FeedbackRecord item : items) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("card", item.card());
            one.put("outcome", item.outcome());
            if (item.reason() != null) {
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("reason", item.reason());
                if (item.userComment() != null) {
                    reason.put("userComment", item.userComment());
                }
                one.put("overrideReason", reason);
            }
            one.put("outcomeTimestamp", item.outcomeAt());
            one.put("done", item.done());
            feedback.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assessment", id);
        body.put("feedback", feedback);
        return body;
    }

    private static FeedbackRecord item(JsonNode node, String field, String id, Shown shown, String received,
            Instant now, List<FieldProblem> problems) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(field, "must be an object {card, outcome, outcomeTimestamp}"));
            return null;
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(name -> {
            if (!ITEM_FIELDS.contains(name)) {
                problems.add(new FieldProblem(field + "." + name, "unknown field; an item may have " + ITEM_FIELDS));
            }
        });
        String card = node.path("card").isTextual() ? node.get("card").asText() : null;
        if (card == null || !shown.rules().containsKey(card)) {
            problems.add(new FieldProblem(field + ".card", card == null ? "missing: the id of a card of this plan"
                    : "this assessment's plan has no card '" + card + "'"));
        }
        String outcome = node.path("outcome").isTextual() ? node.get("outcome").asText() : null;
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            problems.add(new FieldProblem(field + ".outcome", "must be \"accepted\" or \"overridden\""));
        }
        String reason = null;
        String comment = null;
        JsonNode override = node.get("overrideReason");
        if (override != null) {
            if (!"overridden".equals(outcome) || !override.isObject() || !override.path("reason").isTextual()) {
                problems.add(new FieldProblem(field + ".overrideReason", "only with outcome \"overridden\": "
                        + "{reason, userComment?}, both text"));
            } else {
                reason = text(override.get("reason"), field + ".overrideReason.reason", problems);
                comment = override.has("userComment")
                        ? text(override.get("userComment"), field + ".overrideReason.userComment", problems) : null;
                override.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("reason") && !name.equals("userComment")) {
                        problems.add(new FieldProblem(field + ".overrideReason." + name,
                                "unknown field; an override reason has reason and userComment"));
                    }
                });
            }
        }
        String at = outcomeAt(node.get("outcomeTimestamp"), field + ".outcomeTimestamp", now, problems);
        boolean done = false;
        if (node.has("done")) {
            if (!node.get("done").isBoolean()) {
                problems.add(new FieldProblem(field + ".done", "must be true or false"));
            } else if (node.get("done").asBoolean() && card != null && !shown.focus().contains(card)) {
                problems.add(new FieldProblem(field + ".done", "'" + card + "' is not a step of this plan's focus"));
            } else if (node.get("done").asBoolean() && "overridden".equals(outcome)) {
                problems.add(new FieldProblem(field + ".done", "a step carried out was not overridden: send "
                        + "\"outcome\": \"accepted\" with \"done\": true"));
            } else {
                done = node.get("done").asBoolean();
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new FeedbackRecord(id, card, shown.rules().get(card), outcome, done, reason, comment, at, received);
    }

    private static String text(JsonNode node, String field, List<FieldProblem> problems) {
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_TEXT) {
            problems.add(new FieldProblem(field, "must be text of 1 to " + MAX_TEXT + " characters"));
            return null;
        }
        String text = node.asText();
        if (CONTROL.matcher(text).find()) {
            // PostgreSQL's text cannot hold a NUL, and no person typed one: refused on both databases alike.
            problems.add(new FieldProblem(field, "must be plain text: no control characters (such as \\u0000) "
                    + "other than tab and line breaks"));
            return null;
        }
        return text;
    }

    /**
     * When the person acted: an RFC 3339 time with a four-digit year (as every client's date-time parser
     * reads it back), not later than a day from now.
     */
    private static String outcomeAt(JsonNode node, String field, Instant now, List<FieldProblem> problems) {
        String text = node != null && node.isTextual() ? node.asText() : "";
        Instant at = null;
        if (RFC_3339.matcher(text).matches()) {
            try {
                at = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                at = null;
            }
        }
        if (at == null) {
            problems.add(new FieldProblem(field, "must be an RFC 3339 time such as 2026-11-30T09:30:00Z"));
            return null;
        }
        if (at.isAfter(now.plus(1, ChronoUnit.DAYS))) {
            problems.add(new FieldProblem(field, "is in the future; send when the person acted"));
            return null;
        }
        return at.toString();
    }

    /** The cards of a stored plan, each with the rules that showed it, and its focus. */
    private record Shown(Map<String, List<String>> rules, Set<String> focus) {
    }

    private static Shown shown(DecisionRecord record, RulesetArchive archive) {
        StoredDecision stored = DecisionCodec.read(record, archive::rules);
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (StoredDecision.StoredCard card : stored.cards()) {
            Set<String> ids = new LinkedHashSet<>();
            for (Because because : card.because()) {
                if (because.ruleId() != null) {
                    ids.add(because.ruleId());
                }
            }
            rules.put(card.id(), List.copyOf(ids));
        }
        return new Shown(rules, new LinkedHashSet<>(stored.focus()));
    }
}
