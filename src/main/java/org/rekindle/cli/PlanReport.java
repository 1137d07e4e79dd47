package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.Library;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.MatchedAnswer;

/**
 * A plan and its trace as a coach reads them on a terminal, instead of the 70-100 KB of JSON an app
 * gets. The plan is rendered from its JSON form, field by field, so that whatever the plan carries is
 * shown: its path and focus first when it has them, then the summary, then the cards by section,
 * each with the reasons it is shown (the cards' texts are left to {@code --json}).
 */
final class PlanReport {

    /** Lines are wrapped at this width; a terminal's is rarely smaller. */
    private static final int WIDTH = 100;
    /** Fields that identify the plan rather than say anything about it. */
    private static final Set<String> HEADER = Set.of("id", "rulesetVersion", "createdAt", "locale");
    private static final List<String> FIRST = List.of("path", "focus", "summary");

    private final PrintWriter out;
    private final Library library;

    private PlanReport(PrintWriter out, Library library) {
        this.out = out;
        this.library = library;
    }

    /**
     * Prints {@code plan} ({@code {rulesetVersion, summary, cards, ...}}) evaluated from {@code source}.
     *
     * @param library the guidance of the plan's ruleset: the section a card belongs to
     */
    static void printPlan(JsonNode plan, String source, Library library, PrintWriter out) {
        new PlanReport(out, library).plan(plan, source);
    }

    /** Prints the firing trace and the withheld cards of {@code decision}. */
    static void printTrace(Decision decision, String source, PrintWriter out) {
        new PlanReport(out, null).trace(decision, source);
    }

    private void plan(JsonNode plan, String source) {
        out.println("Plan for " + source + " (ruleset " + plan.path("rulesetVersion").asText() + ")");
        for (String field : FIRST) {
            if (plan.has(field)) {
                field(field, plan.get(field), plan);
            }
        }
        for (Map.Entry<String, JsonNode> field : plan.properties()) {
            if (!HEADER.contains(field.getKey()) && !FIRST.contains(field.getKey())) {
                field(field.getKey(), field.getValue(), plan);
            }
        }
    }

    private void field(String name, JsonNode value, JsonNode plan) {
        out.println();
        switch (name) {
            case "path" -> path(value);
            case "focus" -> focus(value, plan.path("cards"));
            case "cards" -> cardsBySection(value);
            case "sections" -> sections(value);
            default -> {
                String heading = heading(name);
                out.println(Character.toUpperCase(heading.charAt(0)) + heading.substring(1) + ":");
                value(value, "  ");
            }
        }
    }

    private void path(JsonNode path) {
        if (!path.isContainerNode()) {
            out.println("Path: " + path.asText());
            return;
        }
        String name = first(path, "id", "path", "name");
        out.println("Path: " + (name == null ? "" : name));
        value(without(path, Set.of("id", "path", "name")), "  ");
    }

    /** The focus: cards, or the ids of cards the plan lists in full elsewhere. */
    private void focus(JsonNode focus, JsonNode cards) {
        out.println("Focus (" + focus.size() + "):");
        for (JsonNode entry : focus) {
            JsonNode card = entry.isObject() ? entry : find(cards, entry.asText());
            if (card == null) {
                out.println("  " + entry.asText());
            } else {
                card(card, "  ");
            }
        }
    }

    /** Cards grouped by the section they belong to, sections in the order their first card comes. */
    private void cardsBySection(JsonNode cards) {
        out.println("Cards (" + cards.size() + "), by section:");
        Map<String, List<JsonNode>> bySection = new LinkedHashMap<>();
        for (JsonNode card : cards) {
            bySection.computeIfAbsent(section(card), s -> new ArrayList<>()).add(card);
        }
        bySection.forEach((section, inSection) -> {
            out.println();
            out.println("  " + section);
            inSection.forEach(card -> card(card, "    "));
        });
    }

    /** A plan that groups its cards itself: {@code [{section or title, cards: [...]}]}. */
    private void sections(JsonNode sections) {
        out.println("Sections (" + sections.size() + "):");
        for (JsonNode section : sections) {
            out.println();
            String name = first(section, "title", "section", "id", "name");
            out.println("  " + (name == null ? "" : name));
            for (JsonNode card : section.path("cards")) {
                card(card, "    ");
            }
        }
    }

