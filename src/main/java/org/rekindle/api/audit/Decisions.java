package org.rekindle.api.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;

import org.rekindle.json.Json;
import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.audit.DecisionLog;
import org.rekindle.audit.DecisionQuery;
import org.rekindle.audit.DecisionSummary;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.live.LiveRuleset;
import org.rekindle.live.RulesetArchive;

/**
 * The decision log, queried by auditors: {@code GET /v1/decisions} lists decisions by time range,
 * ruleset version, rule, card and path, newest first, a page at a time; {@code /v1/decisions/counts}
 * counts a period per rule, card and path; {@code /v1/decisions/export} streams a period as NDJSON,
 * one decision a line, private answers masked for tokens without the scope.
 */
public final class Decisions {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final LiveRuleset rulesets;
    private final DecisionLog log;
    private final RulesetArchive archive;

    public Decisions(LiveRuleset rulesets, DecisionLog log, RulesetArchive archive) {
        this.rulesets = rulesets;
        this.log = log;
        this.archive = archive;
    }

    public void list(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        DecisionQuery query = new DecisionQuery(instant(ctx, "from"), instant(ctx, "to"), id(ctx, "version"),
                id(ctx, "rule"), id(ctx, "card"), id(ctx, "path"), cursor(ctx.queryParam("cursor")), limit);
        List<DecisionSummary> found = log.query(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decisions", found);
        if (found.size() == limit) {
            DecisionSummary last = found.get(found.size() - 1);
            body.put("next", Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|"
                    + last.id()).getBytes(StandardCharsets.UTF_8)));
        }
        ctx.json(body);
    }

    public void counts(Context ctx) {
        ctx.json(log.counts(instant(ctx, "from"), instant(ctx, "to")));
    }

    public void export(Context ctx) throws IOException {
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        Map<String, AnswerMask> masks = new HashMap<>();
        ctx.contentType("application/x-ndjson");
        OutputStream out = ctx.outputStream();
        try {
            log.export(from, to, record -> {
                AnswerMask mask = masks.computeIfAbsent(record.rulesetVersion(), version -> {
                    try {
                        return AnswerMask.forCaller(ctx, () -> AnswerMask.liveAnd(rulesets, archive.content(version)));
                    } catch (RulesetArchive.Unavailable e) {
                        // Its questionnaire is gone: mask by today's, and every answer if today's has none.
                        return AnswerMask.forCaller(ctx, () -> AnswerMask.liveAnd(rulesets,
                                rulesets.current().orElseThrow().ruleset().content()));
                    }
                });
                try {
                    out.write(Json.MAPPER.writeValueAsBytes(line(record, mask, archive)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One decision of an export: the row as stored, the JSON columns as JSON, private answers masked. A trace
     * of the fourth form is given as the third form kept it ({@link DecisionCodec#exportedTrace}), with what
     * the rules of its version say of each firing, so that a line reads on its own; as stored when those
     * rules cannot be read or the row does not fit them.
     *
     * @param archive the rules of each decision's version
     */
    public static JsonNode line(DecisionRecord record, AnswerMask mask, RulesetArchive archive) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("id", record.id());
        line.put("createdAt", record.createdAt().toString());
        line.put("rulesetVersion", record.rulesetVersion());
        line.put("subject", record.subject());
        line.put("couple", record.couple());
        line.put("partner", record.partner());
        try {
            line.set("answers", Json.MAPPER.readTree(record.answersJson()));
            line.set("plan", Json.MAPPER.readTree(record.planJson()));
            line.set("trace", trace(record, archive));
        } catch (IOException e) {
            throw new IllegalStateException("decision " + record.id() + " is not stored as valid JSON", null);
        }
        return mask.apply(line);
    }

    /** The trace as {@link DecisionCodec#exportedTrace} gives it, or as stored when that cannot be done. */
    private static JsonNode trace(DecisionRecord record, RulesetArchive archive) throws IOException {
        try {
            return DecisionCodec.exportedTrace(record, archive::rules);
        } catch (RulesetArchive.Unavailable | IllegalStateException e) {
            // An export gives every row of its period: this one as stored.
            return Json.MAPPER.readTree(record.traceJson());
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("invalid_limit", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_time", name, name + " must be a UTC time such as 2026-11-01T00:00:00Z");
        }
    }

    private static String id(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? null : Pseudonym.require(name, value);
    }

    private static DecisionQuery.Cursor cursor(String value) {
        if (value == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            return new DecisionQuery.Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw ApiError.badRequest("invalid_cursor", "cursor", "cursor must be the 'next' of a previous page");
        }
    }
}
