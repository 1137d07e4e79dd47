package org.rekindle.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.model.Answers;

/**
 * Reads {@code content/questionnaire/*.yaml}, {@code content/guidance/*.yaml}, the plan file
 * {@code content/plan.yaml}, {@code content/help_lines.yaml} and the translations under
 * {@code content/locales/} (see {@link TranslationReader}) of a bundle. Pure:
 * it reports every problem it finds with file and line and never throws for a bad file.
 */
public final class ContentLoader {

    /**
     * What loading produced: the content (possibly partial), the problems that make it unusable, and
     * notes that do not (how much of each translation falls back to the default texts).
     *
     * @param unread the questionnaire and guidance files that could not be read at all (not YAML, not
     *               UTF-8, empty): the content lacks everything they hold, so checking rules against it
     *               would report every id they define as missing
     */
    public record Result(Content content, List<Problem> problems, List<Problem> notes, List<String> unread) {
    }

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    static final List<Option> YES_NO = List.of(new Option("yes", "Yes"), new Option("no", "No"));
    static final List<Option> FREQUENCY = Answers.FREQUENCY_SCALE.stream()
            .map(v -> new Option(v, Character.toUpperCase(v.charAt(0)) + v.substring(1))).toList();

    private ContentLoader() {
    }

    public static Result load(Bundle bundle) {
        List<Problem> problems = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        List<BundleFile> questionnaireFiles = bundle.files("content/questionnaire/", "");
        Questionnaire questionnaire = readQuestionnaire(questionnaireFiles.stream()
                .filter(file -> !file.path().startsWith(FormReader.FOLDER)).toList(), problems, unread);
        Library library = readLibrary(bundle.files("content/guidance/", ""), problems, unread);
        if (questionnaire.sections().isEmpty() && unread.isEmpty()) {
            problems.add(Problem.inFile("content/questionnaire/", "no questionnaire files found"));
        }
        if (!unread.isEmpty()) {
            // The forms, the plan and the help lines name questions and cards: checked against a questionnaire
            // or a library that lacks a whole file, each id that file defines would be reported missing. They
            // are only read for their own syntax until the file that could not be read is fixed.
            for (String file : List.of(FormReader.FOLDER, PlanFileReader.PLAN_FILE, PlanFileReader.HELP_LINES_FILE)) {
                bundle.files(file, "").forEach(f -> parse(f, problems));
            }
            Content partial = new Content(questionnaire, library, PlanBook.NONE, HelpLines.NONE);
            return new Result(partial, problems, List.of(), List.copyOf(unread));
        }
        questionnaire = questionnaire.withForms(FormReader.read(bundle.files(FormReader.FOLDER, ""),
                questionnaire, problems));
        PlanBook plan = PlanFileReader.readPlan(bundle.files(PlanFileReader.PLAN_FILE, ""), library,
                questionnaire, problems);
        HelpLines helpLines = PlanFileReader.readHelpLines(bundle.files(PlanFileReader.HELP_LINES_FILE, ""), library,
                problems);
        Content content = new Content(questionnaire, library, plan, helpLines);
        List<Problem> notes = new ArrayList<>();
        // A translation is checked against the default's ids: against a broken default it would only echo
        // the default's problems, so it is read once the default is sound.
        Map<String, Content> translations = problems.isEmpty()
                ? TranslationReader.read(bundle, content, problems, notes) : Map.of();
        return new Result(new Content(questionnaire, library, plan, helpLines, Content.DEFAULT_LOCALE, translations),
                problems, notes, List.of());
    }

    // --- questionnaire ------------------------------------------------------------------------

