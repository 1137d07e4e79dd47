package org.rekindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.rekindle.bundle.Bundle;
import org.rekindle.content.Question;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;

/** The checkout's own rules and content, and copies of them a test may break. */
public final class Checkout {

    public static final Path RULES = Path.of("rules");
    public static final Path CONTENT = Path.of("content");

    private static Ruleset ruleset;

    private Checkout() {
    }

    public static Bundle bundle() {
        return Bundle.read(RULES, CONTENT);
    }

    /** The checkout's ruleset, loaded once per test JVM; fails the test with every problem if invalid. */
    public static synchronized Ruleset ruleset() {
        if (ruleset == null) {
            RulesetLoader.Result result = RulesetLoader.load(bundle());
            if (!result.ok()) {
                throw new AssertionError("the checkout's ruleset is not valid:\n" + result.problems());
            }
            ruleset = result.ruleset();
        }
        return ruleset;
    }

    /** Copies rules/ and content/ into {@code dir} (as dir/rules and dir/content) for a test to edit. */
    public static void copyTo(Path dir) {
        copy(RULES, dir.resolve("rules"));
        copy(CONTENT, dir.resolve("content"));
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An answer set that answers every question with its most worrying value: yes, always, every option,
     * the first option of a choice, the lowest number. It makes most rules fire.
     */
    public static Map<String, Object> everythingWrong(boolean safetyPositive) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question question : ruleset().content().questionnaire().questions()) {
            Object value = switch (question.type()) {
                case YES_NO -> "yes";
                case FREQUENCY -> "always";
                case CHOICE -> question.options().get(0).value();
                case MULTI_CHOICE -> question.options().stream().map(o -> o.value())
                        .filter(v -> !v.startsWith("none")).toList();
                case NUMBER -> question.min() == null ? 0 : question.min();
            };
            answers.put(question.id(), value);
        }
        if (!safetyPositive) {
            ruleset().content().questionnaire().questionIdsOf("safety").forEach(id -> answers.put(id, "no"));
        }
        return answers;
    }

    public static List<String> cardIds(org.rekindle.engine.Decision decision) {
        return decision.plan().cards().stream().map(c -> c.id()).toList();
    }
}
