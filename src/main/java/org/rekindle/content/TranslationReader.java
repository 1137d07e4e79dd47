package org.rekindle.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Reads the translations of a bundle, {@code content/locales/<tag>/}, each laid out like {@code content/}
 * ({@code questionnaire/<file>}, {@code guidance/<file>}, {@code plan.yaml}, {@code help_lines.yaml}) plus
 * {@code options.yaml} for the labels of the built-in yes/no and frequency options, and checks them
 * against the default content. A translation lists only what it translates, by the default's ids:
 * <ul>
 *   <li>an id, option or field the default file does not have is a problem (a typo would otherwise
 *       silently show English);</li>
 *   <li>a file that says {@code complete: true} must translate every text of its default file; each
 *       one it misses is a problem;</li>
 *   <li>anything else left out falls back to the default text, and is reported as a note.</li>
 * </ul>
 * Pure, like {@link ContentLoader}: every problem with file and line, never an exception for a bad file.
 */
final class TranslationReader {

    static final String FOLDER = "content/locales/";
    private static final String COMPLETE = "complete";
    private static final List<String> BUILT_IN = List.of(QuestionType.YES_NO.wireName(),
            QuestionType.FREQUENCY.wireName());

    private final Content base;
    private final Bundle bundle;
    private final List<Problem> problems;

    private TranslationReader(Content base, Bundle bundle, List<Problem> problems) {
        this.base = base;
        this.bundle = bundle;
        this.problems = problems;
    }