    private static Questionnaire readQuestionnaire(List<BundleFile> files, List<Problem> problems,
            List<String> unread) {
        List<Questionnaire.Section> sections = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Map<String, BundleFile> fileOf = new HashMap<>();
        Map<String, BundleFile> sectionFiles = new HashMap<>();
        for (BundleFile file : files) {
            JsonNode root = parse(file, problems);
            if (root == null) {
                unread.add(file.path());
                continue;
            }
            String sectionId = requireId(root, "section", file, problems);
            String title = root.path("title").asText("");
            boolean sectionPrivate = root.path("private").asBoolean(false);
            List<Question> questions = new ArrayList<>();
            List<Questionnaire.Reuse> reuses = new ArrayList<>();
            for (JsonNode node : root.path("reuses")) {
                reuses.add(new Questionnaire.Reuse(node.path("question").asText(""), node.path("yesCountsAs").asText("")));
            }
            for (JsonNode node : root.path("questions")) {
                Question question = readQuestion(node, sectionId, sectionPrivate, file, problems);
                if (question == null) {
                    continue;
                }
                String earlier = seen.putIfAbsent(question.id(), file.path());
                if (earlier != null) {
                    problems.add(at(file, "id: " + question.id(), "question id '" + question.id()
                            + "' is already used in " + earlier + "; question ids must be unique"));
                    continue;
                }
                fileOf.put(question.id(), file);
                questions.add(question);
            }
            if (questions.isEmpty()) {
                problems.add(Problem.inFile(file.path(), "the section has no questions; add a 'questions:' list"));
            }
            if (sectionId != null) {
                sections.add(new Questionnaire.Section(sectionId, title, text(root, "description"),
                        root.path("order").asInt(100), sectionPrivate, List.copyOf(questions), reuses));
                sectionFiles.put(sectionId, file);
            }
        }
        sections.sort(Comparator.comparingInt(Questionnaire.Section::order));
        Questionnaire questionnaire = new Questionnaire(sections);
        if (unread.isEmpty()) { // questions may name questions of any section: not while a section is missing
            QuestionnaireCheck.check(questionnaire, fileOf, problems);
            checkReuses(questionnaire, sectionFiles, problems);
        }
        return questionnaire;
    }

    /**
     * A section reuses another section's yes/no answer instead of asking again: the question must exist,
     * be a yes/no question of another section that the partner may see (a count over a shared section
     * must not carry a private answer), and a yes must stand for a frequency level.
     */
    private static void checkReuses(Questionnaire questionnaire, Map<String, BundleFile> sectionFiles,
            List<Problem> problems) {
        for (Questionnaire.Section section : questionnaire.sections()) {
            BundleFile file = sectionFiles.get(section.id());
            for (Questionnaire.Reuse reuse : section.reuses()) {
                String where = "question: " + reuse.question();
                Question question = questionnaire.question(reuse.question());
                if (question == null) {
                    problems.add(at(file, where, "section '" + section.id() + "' reuses question '" + reuse.question()
                            + "', which is not in content/questionnaire/; name a yes/no question of another section"));
                } else if (question.type() != QuestionType.YES_NO) {
                    problems.add(at(file, where, "section '" + section.id() + "' reuses '" + reuse.question()
                            + "', a " + question.type().wireName() + " question; only a yes/no answer can be reused"));
                } else if (question.section().equals(section.id())) {
                    problems.add(at(file, where, "section '" + section.id() + "' reuses its own question '"
                            + reuse.question() + "'; reuse a question of another section, or take the line out"));
                } else if (questionnaire.isPrivate(question.id()) && !section.isPrivate()) {
                    problems.add(at(file, where, "section '" + section.id() + "' reuses the private question '"
                            + reuse.question() + "'; counts over a section the partner may see must not carry a "
                            + "private answer"));
                }
                if (!Answers.FREQUENCY_SCALE.contains(reuse.yesCountsAs())) {
                    problems.add(at(file, where, "section '" + section.id() + "' reuses '" + reuse.question()
                            + "' with yesCountsAs: '" + reuse.yesCountsAs() + "'; write one of "
                            + Answers.FREQUENCY_SCALE));
                }
            }
        }
    }

    private static final Set<String> QUESTION_FIELDS = Set.of("id", "type", "text", "options", "min", "max", "unit",
            "private", "required", "sharpens", "help", "enableWhen", "exclusive");

