package org.rekindle.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.ruleset.Spelling;

/** Reads the scenario cases of a bundle ({@code rules/*.cases.yaml}). */
public final class ScenarioLoader {

    /** The cases read, and the problems with files that could not be read. */
    public record Result(List<ScenarioCase> cases, List<Problem> problems) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> EXPECT_FIELDS = Set.of("cards", "absent", "fired", "notFired", "findings", "first",
            "path", "focus", "withheld");
    private static final Set<String> CASE_FIELDS = Set.of("name", "answers", "previous", "partners", "locale",
            "expect");

    /**
     * The most bytes of one cases file, and the most cases of a ruleset. Every case is evaluated on each
     * reload while the reload holds the ruleset's lock: tens of thousands of cases (a file a script
     * wrote, or a hostile one) would keep every later edit from going live. Far above the article's
     * (about 170 cases, the largest file 9 KB).
     */
    public static final int MAX_FILE_BYTES = 512 * 1024;
    public static final int MAX_CASES = 2_000;

    private ScenarioLoader() {
    }

    public static Result load(Bundle bundle) {
        List<ScenarioCase> cases = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (BundleFile file : bundle.files("rules/", ".cases.yaml")) {
            if (file.bytes().length > MAX_FILE_BYTES) {
                problems.add(Problem.inFile(file.path(), "is " + file.bytes().length / 1024 + " KiB; a cases file may "
                        + "hold at most " + MAX_FILE_BYTES / 1024 + " KiB, so none of its cases ran: split it by topic, "
                        + "or remove cases that repeat"));
                continue;
            }
            read(file, cases, problems);
            if (cases.size() > MAX_CASES) {
                problems.add(Problem.inFile(file.path(), "brings the scenario cases to " + cases.size() + "; a ruleset "
                        + "may have at most " + MAX_CASES + " cases (each runs on every reload), so none ran: remove "
                        + "cases that repeat"));
                return new Result(List.of(), List.copyOf(problems));
            }
        }
        return new Result(List.copyOf(cases), List.copyOf(problems));
    }

    private static void read(BundleFile file, List<ScenarioCase> cases, List<Problem> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(file.bytes());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("")
                    .strip();
            problems.add(new Problem(file.path(), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "this cases file cannot be read, so none of its cases ran (" + what + "); check the indentation "
                            + "here: each case starts with '- name:', and its answers: and expect: are indented under it"));
            return;
        } catch (IOException e) {
            problems.add(Problem.inFile(file.path(), "could not read: " + e.getMessage()));
            return;
        }
        if (root == null || !root.path("cases").isArray() || root.path("cases").isEmpty()) {
            problems.add(Problem.at(file.path(), 1, "expected a 'cases:' list with at least one case"));
            return;
        }
        String text = file.text();
        for (JsonNode node : root.path("cases")) {
            String name = node.path("name").asText("");
            int line = lineOf(text, name);
            if (name.isBlank()) {
                problems.add(Problem.at(file.path(), line, "every case needs a 'name'"));
                continue;
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!CASE_FIELDS.contains(field)) {
                    problems.add(Problem.at(file.path(), line, "case \"" + name + "\" has '" + field + "', which a "
                            + "case does not have" + Spelling.suggest(field, CASE_FIELDS) + "; a case has name, answers (or "
                            + "partners: a: and b: for a couple), previous, locale and expect"));
                }
            });
            JsonNode expect = node.path("expect");
            expect.fieldNames().forEachRemaining(field -> {
                if (!EXPECT_FIELDS.contains(field)) {
                    problems.add(Problem.at(file.path(), line, "case \"" + name + "\" expects unknown '" + field
                            + "'" + Spelling.suggest(field, EXPECT_FIELDS) + "; use " + EXPECT_FIELDS.stream().sorted().toList()));
                }
            });
            Map<String, Object> answers = new LinkedHashMap<>();
            node.path("answers").properties().forEach(e -> answers.put(e.getKey(), YAML.convertValue(
                    e.getValue(), Object.class)));
            Map<String, Map<String, Object>> partners = null;
            if (node.has("partners")) {
                partners = new LinkedHashMap<>();
                JsonNode both = node.path("partners");
                for (String label : List.of("a", "b")) {
                    Map<String, Object> side = new LinkedHashMap<>();
                    both.path(label).properties().forEach(e -> side.put(e.getKey(), YAML.convertValue(e.getValue(),
                            Object.class)));
                    partners.put(label, side);
                }
                List<String> labels = new ArrayList<>();
                both.fieldNames().forEachRemaining(labels::add);
                if (!labels.equals(List.of("a", "b")) || node.has("answers")) {
                    problems.add(Problem.at(file.path(), line, "case \"" + name + "\" gives partners " + labels
                            + (node.has("answers") ? " and answers" : "") + "; a couple case gives exactly "
                            + "partners: a: {...} and b: {...}, and no answers:"));
                }
            }
            Map<String, Object> previous = null;
            if (node.has("previous")) {
                previous = new LinkedHashMap<>();
                for (var e : node.path("previous").properties()) {
                    previous.put(e.getKey(), YAML.convertValue(e.getValue(), Object.class));
                }
                if (node.has("partners")) {
                    problems.add(Problem.at(file.path(), line, "case \"" + name + "\" gives partners and previous; "
                            + "previous: is the answers of one person's assessment before this one, for a case "
                            + "with answers:"));
                }
            }
            ScenarioCase scenario = new ScenarioCase(name, file.path(), line, answers, text(node, "locale"),
                    list(expect, "cards"), list(expect, "absent"), list(expect, "fired"), list(expect, "notFired"),
                    list(expect, "findings"), text(expect, "first"), text(expect, "path"),
                    expect.has("focus") ? list(expect, "focus") : null, list(expect, "withheld"), partners,
                    previous);
            if (scenario.expectsNothing()) {
                problems.add(Problem.at(file.path(), line, "case \"" + name + "\" expects nothing, so it can never "
                        + "fail; add expect: with cards, absent, fired, notFired, findings, first, path, focus or "
                        + "withheld"));
            }
            cases.add(scenario);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<String> list(JsonNode expect, String field) {
        List<String> values = new ArrayList<>();
        expect.path(field).forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private static int lineOf(String text, String name) {
        int index = name.isBlank() ? -1 : text.indexOf(name);
        return index < 0 ? 0 : (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
