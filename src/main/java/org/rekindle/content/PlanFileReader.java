package org.rekindle.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Reads and checks the plan file ({@code content/plan.yaml}) and the help lines
 * ({@code content/help_lines.yaml}) against the guidance library and the questionnaire: every card, kind,
 * tag, section and question they name must exist. Whether each finding they wait for (a path's, a
 * caveat's, a summary verdict) is drawn by some rule is checked with the rules, in the ruleset's
 * cross-check. Pure, like {@link ContentLoader}: problems, never exceptions.
 */
final class PlanFileReader {

    static final String PLAN_FILE = "content/plan.yaml";
    static final String HELP_LINES_FILE = "content/help_lines.yaml";

    private static final int MAX_FOCUS = 20;
    private static final Set<String> PLAN_FIELDS = Set.of("focus", "fallback", "caveats", "paths", "summary",
            "couple", "progress");
    private static final Set<String> PROGRESS_FIELDS = Set.of("signs", "talk_minutes");
    private static final Set<String> COUPLE_FIELDS = Set.of("focus", "fallback", "paths");
    private static final Set<String> SUMMARY_FIELDS = Set.of("self_assessment", "verdicts", "otherwise", "note",
            "attachment_style");
    private static final Set<String> FOCUS_FIELDS = Set.of("size", "kinds", "lead");
    private static final Set<String> PATH_FIELDS = Set.of("id", "when", "title", "note", "discreet", "keep_only",
            "exclude", "reason", "focus");
    private static final Set<String> FILTER_FIELDS = Set.of("kinds", "tags", "cards");
    private static final Set<String> PICK_FIELDS = Set.of("card", "kind", "tag");
    private static final Set<String> CAVEAT_FIELDS = Set.of("id", "when", "tags", "text");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private PlanFileReader() {
    }

    // --- the plan file --------------------------------------------------------------------------

    static PlanBook readPlan(List<BundleFile> files, Library library, Questionnaire questionnaire,
            List<Problem> problems) {
        if (files.isEmpty()) {
            return PlanBook.NONE;
        }
        BundleFile file = files.get(0);
        JsonNode root = ContentLoader.parse(file, problems);
        if (root == null) {
            return PlanBook.NONE;
        }
        Vocabulary known = new Vocabulary(library);
        unknownFields(root, PLAN_FIELDS, file, "the plan file", "", problems);

        JsonNode focus = root.path("focus");
        unknownFields(focus, FOCUS_FIELDS, file, "focus", "focus:", problems);
        int size = focus.path("size").asInt(PlanBook.DEFAULT_FOCUS_SIZE);
        if (size < 1 || size > MAX_FOCUS) {
            problems.add(ContentLoader.at(file, "size:", "focus size is " + focus.path("size").asText()
                    + "; it must be a whole number from 1 to " + MAX_FOCUS));
            size = PlanBook.DEFAULT_FOCUS_SIZE;
        }
        List<String> kinds = strings(focus.path("kinds"));
        if (kinds.isEmpty()) {
            problems.add(ContentLoader.at(file, "focus:", "focus needs 'kinds': the kinds of card a person can act on"));
        }
        for (String kind : kinds) {
            if (!known.kinds.contains(kind)) {
                problems.add(ContentLoader.at(file, "kinds:", "focus kind '" + kind
                        + "' is the kind of no content item in content/guidance/"));
            }
        }
        List<String> lead = strings(focus.path("lead"));
        for (String card : lead) {
            checkCard(card, "focus lead", file, "lead:", library, problems);
        }

        List<PlanBook.Caveat> caveats = new ArrayList<>();
        Set<String> caveatIds = new HashSet<>();
        for (JsonNode node : root.path("caveats")) {
            String id = node.path("id").asText("");
            unknownFields(node, CAVEAT_FIELDS, file, "caveat '" + id + "'", "id: " + id, problems);
            if (!ContentLoader.ID.matcher(id).matches() || !caveatIds.add(id)) {
                problems.add(ContentLoader.at(file, "caveats:", "every caveat needs a unique snake_case 'id', got '"
                        + id + "'"));
                continue;
            }
            String when = requireId(node, "when", "caveat '" + id + "'", file, "id: " + id, problems);
            List<String> tags = strings(node.path("tags"));
            for (String tag : tags) {
                checkTag(tag, "caveat '" + id + "'", file, "id: " + id, known, problems);
            }
            String text = requireText(node, "text", "caveat '" + id + "'", file, "id: " + id, problems);
            caveats.add(new PlanBook.Caveat(id, when, tags, text));
        }

        List<PlanPath> paths = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode node : root.path("paths")) {
            PlanPath path = readPath(node, file, library, known, kinds, problems);
            if (path != null && ids.putIfAbsent(path.id(), path.line()) == null) {
                paths.add(path);
            } else if (path != null) {
                problems.add(Problem.at(file.path(), path.line(), "path id '" + path.id() + "' is already used on line "
                        + ids.get(path.id()) + "; path ids must be unique"));
            }
        }
        if (paths.isEmpty()) {
            problems.add(ContentLoader.at(file, "paths:", "the plan file needs 'paths:', in precedence order"));
        }
        String fallback = root.path("fallback").asText("");
        PlanPath fallbackPath = paths.stream().filter(p -> p.id().equals(fallback)).findFirst().orElse(null);
        if (fallbackPath == null) {
            problems.add(ContentLoader.at(file, "fallback:", "'fallback' must name one of the paths (the path taken "
                    + "when no other applies), got '" + fallback + "'"));
        }
        for (PlanPath path : paths) {
            if (path == fallbackPath && path.finding() != null) {
                problems.add(Problem.at(file.path(), path.line(), "path '" + path.id() + "' is the fallback, so it has "
                        + "no 'when': it applies whenever no other path does"));
            } else if (path != fallbackPath && path.finding() == null) {
                problems.add(Problem.at(file.path(), path.line(), "path '" + path.id() + "' needs 'when: <finding>', "
                        + "the finding a rule draws to put an assessment on it"));
            }
        }
        SummaryContent summary = root.has("summary") ? readSummary(root.get("summary"), file, questionnaire, problems)
                : SummaryContent.NONE;
        PlanBook.CouplePlan couple = root.has("couple") ? readCouple(root.get("couple"), file, library, known,
                problems) : PlanBook.CouplePlan.NONE;
        ProgressContent progress = root.has("progress") ? readProgress(root.get("progress"), file, questionnaire,
                problems) : ProgressContent.NONE;
        return new PlanBook(size, kinds, lead, fallback, paths, caveats, summary, couple, progress);
    }

    /**
     * The {@code progress:} block: the section charted as warning-sign frequencies and the number question
     * charted as daily minutes of talk. A chart may be seen by others, so it names no private question;
     * a private section's answers are left out of it anyway.
     */
    private static ProgressContent readProgress(JsonNode node, BundleFile file, Questionnaire questionnaire,
            List<Problem> problems) {
        unknownFields(node, PROGRESS_FIELDS, file, "progress", "progress:", problems);
        String signs = node.hasNonNull("signs") ? node.get("signs").asText() : null;
        if (signs != null && !questionnaire.hasSection(signs)) {
            problems.add(ContentLoader.at(file, "signs:", "progress: signs names section '" + signs
                    + "', which is not a section in content/questionnaire/; name the section whose answers the "
                    + "progress chart shows as warning signs"));
        }
        String talk = node.hasNonNull("talk_minutes") ? node.get("talk_minutes").asText() : null;
        if (talk != null) {
            Question question = questionnaire.question(talk);
            if (question == null) {
                problems.add(ContentLoader.at(file, "talk_minutes:", "progress: talk_minutes names question '" + talk
                        + "', which is not in content/questionnaire/"));
            } else if (question.type() != QuestionType.NUMBER) {
                problems.add(ContentLoader.at(file, "talk_minutes:", "progress: talk_minutes names question '" + talk
                        + "', a " + question.type().wireName().replace('_', '/')
                        + " question; it must be a number question, whose answer the chart plots"));
            } else if (questionnaire.isPrivate(talk)) {
                problems.add(ContentLoader.at(file, "talk_minutes:", "progress: talk_minutes names the private "
                        + "question '" + talk + "'; a chart may be seen by others, so name a question the partner "
                        + "may see"));
            }
        }
        return new ProgressContent(signs, talk);
    }

    /**
     * The {@code couple:} block: {@code focus: {size, kinds}}, {@code fallback} and {@code paths}, each path
     * as a person's path is written but holding nothing back. Whether a couple rule draws each path's
     * finding is checked with the rules, in the ruleset's cross-check.
     */
    private static PlanBook.CouplePlan readCouple(JsonNode node, BundleFile file, Library library, Vocabulary known,
            List<Problem> problems) {
        unknownFields(node, COUPLE_FIELDS, file, "couple", "couple:", problems);
        JsonNode focus = node.path("focus");
        unknownFields(focus, Set.of("size", "kinds"), file, "couple focus", "couple:", problems);
        int size = focus.path("size").asInt(3);
        if (size < 1 || size > MAX_FOCUS) {
            problems.add(ContentLoader.at(file, "couple:", "couple focus size is " + focus.path("size").asText()
                    + "; it must be a whole number from 1 to " + MAX_FOCUS));
            size = 3;
        }
        List<String> kinds = strings(focus.path("kinds"));
        if (kinds.isEmpty()) {
            problems.add(ContentLoader.at(file, "couple:", "couple focus needs 'kinds': the kinds of couple card "
                    + "the two of them can act on"));
        }
        kinds.forEach(kind -> checkKind(kind, "couple focus", file, "couple:", known, problems));
        List<PlanPath> paths = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode path : node.path("paths")) {
            PlanPath read = readPath(path, file, library, known, kinds, problems);
            if (read == null) {
                continue;
            }
            if (!ids.add(read.id())) {
                problems.add(Problem.at(file.path(), read.line(), "couple path id '" + read.id()
                        + "' is already used; path ids must be unique"));
            } else if (read.keepOnly() != null || !read.exclude().isEmpty()) {
                problems.add(Problem.at(file.path(), read.line(), "couple path '" + read.id() + "' holds cards "
                        + "back; a couple path has no keep_only or exclude (its cards are all about the two of you)"));
            } else {
                paths.add(read);
            }
        }
        if (paths.isEmpty()) {
            problems.add(ContentLoader.at(file, "couple:", "the couple block needs 'paths:', in precedence order"));
        }
        String fallback = node.path("fallback").asText("");
        for (PlanPath path : paths) {
            boolean isFallback = path.id().equals(fallback);
            if (isFallback && path.finding() != null) {
                problems.add(Problem.at(file.path(), path.line(), "couple path '" + path.id() + "' is the fallback, "
                        + "so it has no 'when': it applies whenever no other couple path does"));
            } else if (!isFallback && path.finding() == null) {
                problems.add(Problem.at(file.path(), path.line(), "couple path '" + path.id() + "' needs 'when: "
                        + "<finding>', the finding a couple rule draws to put the two of them on it"));
            }
        }
        if (paths.stream().noneMatch(p -> p.id().equals(fallback))) {
            problems.add(ContentLoader.at(file, "couple:", "the couple block's 'fallback' must name one of its paths "
                    + "(the path taken when no other applies), got '" + fallback + "'"));
        }
        return new PlanBook.CouplePlan(size, kinds, fallback, paths);
    }

    /**
     * The {@code summary:} block: the section the self-assessment verdict counts, the findings that give
     * the verdict and the note said with it, and the question the attachment style is read from. Whether
     * a rule draws each verdict's finding is checked with the rules, in the ruleset's cross-check.
     */
    private static SummaryContent readSummary(JsonNode node, BundleFile file, Questionnaire questionnaire,
            List<Problem> problems) {
        String where = "summary:";
        unknownFields(node, SUMMARY_FIELDS, file, "summary", where, problems);
        String section = null;
        List<String> verdicts = List.of();
        String otherwise = null;
        String note = null;
        if (node.hasNonNull("self_assessment")) {
            section = node.get("self_assessment").asText();
            if (!questionnaire.hasSection(section)) {
                problems.add(ContentLoader.at(file, "self_assessment:", "summary: self_assessment names section '"
                        + section + "', which is not a section in content/questionnaire/"));
            }
            verdicts = strings(node.path("verdicts"));
            if (verdicts.isEmpty()) {
                problems.add(ContentLoader.at(file, where, "summary needs 'verdicts': the findings, in precedence "
                        + "order, whose first drawn one is the self-assessment's verdict"));
            }
            for (String verdict : verdicts) {
                if (!ContentLoader.ID.matcher(verdict).matches()) {
                    problems.add(ContentLoader.at(file, "verdicts:", "summary: verdict '" + verdict
                            + "' must be a snake_case finding name"));
                }
            }
            otherwise = requireId(node, "otherwise", "summary", file, where, problems);
            note = requireText(node, "note", "summary", file, where, problems);
        } else {
            for (String field : List.of("verdicts", "otherwise", "note")) {
                if (node.has(field)) {
                    problems.add(ContentLoader.at(file, field + ":", "summary: '" + field + "' belongs to the "
                            + "self-assessment verdict, so it needs 'self_assessment: <section>' beside it"));
                }
            }
        }
        String attachment = null;
        if (node.hasNonNull("attachment_style")) {
            attachment = node.get("attachment_style").asText();
            Question question = questionnaire.question(attachment);
            if (question == null) {
                problems.add(ContentLoader.at(file, "attachment_style:", "summary: attachment_style names question '"
                        + attachment + "', which is not in content/questionnaire/"));
            } else if (question.type() != QuestionType.CHOICE) {
                problems.add(ContentLoader.at(file, "attachment_style:", "summary: attachment_style names question '"
                        + attachment + "', a " + question.type().wireName().replace('_', '/')
                        + " question; it must be a choice question, whose one option the summary repeats"));
            }
        }
        return new SummaryContent(section, verdicts, otherwise, note, attachment);
    }

    private static PlanPath readPath(JsonNode node, BundleFile file, Library library, Vocabulary known,
            List<String> focusKinds, List<Problem> problems) {
        String id = node.path("id").asText("");
        if (!ContentLoader.ID.matcher(id).matches()) {
            problems.add(ContentLoader.at(file, "paths:", "every path needs a snake_case 'id', got '" + id + "'"));
            return null;
        }
        String where = "id: " + id;
        String what = "path '" + id + "'";
        unknownFields(node, PATH_FIELDS, file, what, where, problems);
        String when = node.hasNonNull("when") ? requireId(node, "when", what, file, where, problems) : null;
        String title = requireText(node, "title", what, file, where, problems);
        String note = requireText(node, "note", what, file, where, problems);
        CardFilter keepOnly = node.has("keep_only") ? filter(node.get("keep_only"), what + " keep_only", file, where,
                library, known, problems) : null;
        CardFilter exclude = node.has("exclude") ? filter(node.get("exclude"), what + " exclude", file, where, library,
                known, problems) : CardFilter.NONE;
        String reason = node.path("reason").asText("").strip();
        if (reason.isEmpty() && (keepOnly != null || !exclude.isEmpty())) {
            problems.add(ContentLoader.at(file, where, what + " holds cards back, so it needs a 'reason': the "
                    + "explanation records it for every card it holds back"));
        }
        List<PlanPath.FocusPick> picks = new ArrayList<>();
        for (JsonNode pick : node.path("focus")) {
            PlanPath.FocusPick read = pick(pick, what, file, where, library, known, focusKinds, problems);
            if (read != null) {
                picks.add(read);
            }
        }
        return new PlanPath(id, when, title, note, keepOnly, exclude, reason, picks,
                node.path("discreet").asBoolean(false), file.path(), ContentLoader.lineOf(file.text(), where));
    }

    private static CardFilter filter(JsonNode node, String what, BundleFile file, String where, Library library,
            Vocabulary known, List<Problem> problems) {
        unknownFields(node, FILTER_FIELDS, file, what, where, problems);
        List<String> kinds = strings(node.path("kinds"));
        List<String> tags = strings(node.path("tags"));
        List<String> cards = strings(node.path("cards"));
        kinds.forEach(kind -> checkKind(kind, what, file, where, known, problems));
        tags.forEach(tag -> checkTag(tag, what, file, where, known, problems));
        cards.forEach(card -> checkCard(card, what, file, where, library, problems));
        return new CardFilter(kinds, tags, cards);
    }

    private static PlanPath.FocusPick pick(JsonNode node, String what, BundleFile file, String where, Library library,
            Vocabulary known, List<String> focusKinds, List<Problem> problems) {
        unknownFields(node, PICK_FIELDS, file, what + " focus", where, problems);
        String card = node.hasNonNull("card") ? node.get("card").asText() : null;
        String kind = node.hasNonNull("kind") ? node.get("kind").asText() : null;
        String tag = node.hasNonNull("tag") ? node.get("tag").asText() : null;
        int set = (card == null ? 0 : 1) + (kind == null ? 0 : 1) + (tag == null ? 0 : 1);
        if (set != 1) {
            problems.add(ContentLoader.at(file, where, what + ": each focus entry names exactly one 'card', 'kind' "
                    + "or 'tag'"));
            return null;
        }
        if (card != null) {
            checkCard(card, what + " focus", file, where, library, problems);
            GuidanceItem item = library.item(card);
            if (item != null && !focusKinds.contains(item.kind())) {
                problems.add(ContentLoader.at(file, where, what + " focus names card '" + card + "' of kind '"
                        + item.kind() + "', which is not in focus.kinds, so it could never be in the focus"));
            }
        } else if (kind != null) {
            checkKind(kind, what + " focus", file, where, known, problems);
            if (!focusKinds.contains(kind)) {
                problems.add(ContentLoader.at(file, where, what + " focus names kind '" + kind
                        + "', which is not in focus.kinds, so it could never be in the focus"));
            }
        } else {
            checkTag(tag, what + " focus", file, where, known, problems);
        }
        return new PlanPath.FocusPick(card, kind, tag);
    }

    // --- the help lines -------------------------------------------------------------------------

    static HelpLines readHelpLines(List<BundleFile> files, Library library, List<Problem> problems) {
        if (files.isEmpty()) {
            return HelpLines.NONE;
        }
        BundleFile file = files.get(0);
        JsonNode root = ContentLoader.parse(file, problems);
        if (root == null) {
            return HelpLines.NONE;
        }
        unknownFields(root, Set.of("card", "regions"), file, "the help lines file", "", problems);
        String card = root.path("card").asText("");
        checkCard(card, "help lines", file, "card:", library, problems);
        List<HelpLines.Region> regions = new ArrayList<>();
        Map<String, String> countries = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int fallbacks = 0;
        for (JsonNode node : root.path("regions")) {
            String id = node.path("id").asText("");
            String where = "id: " + id;
            String what = "region '" + id + "'";
            unknownFields(node, Set.of("id", "name", "countries", "fallback", "lines"), file, what, where, problems);
            if (!ContentLoader.ID.matcher(id).matches() || !ids.add(id)) {
                problems.add(ContentLoader.at(file, "regions:", "every region needs a unique snake_case 'id', got '"
                        + id + "'"));
                continue;
            }
            String name = requireText(node, "name", what, file, where, problems);
            boolean fallback = node.path("fallback").asBoolean(false);
            fallbacks += fallback ? 1 : 0;
            List<String> codes = strings(node.path("countries"));
            for (String code : codes) {
                if (!COUNTRY.matcher(code).matches()) {
                    problems.add(ContentLoader.at(file, where, what + " lists country '" + code
                            + "'; use two-letter ISO 3166 codes in capitals, such as GB or IE"));
                } else if (countries.putIfAbsent(code, id) != null) {
                    problems.add(ContentLoader.at(file, where, what + " lists country " + code + ", which region '"
                            + countries.get(code) + "' already lists"));
                }
            }
            if (codes.isEmpty() && !fallback) {
                problems.add(ContentLoader.at(file, where, what + " lists no 'countries', so no locale reaches it"));
            }
            List<HelpLines.Line> lines = new ArrayList<>();
            Set<String> lineIds = new HashSet<>();
            for (JsonNode line : node.path("lines")) {
                String lineName = line.path("name").asText("").strip();
                String how = line.path("how").asText("").strip();
                if (lineName.isEmpty() || how.isEmpty()) {
                    problems.add(ContentLoader.at(file, where, what + ": every line needs a 'name' and 'how' to "
                            + "reach it"));
                    continue;
                }
                String lineId = line.hasNonNull("id") ? line.get("id").asText() : null;
                if (lineId != null && (!ContentLoader.ID.matcher(lineId).matches() || !lineIds.add(lineId))) {
                    problems.add(ContentLoader.at(file, "id: " + lineId, what + ": line id '" + lineId
                            + "' must be snake_case and unique in its region (translations name the line by it)"));
                }
                lines.add(new HelpLines.Line(lineId, lineName, how));
            }
            if (lines.isEmpty()) {
                problems.add(ContentLoader.at(file, where, what + " has no 'lines'"));
            }
            regions.add(new HelpLines.Region(id, name, codes, fallback, lines));
        }
        if (fallbacks != 1) {
            problems.add(ContentLoader.at(file, "regions:", "exactly one region must be 'fallback: true' (for a "
                    + "locale naming no listed country, or none), found " + fallbacks));
        }
        return new HelpLines(card, regions);
    }

    // --- shared ---------------------------------------------------------------------------------

    /** The kinds and tags the guidance library uses. */
    private static final class Vocabulary {

        final Set<String> kinds = new HashSet<>();
        final Set<String> tags = new HashSet<>();

        Vocabulary(Library library) {
            for (GuidanceItem item : library.items()) {
                kinds.add(item.kind());
                tags.addAll(item.tags());
            }
        }
    }

    private static void checkCard(String card, String what, BundleFile file, String where, Library library,
            List<Problem> problems) {
        if (library.item(card) == null) {
            problems.add(ContentLoader.at(file, where, what + " names card '" + card
                    + "', which is not a content id in content/guidance/"));
        }
    }

    private static void checkKind(String kind, String what, BundleFile file, String where, Vocabulary known,
            List<Problem> problems) {
        if (!known.kinds.contains(kind)) {
            problems.add(ContentLoader.at(file, where, what + " names kind '" + kind
                    + "', which no content item in content/guidance/ has"));
        }
    }

    private static void checkTag(String tag, String what, BundleFile file, String where, Vocabulary known,
            List<Problem> problems) {
        if (!known.tags.contains(tag)) {
            problems.add(ContentLoader.at(file, where, what + " names tag '" + tag
                    + "', which no content item in content/guidance/ carries"));
        }
    }

    private static String requireId(JsonNode node, String field, String what, BundleFile file, String where,
            List<Problem> problems) {
        String value = node.path(field).asText("");
        if (!ContentLoader.ID.matcher(value).matches()) {
            problems.add(ContentLoader.at(file, where, what + ": '" + field + "' must be a snake_case "
                    + (field.equals("otherwise") ? "verdict" : "finding name") + ", got '" + value + "'"));
            return null;
        }
        return value;
    }

    private static String requireText(JsonNode node, String field, String what, BundleFile file, String where,
            List<Problem> problems) {
        String value = node.path(field).asText("").strip();
        if (value.isEmpty()) {
            problems.add(ContentLoader.at(file, where, what + " has no '" + field + "'"));
        }
        return value;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, BundleFile file, String what, String where,
            List<Problem> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                problems.add(ContentLoader.at(file, where.isEmpty() ? field + ":" : where, what + " has unknown field '"
                        + field + "'; fields are " + allowed.stream().sorted().toList()));
            }
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