    /**
     * The translations of {@code bundle} applied to {@code base}, by language tag.
     *
     * @param notes receives, per translation, how many texts it gives and which files fall back in part
     */
    static Map<String, Content> read(Bundle bundle, Content base, List<Problem> problems, List<Problem> notes) {
        Map<String, List<BundleFile>> byTag = new TreeMap<>();
        for (BundleFile file : bundle.files(FOLDER, "")) {
            String rest = file.path().substring(FOLDER.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                problems.add(Problem.inFile(file.path(), "a translation lives in a folder named for its language "
                        + "tag: content/locales/<tag>/..., such as content/locales/es/questionnaire/safety.yaml"));
                continue;
            }
            byTag.computeIfAbsent(rest.substring(0, slash), t -> new ArrayList<>()).add(file);
        }
        TranslationReader reader = new TranslationReader(base, bundle, problems);
        Map<String, Content> translations = new LinkedHashMap<>();
        for (Map.Entry<String, List<BundleFile>> entry : byTag.entrySet()) {
            String tag = entry.getKey();
            String folder = FOLDER + tag + "/";
            Locale locale = Locale.forLanguageTag(tag);
            if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
                problems.add(Problem.inFile(folder, "'" + tag + "' is not a language tag; name the folder for one, "
                        + "such as es, fr or pt-BR"));
                continue;
            }
            if (tag.equalsIgnoreCase(Content.DEFAULT_LOCALE)) {
                problems.add(Problem.inFile(folder, Content.DEFAULT_LOCALE + " is the language of content/ itself: "
                        + "edit those files instead of translating them"));
                continue;
            }
            Translation translation = Translation.empty(locale.toLanguageTag());
            Coverage coverage = new Coverage();
            for (BundleFile file : entry.getValue()) {
                reader.readFile(file, file.path().substring(folder.length()), translation, coverage);
            }
            translations.put(translation.locale(), translation.applyTo(base));
            notes.add(Problem.inFile(folder, "translates " + coverage.given + " of " + reader.textCount()
                    + " texts; the others are shown in " + Locale.forLanguageTag(Content.DEFAULT_LOCALE)
                    .getDisplayLanguage(Locale.ENGLISH)));
            coverage.partial.forEach((path, missing) -> notes.add(Problem.inFile(path, "falls back for "
                    + (missing.size() <= 6 ? String.join(", ", missing)
                    : String.join(", ", missing.subList(0, 6)) + " and " + (missing.size() - 6) + " more"))));
        }
        return translations;
    }

    /** What one translation gives: a count, and per file the texts it leaves to the default. */
    private static final class Coverage {
        int given;
        final Map<String, List<String>> partial = new LinkedHashMap<>();
    }

    private void readFile(BundleFile file, String relative, Translation into, Coverage coverage) {
        JsonNode root = ContentLoader.parse(file, problems);
        if (root == null) {
            return;
        }
        Texts texts = new Texts(file, root, coverage);
        if (relative.startsWith("questionnaire/")) {
            questionnaire(texts, "content/" + relative, into);
        } else if (relative.startsWith("guidance/")) {
            guidance(texts, "content/" + relative, into);
        } else if (relative.equals("plan.yaml")) {
            plan(texts, into);
        } else if (relative.equals("help_lines.yaml")) {
            helpLines(texts, into);
        } else if (relative.equals("options.yaml")) {
            options(texts, into);
        } else {
            problems.add(Problem.inFile(file.path(), "a translation has questionnaire/<file>, guidance/<file>, "
                    + "plan.yaml, help_lines.yaml and options.yaml, each keyed like the default file in content/; "
                    + "this file is none of them"));
            return;
        }
        texts.finish();
    }

    // --- the files --------------------------------------------------------------------------------

    private void questionnaire(Texts texts, String defaultPath, Translation into) {
        Questionnaire.Section section = sectionOf(defaultPath);
        if (section == null) {
            problems.add(Problem.inFile(texts.file.path(), "there is no " + defaultPath + " to translate; a "
                    + "translated questionnaire file has the name of the default file it translates"));
            return;
        }
        texts.fields(texts.root, "", Set.of("section", COMPLETE, "title", "description", "questions"));
        if (texts.root.hasNonNull("section") && !texts.root.get("section").asText().equals(section.id())) {
            texts.problem("section:", "says section '" + texts.root.get("section").asText() + "', but "
                    + defaultPath + " is section '" + section.id() + "'");
        }
        String title = texts.text(texts.root, "title", "title", section.title(), "section:");
        String description = texts.text(texts.root, "description", "description", section.description(), "section:");
        into.sections().put(section.id(), new Translation.SectionText(title, description));
        Map<String, JsonNode> given = texts.byId(texts.root.path("questions"), "question",
                section.questions().stream().map(Question::id).toList(), defaultPath);
        for (Question question : section.questions()) {
            JsonNode node = given.get(question.id());
            if (node == null) {
                texts.missing(question.id());
                continue;
            }
            String where = "id: " + question.id();
            texts.fields(node, where, Set.of("id", "text", "help", "options"));
            String text = texts.text(node, "text", question.id() + ".text", question.text(), where);
            String help = texts.text(node, "help", question.id() + ".help", question.help(), where);
            Map<String, String> labels = new HashMap<>();
            for (JsonNode option : node.path("options")) {
                String value = option.path("value").asText("");
                String label = option.path("label").asText("").strip();
                if (!question.offers(value)) {
                    texts.problem(where, "translates option '" + value + "' of question '" + question.id()
                            + "', which has no such option; the values are " + question.options().stream()
                            .map(Option::value).toList());
                } else if (label.isEmpty()) {
                    texts.problem(where, "gives option '" + value + "' no label; leave the option out to show "
                            + "the default label");
                } else {
                    labels.put(value, label);
                    texts.coverage.given++;
                }
            }
            if (!BUILT_IN.contains(question.type().wireName())) {
                for (Option option : question.options()) {
                    if (!labels.containsKey(option.value())) {
                        texts.missing(question.id() + ".options." + option.value());
                    }
                }
            }
            into.questions().put(question.id(), new Translation.QuestionText(text, help, labels));
        }
    }

    private void guidance(Texts texts, String defaultPath, Translation into) {
        String topic = defaultPath.substring(defaultPath.lastIndexOf('/') + 1, defaultPath.lastIndexOf('.'));
        List<GuidanceItem> items = base.library().items().stream().filter(i -> i.file().equals(defaultPath)).toList();
        if (bundle.files(defaultPath, "").isEmpty()) {
            problems.add(Problem.inFile(texts.file.path(), "there is no " + defaultPath + " to translate; a "
                    + "translated guidance file has the name of the default file it translates"));
            return;
        }
        texts.fields(texts.root, "", Set.of("topic", COMPLETE, "title", "items"));
        String title = texts.text(texts.root, "title", "title", base.library().titles().get(topic), "title:");
        if (title != null) {
            into.topicTitles().put(topic, title);
        }
        Map<String, JsonNode> given = texts.byId(texts.root.path("items"), "content item",
                items.stream().map(GuidanceItem::id).toList(), defaultPath);
        for (GuidanceItem item : items) {
            JsonNode node = given.get(item.id());
            if (node == null) {
                texts.missing(item.id());
                continue;
            }
            String where = "id: " + item.id();
            texts.fields(node, where, Set.of("id", "title", "text", "source"));
            JsonNode source = node.path("source");
            into.items().put(item.id(), new Translation.ItemText(
                    texts.text(node, "title", item.id() + ".title", item.title(), where),
                    texts.text(node, "text", item.id() + ".text", item.text(), where),
                    source.isObject() ? texts.text(source, "label", item.id() + ".source", item.source().label(), where)
                            : texts.text(node, "source", item.id() + ".source", item.source().label(), where)));
        }
    }

    private void plan(Texts texts, Translation into) {
        PlanBook book = base.plan();
        texts.fields(texts.root, "", Set.of(COMPLETE, "paths", "caveats"));
        Map<String, JsonNode> paths = texts.byId(texts.root.path("paths"), "path",
                book.paths().stream().map(PlanPath::id).toList(), PlanFileReader.PLAN_FILE);
        for (PlanPath path : book.paths()) {
            JsonNode node = paths.get(path.id());
            if (node == null) {
                texts.missing("paths." + path.id());
                continue;
            }
            String where = "id: " + path.id();
            texts.fields(node, where, Set.of("id", "title", "note"));
            into.paths().put(path.id(), new Translation.PathText(
                    texts.text(node, "title", "paths." + path.id() + ".title", path.title(), where),
                    texts.text(node, "note", "paths." + path.id() + ".note", path.note(), where)));
        }
        Map<String, JsonNode> caveats = texts.byId(texts.root.path("caveats"), "caveat",
                book.caveats().stream().map(PlanBook.Caveat::id).toList(), PlanFileReader.PLAN_FILE);
        for (PlanBook.Caveat caveat : book.caveats()) {
            JsonNode node = caveats.get(caveat.id());
            String where = "id: " + caveat.id();
            String text = node == null ? null
                    : texts.text(node, "text", "caveats." + caveat.id(), caveat.text(), where);
            if (node == null) {
                texts.missing("caveats." + caveat.id());
            } else {
                texts.fields(node, where, Set.of("id", "text"));
                into.caveats().put(caveat.id(), text);
            }
        }
    }

    private void helpLines(Texts texts, Translation into) {
        HelpLines lines = base.helpLines();
        texts.fields(texts.root, "", Set.of(COMPLETE, "regions"));
        Map<String, JsonNode> regions = texts.byId(texts.root.path("regions"), "region",
                lines.regions().stream().map(HelpLines.Region::id).toList(), PlanFileReader.HELP_LINES_FILE);
        for (HelpLines.Region region : lines.regions()) {
            JsonNode node = regions.get(region.id());
            if (node == null) {
                texts.missing("regions." + region.id());
                continue;
            }
            String where = "id: " + region.id();
            texts.fields(node, where, Set.of("id", "name", "lines"));
            String name = texts.text(node, "name", region.id() + ".name", region.name(), where);
            List<String> lineIds = region.lines().stream().map(HelpLines.Line::id)
                    .filter(id -> id != null).toList();
            Map<String, JsonNode> given = texts.byId(node.path("lines"), "line", lineIds,
                    PlanFileReader.HELP_LINES_FILE + " (region '" + region.id() + "')");
            Map<String, Translation.LineText> translated = new HashMap<>();
            for (HelpLines.Line line : region.lines()) {
                String key = region.id() + "." + (line.id() == null ? line.name() : line.id());
                JsonNode lineNode = line.id() == null ? null : given.get(line.id());
                if (lineNode == null) {
                    texts.missing(key);
                    continue;
                }
                String lineWhere = "id: " + line.id();
                texts.fields(lineNode, lineWhere, Set.of("id", "name", "how"));
                translated.put(line.id(), new Translation.LineText(
                        texts.text(lineNode, "name", key + ".name", line.name(), lineWhere),
                        texts.text(lineNode, "how", key + ".how", line.how(), lineWhere)));
            }
            into.regions().put(region.id(), new Translation.RegionText(name, translated));
        }
    }

    private void options(Texts texts, Translation into) {
        texts.fields(texts.root, "", Set.of(COMPLETE, "yes_no", "frequency"));
        for (String type : BUILT_IN) {
            List<Option> offered = type.equals(QuestionType.YES_NO.wireName()) ? ContentLoader.YES_NO
                    : ContentLoader.FREQUENCY;
            JsonNode node = texts.root.path(type);
            Map<String, String> labels = new HashMap<>();
            node.fieldNames().forEachRemaining(value -> {
                if (offered.stream().noneMatch(o -> o.value().equals(value))) {
                    texts.problem(type + ":", "translates " + type + " option '" + value + "', which is not one; the "
                            + "options are " + offered.stream().map(Option::value).toList());
                }
            });
            for (Option option : offered) {
                String label = texts.text(node, option.value(), type + "." + option.value(), option.label(), type + ":");
                if (label != null) {
                    labels.put(option.value(), label);
                }
            }
            into.answerLabels().put(type, labels);
        }
    }

    // --- shared -----------------------------------------------------------------------------------

    private Questionnaire.Section sectionOf(String defaultPath) {
        List<BundleFile> files = bundle.files(defaultPath, "");
        if (files.isEmpty()) {
            return null;
        }
        JsonNode root = ContentLoader.parse(files.get(0), new ArrayList<>());
        String id = root == null ? "" : root.path("section").asText("");
        return base.questionnaire().sections().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** The number of texts a complete translation gives. */
    private int textCount() {
        int count = 0;
        for (Questionnaire.Section section : base.questionnaire().sections()) {
            count += 1 + (section.description() == null ? 0 : 1);
            for (Question q : section.questions()) {
                count += 1 + (q.help() == null ? 0 : 1) + (BUILT_IN.contains(q.type().wireName()) ? 0
                        : q.options().size());
            }
        }
        count += ContentLoader.YES_NO.size() + ContentLoader.FREQUENCY.size();
        count += base.library().titles().size() + 3 * base.library().items().size();
        count += 2 * base.plan().paths().size() + base.plan().caveats().size();
        for (HelpLines.Region region : base.helpLines().regions()) {
            count += 1 + 2 * region.lines().size();
        }
        return count;
    }

    /** One translation file as it is read: what it gives, what it leaves out, and whether it claims to be complete. */
    private final class Texts {

        final BundleFile file;
        final JsonNode root;
        final Coverage coverage;
        final boolean complete;
        final List<String> missing = new ArrayList<>();

        Texts(BundleFile file, JsonNode root, Coverage coverage) {
            this.file = file;
            this.root = root;
            this.coverage = coverage;
            JsonNode claim = root.get(COMPLETE);
            if (claim != null && !claim.isBoolean()) {
                problem(COMPLETE + ":", "has complete: " + claim.asText() + "; write complete: true (every text "
                        + "of the default file is translated) or leave it out");
            }
            this.complete = claim != null && claim.asBoolean(false);
        }

        /**
         * The translated text of {@code field}, or null when it is not given (then it falls back). A text
         * the default does not have is a problem: there is nothing to translate.
         */
        String text(JsonNode node, String field, String key, String defaultText, String where) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (defaultText != null) {
                    missing(key);
                }
                return null;
            }
            String text = value.asText("").strip();
            if (!value.isValueNode() || text.isEmpty()) {
                problem(where, "gives " + key + " no text; leave it out to show the default text");
                return null;
            }
            if (defaultText == null) {
                problem(where, "translates " + key + ", which the default file does not have");
                return null;
            }
            coverage.given++;
            return text;
        }

        /** The entries of a list by id; an id the default does not have, or one given twice, is a problem. */
        Map<String, JsonNode> byId(JsonNode list, String what, List<String> known, String defaultPath) {
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode node : list) {
                String id = node.path("id").asText("");
                if (!known.contains(id)) {
                    problem("id: " + id, "names " + what + " '" + id + "', which " + defaultPath + " does not have; "
                            + "a translation keeps the default's ids");
                } else if (byId.putIfAbsent(id, node) != null) {
                    problem("id: " + id, "translates " + what + " '" + id + "' twice");
                }
            }
            return byId;
        }

        void fields(JsonNode node, String where, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!allowed.contains(field)) {
                    problem(where.isEmpty() ? field + ":" : where, "has field '" + field + "', which a translation "
                            + "does not have here; it has " + allowed.stream().sorted().toList());
                }
            }
        }

        void missing(String key) {
            missing.add(key);
        }

        void problem(String needle, String message) {
            problems.add(ContentLoader.at(file, needle, message));
        }

        /** Reports what is left out: a problem when the file says it is complete, else a note. */
        void finish() {
            if (missing.isEmpty()) {
                return;
            }
            if (complete) {
                for (String key : missing) {
                    problem(COMPLETE + ":", "says complete: true but does not translate " + key
                            + "; translate it, or remove complete: true to let it fall back");
                }
            } else {
                coverage.partial.put(file.path(), List.copyOf(missing));
            }
        }
    }
}