    private static Question readQuestion(JsonNode node, String section, boolean sectionPrivate, BundleFile file,
            List<Problem> problems) {
        String id = requireId(node, "id", file, problems);
        if (id == null) {
            return null;
        }
        String text = node.path("text").asText("");
        if (text.isBlank()) {
            problems.add(at(file, "id: " + id, "question '" + id + "' has no text"));
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!QUESTION_FIELDS.contains(field)) {
                problems.add(atField(file, id, field, "question '" + id + "' has unknown field '" + field
                        + "'; fields are " + new TreeSet<>(QUESTION_FIELDS)));
            }
        });
        String typeName = node.path("type").asText("");
        QuestionType type = QuestionType.fromWire(typeName).orElse(null);
        if (type == null) {
            problems.add(at(file, "id: " + id, "question '" + id + "' has type '" + typeName
                    + "'; use one of yes_no, frequency, choice, multi_choice, number"));
            return null;
        }
        List<Option> options = switch (type) {
            case YES_NO -> YES_NO;
            case FREQUENCY -> FREQUENCY;
            case NUMBER -> List.of();
            case CHOICE, MULTI_CHOICE -> readOptions(node, id, file, problems);
        };
        Double min = node.hasNonNull("min") ? node.get("min").asDouble() : null;
        Double max = node.hasNonNull("max") ? node.get("max").asDouble() : null;
        String unit = node.hasNonNull("unit") ? node.get("unit").asText() : null;
        List<String> exclusive = new ArrayList<>();
        JsonNode exclusiveNode = node.path("exclusive");
        if (exclusiveNode.isTextual()) {
            exclusive.add(exclusiveNode.asText());
        } else {
            exclusiveNode.forEach(value -> exclusive.add(value.asText()));
        }
        return new Question(id, section, text, type, options, min, max, unit,
                sectionPrivate || flag(node, "private", id, file, problems), flag(node, "required", id, file, problems),
                flag(node, "sharpens", id, file, problems), text(node, "help"),
                EnableWhenReader.read(node.get("enableWhen"), id, file, problems), exclusive);
    }

    /** A yes/no field of a question: absent is false; anything but true or false is a problem. */
    private static boolean flag(JsonNode node, String field, String id, BundleFile file, List<Problem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.add(at(file, "id: " + id, "question '" + id + "' has " + field + ": " + value.asText()
                    + "; write " + field + ": true or " + field + ": false"));
            return false;
        }
        return value.asBoolean();
    }

    /** A text field, folded lines joined and trimmed; null when absent or blank. */
    private static String text(JsonNode node, String field) {
        String text = node.path(field).asText("").strip();
        return text.isEmpty() ? null : text;
    }

    private static List<Option> readOptions(JsonNode node, String id, BundleFile file, List<Problem> problems) {
        List<Option> options = new ArrayList<>();
        for (JsonNode option : node.path("options")) {
            String value = option.path("value").asText("");
            if (!ID.matcher(value).matches()) {
                problems.add(at(file, "id: " + id, "question '" + id + "' has option value '" + value
                        + "'; option values are snake_case"));
                continue;
            }
            options.add(new Option(value, option.path("label").asText(value)));
        }
        if (options.size() < 2) {
            problems.add(at(file, "id: " + id, "question '" + id + "' needs at least two options"));
        }
        return List.copyOf(options);
    }

    // --- guidance -----------------------------------------------------------------------------

    private static Library readLibrary(List<BundleFile> files, List<Problem> problems, List<String> unread) {
        List<GuidanceItem> items = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        for (BundleFile file : files) {
            JsonNode root = parse(file, problems);
            if (root == null) {
                unread.add(file.path());
                continue;
            }
            titles.put(file.baseName(), root.path("title").asText(""));
            int order = root.path("order").asInt(100);
            int position = 0;
            for (JsonNode node : root.path("items")) {
                GuidanceItem item = readItem(node, file, order, position++, problems);
                if (item == null) {
                    continue;
                }
                String earlier = seen.putIfAbsent(item.id(), file.path());
                if (earlier != null) {
                    problems.add(at(file, "id: " + item.id(), "content id '" + item.id()
                            + "' is already used in " + earlier + "; content ids must be unique"));
                    continue;
                }
                items.add(item);
            }
        }
        items.sort(Comparator.comparingInt(GuidanceItem::order).thenComparing(GuidanceItem::topic)
                .thenComparingInt(GuidanceItem::position));
        return new Library(items, titles);
    }

    private static final Set<String> ITEM_FIELDS =
            Set.of("id", "kind", "indicator", "title", "text", "source", "tags", "theme");

    private static GuidanceItem readItem(JsonNode node, BundleFile file, int order, int position,
            List<Problem> problems) {
        String id = requireId(node, "id", file, problems);
        if (id == null) {
            return null;
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!ITEM_FIELDS.contains(field)) {
                problems.add(atField(file, id, field, "content item '" + id + "' has unknown field '" + field
                        + "'; fields are " + new TreeSet<>(ITEM_FIELDS)));
            }
        });
        String indicatorName = node.path("indicator").asText("info");
        Indicator indicator = Indicator.fromWire(indicatorName).orElse(null);
        if (indicator == null) {
            problems.add(at(file, "id: " + id, "content item '" + id + "' has indicator '" + indicatorName
                    + "'; use info, warning or critical"));
            indicator = Indicator.INFO;
        }
        for (String field : List.of("kind", "title", "text")) {
            if (node.path(field).asText("").isBlank()) {
                problems.add(at(file, "id: " + id, "content item '" + id + "' has no " + field));
            }
        }
        JsonNode sourceNode = node.path("source");
        String label = sourceNode.isTextual() ? sourceNode.asText() : sourceNode.path("label").asText("");
        if (label.isBlank()) {
            problems.add(at(file, "id: " + id, "content item '" + id
                    + "' has no source; give the source the article cites as source: {label: \"...\"}"));
        }
        String url = sourceNode.hasNonNull("url") ? sourceNode.get("url").asText() : null;
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        String theme = node.hasNonNull("theme") ? node.get("theme").asText() : null;
        if (theme != null && !ID.matcher(theme).matches()) {
            problems.add(at(file, "id: " + id, "content item '" + id + "' has theme '" + theme
                    + "'; a theme is a snake_case name shared by cards that ask the same thing"));
        }
        Problem where = at(file, "id: " + id, "");
        return new GuidanceItem(id, node.path("kind").asText(""), indicator, node.path("title").asText("").strip(),
                node.path("text").asText("").strip(), new Source(label, url), List.copyOf(tags), theme,
                file.baseName(), order, position, file.path(), where.line(), where.column());
    }

    // --- shared -------------------------------------------------------------------------------

    /** The file's YAML, or null with the problem that keeps it from being read (see {@link YamlFile}). */
    static JsonNode parse(BundleFile file, List<Problem> problems) {
        YamlFile yaml = YamlFile.read(file, "nothing in it is used", problems);
        return yaml == null ? null : yaml.root();
    }

    private static String requireId(JsonNode node, String field, BundleFile file, List<Problem> problems) {
        String id = node.path(field).asText("");
        if (!ID.matcher(id).matches()) {
            problems.add(at(file, field + ": " + id, "'" + field + "' must be a snake_case id, got '" + id + "'"));
            return null;
        }
        return id;
    }

    /**
     * A problem where {@code needle} is first written in {@code file} (its line and column); at the top of
     * the file when it is not found.
     */
    static Problem at(BundleFile file, String needle, String message) {
        return at(file, file.text(), file.text().indexOf(needle), message);
    }

    /**
     * A problem on the line where question {@code id} writes {@code field} (the question's own line when
     * the field is not found after it).
     */
    static Problem atField(BundleFile file, String id, String field, String message) {
        String text = file.text();
        int start = text.indexOf("id: " + id);
        int index = start < 0 ? -1 : text.indexOf(field + ":", start);
        int next = start < 0 ? -1 : text.indexOf("- id:", start + 1);
        if (index < 0 || (next >= 0 && index > next)) {
            return at(file, "id: " + id, message);
        }
        return at(file, text, index, message);
    }

    static int lineOf(String text, String needle) {
        return lineAt(text, text.indexOf(needle));
    }

    private static Problem at(BundleFile file, String text, int index, String message) {
        if (index < 0) {
            return new Problem(file.path(), 1, 1, message);
        }
        return new Problem(file.path(), lineAt(text, index), index - text.lastIndexOf('\n', index - 1), message);
    }

    private static int lineAt(String text, int index) {
        if (index < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
