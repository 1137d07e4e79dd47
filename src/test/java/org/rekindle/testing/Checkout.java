package org.rekindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * Replaces the first {@code from} in {@code file} with {@code to}, as a coach's edit; fails the test
     * when {@code from} is not there (so a test cannot silently edit nothing).
     */
    public static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            int at = text.indexOf(from);
            if (at < 0) {
                throw new AssertionError("no '" + from + "' in " + file);
            }
            Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code bundle} with the first match of {@code regex} in the rule file {@code rules/<name>} replaced, as
     * a coach's edit of an archived version; fails the test when nothing matches (so a test cannot
     * silently edit nothing).
     */
    public static Bundle withRuleEdited(Bundle bundle, String name, String regex, String replacement) {
        String drl = new String(bundle.files("rules/", name).get(0).bytes(), StandardCharsets.UTF_8);
        String edited = drl.replaceFirst(regex, replacement);
        if (edited.equals(drl)) {
            throw new AssertionError("no match of " + regex + " in rules/" + name);
        }
        return bundle.with(Map.of("rules/" + name, edited.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    /**
     * A rule to append to {@code rules/next_move.drl}: it shows {@code card} (an existing content id)
     * when exactly {@code minutes} minutes of talk a day were answered, which no scenario case answers.
     */
    public static String probeRule(String id, int minutes, String card) {
        return "\nrule \"Probe " + id + "\"\n"
                + "    @id(\"next_move." + id + "\")\n"
                + "    @source(\"Rekindle tests\")\n"
                + "    @reason(\"You talk {talk_minutes_per_day} minutes a day.\")\n"
                + "when\n"
                + "    Answers( number(\"talk_minutes_per_day\") == " + minutes + " )\n"
                + "then\n"
                + "    insert(new Show(\"" + card + "\"));\n"
                + "end\n";
    }

    /**
     * The scenario case that goes with {@link #probeRule} (to append to {@code rules/next_move.cases.yaml}):
     * every rule needs a case that makes it fire, or the edit does not go live.
     */
    public static String probeCase(String id, int minutes) {
        return "\n  - name: Probe " + id + " fires at " + minutes + " minutes\n"
                + "    answers: {talk_minutes_per_day: " + minutes + "}\n"
                + "    expect:\n"
                + "      fired: [next_move." + id + "]\n";
    }

    /** Copies the folder {@code from}, everything in it, into {@code to} (a fixture a test may edit). */
    public static void copy(Path from, Path to) {
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
