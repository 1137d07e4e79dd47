package org.rekindle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.rekindle.bundle.Bundle;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.model.Answers;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;
import org.rekindle.scenario.ScenarioCase;
import org.rekindle.scenario.ScenarioLoader;

/**
 * What every benchmark and the equivalence check start from: the ruleset compiled from the bench's frozen
 * copy of the rules and content, {@code bench/ruleset/rules} and {@code bench/ruleset/content} (exactly as
 * the server loads a ruleset), and the answer files of {@code bench/answers/}, parsed and validated once.
 * JSON is not part of any measurement.
 *
 * <p>The copy is frozen so that a coach's edit to {@code rules/} never needs a change to the hand-written
 * baseline, which mirrors the copy rule by rule; the two are refreshed together, on purpose (see
 * {@code bench/README.md}). The checkout is the working directory, or {@code -Drekindle.home=...}.
 */
public final class BenchData {

    /** One answer file, by name without {@code .json}. */
    public record AnswerFile(String name, Answers answers) {
    }

    /** The frozen copy, relative to the checkout. */
    static final String FROZEN = "bench/ruleset";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bundle bundle;
    private final Ruleset ruleset;
    private final List<AnswerFile> files;

    private BenchData(Bundle bundle, Ruleset ruleset, List<AnswerFile> files) {
        this.bundle = bundle;
        this.ruleset = ruleset;
        this.files = files;
    }

    public static Path home() {
        return Path.of(System.getProperty("rekindle.home", ".")).toAbsolutePath().normalize();
    }

    public static BenchData load() {
        Path home = home();
        Path frozen = home.resolve(FROZEN);
        Bundle bundle = Bundle.read(frozen.resolve("rules"), frozen.resolve("content"));
        RulesetLoader.Result loaded = RulesetLoader.load(bundle);
        if (!loaded.ok()) {
            throw new IllegalStateException("the bench's frozen ruleset in " + frozen + " is not valid: "
                    + loaded.problems() + " (check it with 'java -jar target/rekindle.jar validate --rules "
                    + FROZEN + "/rules --content " + FROZEN + "/content'; refresh it with the baseline as "
                    + "bench/README.md says)");
        }
        Ruleset ruleset = loaded.ruleset();
        List<AnswerFile> files = new ArrayList<>();
        Path dir = home.resolve("bench/answers");
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path path : listing.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = path.getFileName().toString().replaceFirst("\\.json$", "");
                files.add(new AnswerFile(name, ruleset.content().questionnaire().read(readBody(path))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the answer files in " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no answer files (*.json) in " + dir);
        }
        return new BenchData(bundle, ruleset, List.copyOf(files));
    }

    /** The {@code "answers"} object of a body as apps post it, decoded as the server decodes it (plain Jackson). */
    private static Map<String, Object> readBody(Path path) throws IOException {
        JsonNode body = JSON.readTree(Files.readAllBytes(path));
        JsonNode answers = body == null ? null : body.get("answers");
        if (answers == null || !answers.isObject()) {
            throw new IllegalStateException(path + ": expected {\"answers\": {...}}");
        }
        return JSON.convertValue(answers, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    public Bundle bundle() {
        return bundle;
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public List<AnswerFile> files() {
        return files;
    }

    /** The answer file called {@code name}. */
    public Answers file(String name) {
        for (AnswerFile file : files) {
            if (file.name().equals(name)) {
                return file.answers();
            }
        }
        throw new IllegalArgumentException("no answer file bench/answers/" + name + ".json; have "
                + files.stream().map(AnswerFile::name).toList());
    }

    /**
     * Every answer set the equivalence check runs: the answer files, then the answers of every scenario
     * case of the frozen copy ({@code bench/ruleset/rules/*.cases.yaml}, which between them make each rule
     * fire and not fire).
     */
    public Map<String, Answers> everyAnswerSet() {
        Map<String, Answers> all = new LinkedHashMap<>();
        for (AnswerFile file : files) {
            all.put("bench/answers/" + file.name() + ".json", file.answers());
        }
        for (ScenarioCase scenario : ScenarioLoader.load(bundle).cases()) {
            try {
                all.put(FROZEN + "/" + scenario.file() + ": " + scenario.name(),
                        ruleset.content().questionnaire().read(scenario.answers()));
            } catch (InvalidAnswers e) {
                // 'rekindle test' reports such a case; it has no decision to compare.
            }
        }
        return all;
    }
}
