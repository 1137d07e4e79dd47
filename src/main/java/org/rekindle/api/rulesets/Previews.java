package org.rekindle.api.rulesets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;

import org.rekindle.api.http.ApiError;
import org.rekindle.api.http.RequestBody;
import org.rekindle.api.http.Serving;
import org.rekindle.audit.DecisionLog;
import org.rekindle.bundle.Bundle;
import org.rekindle.content.FieldProblem;
import org.rekindle.live.LiveRuleset;
import org.rekindle.replay.Impact;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * {@code POST /v1/admin/preview}: what an edit would change before it is published. The edit is a set
 * of files written over the live ruleset's files (and files taken out); the candidate is compiled and
 * cross-checked like a reload (422 with every problem when it is not valid), its scenario cases are
 * run, and the most recent stored assessments are evaluated with the live ruleset and the candidate
 * to list those that would change. Nothing goes live and nothing is stored.
 */
public final class Previews {

    static final int DEFAULT_LIMIT = 100;
    /** Each stored decision read carries its plan and trace (tens of KiB): bound what one request holds. */
    static final int MAX_LIMIT = 1000;

    /**
     * The body: {@code {files: {"rules/x.drl": "text" | {"base64": "..."}}, remove: ["content/..."], limit}}.
     */
    record Request(Map<String, byte[]> files, List<String> remove, int limit) {

        private static final Set<String> FIELDS = Set.of("files", "remove", "limit");

        static Request read(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw ApiError.badRequest("invalid_body", "", "the body must be a JSON object: "
                        + "{\"files\": {\"rules/<topic>.drl\": \"<text>\"}, \"remove\": [], \"limit\": 100}");
            }
            List<FieldProblem> problems = new ArrayList<>();
            body.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    problems.add(new FieldProblem(name, "unknown field; the body may have " + FIELDS));
                }
            });
            Map<String, byte[]> files = new LinkedHashMap<>();
            JsonNode filesNode = body.path("files");
            if (!filesNode.isMissingNode() && !filesNode.isObject()) {
                problems.add(new FieldProblem("files", "must be an object of bundle path to file text"));
            }
            filesNode.properties().forEach(entry -> {
                String field = "files." + entry.getKey();
                byte[] bytes = bytes(entry.getValue(), field, problems);
                if (!Bundle.belongs(entry.getKey())) {
                    problems.add(new FieldProblem(field, "not a rule or content file path: use rules/<topic>.drl, "
                            + "rules/<topic>.drl.csv, rules/<topic>.cases.yaml or content/<folder>/<name>.yaml"));
                } else if (bytes != null) {
                    files.put(entry.getKey(), bytes);
                }
            });
            List<String> remove = new ArrayList<>();
            JsonNode removeNode = body.path("remove");
            if (!removeNode.isMissingNode() && !removeNode.isArray()) {
                problems.add(new FieldProblem("remove", "must be an array of bundle paths"));
            }
            for (int i = 0; i < removeNode.size(); i++) {
                JsonNode path = removeNode.get(i);
                if (path == null || !path.isTextual()) {
                    problems.add(new FieldProblem("remove[" + i + "]", "must be a bundle path such as rules/x.drl"));
                } else if (files.containsKey(path.asText())) {
                    problems.add(new FieldProblem("remove[" + i + "]", "is also in files; send it in one of them"));
                } else {
                    remove.add(path.asText());
                }
            }
            int limit = DEFAULT_LIMIT;
            JsonNode limitNode = body.path("limit");
            if (!limitNode.isMissingNode()) {
                long value = limitNode.asLong();
                if (!limitNode.canConvertToExactIntegral() || value < 1 || value > MAX_LIMIT) {
                    problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
                } else {
                    limit = limitNode.asInt();
                }
            }
            if (!problems.isEmpty()) {
                throw new ApiError(400, "invalid_body", "the preview request is not valid; see errors", problems);
            }
            return new Request(files, List.copyOf(remove), limit);
        }

        private static byte[] bytes(JsonNode value, String field, List<FieldProblem> problems) {
            if (value.isTextual()) {
                return value.asText().getBytes(StandardCharsets.UTF_8);
            }
            if (value.isObject() && value.size() == 1 && value.path("base64").isTextual()) {
                try {
                    return Base64.getDecoder().decode(value.path("base64").asText());
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldProblem(field + ".base64", "is not valid base64"));
                    return null;
                }
            }
            problems.add(new FieldProblem(field, "must be the file's text, or {\"base64\": \"...\"} for a "
                    + "spreadsheet"));
            return null;
        }
    }

    private final LiveRuleset rulesets;
    private final DecisionLog log;
    private final RequestBody body;

    public Previews(LiveRuleset rulesets, DecisionLog log, RequestBody body) {
        this.rulesets = rulesets;
        this.log = log;
        this.body = body;
    }

    public void preview(Context ctx) {
        Request request = Request.read(body.json(ctx));
        Ruleset live = Serving.ruleset(rulesets);
        Bundle candidate;
        try {
            candidate = live.bundle().with(request.files(), request.remove());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_body", "remove", e.getMessage());
        }
        Acceptance.Verdict verdict = Acceptance.of(candidate, rulesets.limits());
        if (verdict.ruleset() == null) {
            throw ApiError.invalidRuleset(422, "candidate_invalid", "the candidate (version " + candidate.version()
                    + ") is not valid: " + verdict.problems().size() + " problem(s); fix them and preview again",
                    verdict.problems());
        }
        ctx.json(Impact.of(live, verdict, log.recent(request.limit())));
    }
}
