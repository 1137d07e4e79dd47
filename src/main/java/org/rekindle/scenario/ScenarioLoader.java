package org.rekindle.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.content.Content;
import org.rekindle.content.YamlFile;
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
        YamlFile yaml = YamlFile.read(file, "none of its cases run", problems);
        if (yaml == null) {
            return;
        }
        JsonNode root = yaml.root();
        if (!root.path("cases").isArray() || root.path("cases").isEmpty()) {
            YamlFile.Spot at = yaml.spot("/cases");
            problems.add(new Problem(file.path(), at.line(), at.column(), "expected a 'cases:' list with at least one "
                    + "case, each starting with '- name:' (docs/AUTHORING.md, \"Scenario cases\")"));
            return;
        }
        int index = 0;
        for (JsonNode node : root.path("cases")) {
            String pointer = "/cases/" + index++;
            YamlFile.Spot at = yaml.spot(pointer + "/name");
            Map<String, YamlFile.Spot> spots = yaml.spotsUnder(pointer);
            String name = node.path("name").asText("");
            if (!node.isObject() || name.isBlank()) {
                problems.add(new Problem(file.path(), at.line(), at.column(), "every case needs a 'name': start it "
                        + "with '- name: <what the case shows>'"));
                continue;
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!CASE_FIELDS.contains(field)) {
                    YamlFile.Spot key = yaml.spot(pointer + "/" + YamlFile.segment(field));
                    problems.add(new Problem(file.path(), key.line(), key.column(), "case \"" + name + "\" has '"
                            + field + "', which a case does not have" + Spelling.suggest(field, CASE_FIELDS)
                            + "; a case has name, answers (or partners: a: and b: for a couple), previous, locale and "
                            + "expect"));
                }
            });
            for (String field : List.of("answers", "previous", "expect", "partners", "partners/a", "partners/b")) {
                JsonNode value = node.at("/" + field);
                if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
                    YamlFile.Spot key = yaml.spot(pointer + "/" + field);
                    problems.add(new Problem(file.path(), key.line(), key.column(), "case \"" + name + "\" has "
                            + field.replace('/', '.') + " that is not 'key: value' lines; write "
                            + (field.equals("expect") ? "expect: with cards:, fired:, ... under it"
                                    : field.equals("partners") ? "partners: with a: and b: under it"
                                    : field.replace("partners/", "") + ": {question_id: answer, ...}")));
                }
            }
            String locale = text(node, "locale");
            if (locale != null && !Content.LOCALE_TAG.matcher(locale).matches()) {
                YamlFile.Spot key = yaml.spot(pointer + "/locale");
                problems.add(new Problem(file.path(), key.line(), key.column(), "case \"" + name + "\" has locale '"
                        + locale + "', which is not a language tag an app may send; write one such as en-GB or es"));
            }
            JsonNode expect = node.path("expect");
            expect.fieldNames().forEachRemaining(field -> {
                if (!EXPECT_FIELDS.contains(field)) {
                    YamlFile.Spot key = yaml.spot(pointer + "/expect/" + YamlFile.segment(field));
                    problems.add(new Problem(file.path(), key.line(), key.column(), "case \"" + name
                            + "\" expects unknown '" + field + "'" + Spelling.suggest(field, EXPECT_FIELDS) + "; use "
                            + EXPECT_FIELDS.stream().sorted().toList()));
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
                    YamlFile.Spot key = yaml.spot(pointer + "/partners");
                    problems.add(new Problem(file.path(), key.line(), key.column(), "case \"" + name
                            + "\" gives partners " + labels + (node.has("answers") ? " and answers" : "")
                            + "; a couple case gives exactly partners: a: {...} and b: {...}, and no answers:"));
                }
            }
            Map<String, Object> previous = null;
            if (node.has("previous")) {
                previous = new LinkedHashMap<>();
                for (var e : node.path("previous").properties()) {
                    previous.put(e.getKey(), YAML.convertValue(e.getValue(), Object.class));
                }
                if (node.has("partners")) {
                    YamlFile.Spot key = yaml.spot(pointer + "/previous");
                    problems.add(new Problem(file.path(), key.line(), key.column(), "case \"" + name
                            + "\" gives partners and previous; previous: is the answers of one person's assessment "
                            + "before this one, for a case with answers:"));
                }
            }
            ScenarioCase scenario = new ScenarioCase(name, file.path(), at.line(), at.column(), answers, locale, list(expect, "cards"), list(expect, "absent"), list(expect, "fired"),
                    list(expect, "notFired"), list(expect, "findings"), text(expect, "first"), text(expect, "path"),
                    expect.has("focus") ? list(expect, "focus") : null, list(expect, "withheld"), partners,
                    previous, spots);
            if (scenario.expectsNothing()) {
                problems.add(new Problem(file.path(), at.line(), at.column(), "case \"" + name + "\" expects nothing, "
                        + "so it can never fail; add expect: with cards, absent, fired, notFired, findings, first, "
                        + "path, focus or withheld"));
            }
            cases.add(scenario);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** A list of ids; one id written without brackets ({@code absent: safety_help}) is a list of one, not none. */
    private static List<String> list(JsonNode expect, String field) {
        JsonNode node = expect.path(field);
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }
}