    /** {@code [indicator] title  (id)}, then each reason the card is shown, with the rule behind it. */
    private void card(JsonNode card, String indent) {
        out.println(indent + "[" + card.path("indicator").asText("?") + "] " + card.path("summary").asText()
                + "  (" + card.path("id").asText() + ")");
        for (JsonNode because : card.path("because")) {
            wrap(indent + "    why: ", because.path("reason").asText() + "  [" + because.path("ruleId").asText()
                    + ", " + because.path("file").asText() + ":" + because.path("line").asText() + "]");
        }
    }

    private String section(JsonNode card) {
        String own = first(card, "section", "topic");
        if (own != null) {
            return own;
        }
        GuidanceItem item = library == null ? null : library.item(card.path("id").asText());
        return item == null ? "other" : item.topic();
    }

    /** Any other value, generically: scalars on one line, lists of scalars joined, objects indented. */
    private void value(JsonNode value, String indent) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode v = field.getValue();
                if (isScalarOrScalars(v)) {
                    wrap(indent + heading(field.getKey()) + ": ", scalar(v));
                } else {
                    out.println(indent + heading(field.getKey()) + ":");
                    value(v, indent + "  ");
                }
            }
        } else if (value.isArray() && !isScalarOrScalars(value)) {
            for (JsonNode item : value) {
                if (item.has("summary") && item.has("id")) {
                    card(item, indent);
                } else {
                    out.println(indent + "-");
                    value(item, indent + "  ");
                }
            }
        } else {
            wrap(indent, scalar(value));
        }
    }

    private void trace(Decision decision, String source) {
        List<Firing> trace = decision.trace();
        out.println("Trace for " + source + " (ruleset " + decision.rulesetVersion() + "): " + trace.size()
                + " firing(s), in order");
        for (Firing firing : trace) {
            out.println();
            out.println("#" + firing.seq() + "  " + firing.ruleId() + "  (" + firing.file() + ":" + firing.line() + ")");
            wrap("      rule: ", "\"" + firing.rule() + "\"");
            if (!firing.answers().isEmpty()) {
                wrap("      answers: ", firing.answers().stream().map(PlanReport::answer)
                        .collect(Collectors.joining("; ")));
            }
            if (firing.reason() != null && !firing.reason().isBlank()) {
                wrap("      reason: ", firing.reason());
            }
            if (!firing.inserted().isEmpty()) {
                wrap("      inserted: ", String.join(", ", firing.inserted()));
            }
            if (!firing.dependsOn().isEmpty()) {
                out.println("      built on: " + firing.dependsOn().stream().map(seq -> "#" + seq)
                        .collect(Collectors.joining(", ")));
            }
        }
        List<WithheldCard> withheld = decision.withheld();
        out.println();
        out.println("Withheld (" + withheld.size() + ")" + (withheld.isEmpty() ? "" : ":"));
        for (WithheldCard card : withheld) {
            out.println("  " + card.card() + " (tagged " + card.tag() + "): shown by " + seqs(card.shownBy())
                    + ", withheld by " + seqs(card.withheldBy()));
        }
    }

    private static String answer(MatchedAnswer answer) {
        Object value = answer.value();
        String text = value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ")) : String.valueOf(value);
        return answer.question() + " = " + text;
    }

    private static String seqs(List<Integer> seqs) {
        return seqs.stream().map(seq -> "#" + seq).collect(Collectors.joining(", "));
    }

    /** Prints {@code prefix} and {@code text}, wrapped at {@link #WIDTH} under the text's first column. */
    private void wrap(String prefix, String text) {
        String hanging = " ".repeat(prefix.length());
        StringBuilder line = new StringBuilder(prefix);
        int start = line.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append(hanging);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }

    private static boolean isScalarOrScalars(JsonNode value) {
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isContainerNode()) {
                    return false;
                }
            }
            return true;
        }
        return !value.isContainerNode();
    }

    private static String scalar(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return items.isEmpty() ? "(none)" : String.join(", ", items);
        }
        return value.isNull() ? "(none)" : value.asText();
    }

    /** {@code selfAssessment} reads as "self assessment". */
    private static String heading(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static JsonNode without(JsonNode node, Set<String> fields) {
        ObjectNode copy = node.deepCopy();
        copy.remove(fields);
        return copy;
    }

    private static JsonNode find(JsonNode cards, String id) {
        for (JsonNode card : cards) {
            if (card.path("id").asText().equals(id)) {
                return card;
            }
        }
        return null;
    }
}
