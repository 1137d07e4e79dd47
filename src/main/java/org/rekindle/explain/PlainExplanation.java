package org.rekindle.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.rekindle.content.Content;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.PlanPath;
import org.rekindle.content.Question;
import org.rekindle.engine.Firing;
import org.rekindle.model.Card;
import org.rekindle.model.Plan;
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;

/**
 * A decision explained for a reader who is not an engineer: for each card, where it is in the plan
 * and why (the path, the focus, its section), the rules that showed it by their sentence names and the
 * sources they cite (from the decision's own ruleset version), and the answers that decided it, as the
 * question the person read and the answer they chose. Decisive answers are the questions the showing
 * rules' own conditions read, and those of the rules they built on: not every answer of a section.
 */
public final class PlainExplanation {

    /** A question the person answered, as they saw it. */
    public record AnsweredQuestion(String question, String text, String answer) {
    }

    /** A rule that showed a card (or chose the path), in words. */
    public record RuleStep(String ruleId, String rule, String source, String reason) {
    }

    /**
     * One card, explained.
     *
     * @param position its place in the plan, from 1 (focus cards first, then by section)
     * @param where    why it is there, in a sentence
     * @param decisive the answers the rules behind it needed
     */
    public record CardExplained(String card, String title, int position, String section, boolean focus,
            String where, List<RuleStep> shownBy, List<AnsweredQuestion> decisive) {
    }

    /** The path the plan is on, and why. */
    public record PathExplained(String id, String title, String note, List<RuleStep> chosenBy) {
    }

    /** The whole decision, explained. */
    public record Report(String id, String rulesetVersion, String createdAt, PathExplained path,
            List<CardExplained> cards) {
    }

    private PlainExplanation() {
    }

    /**
     * @param then    the decision's own ruleset version
     * @param locale  the language tag the decision's texts were given in (null: the default); the report
     *                names cards, sections and questions in it, as the person read them
     * @param plan    the decision's plan as the engine made it
     * @param trace   its firings by seq, each with the questions its own conditions read
     * @param answers the stored answers, question id to value
     * @param shown   how an answer may be shown to this reader (masked when private), by question id and value
     */
    public static Report of(String id, String createdAt, Ruleset then, String locale, Plan plan,
            Map<Integer, Firing> trace, Map<String, Object> answers, BiFunction<String, Object, Object> shown) {
        Content texts = then.content().in(locale);
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        then.rules().forEach(rule -> rules.put(rule.id(), rule));
        PathExplained path = null;
        if (plan.path() != null) {
            PlanPath spec = texts.plan().path(plan.path().id());
            List<RuleStep> chosenBy = new ArrayList<>();
            plan.path().because().forEach(b -> {
                Firing firing = trace.get(b.seq());
                if (firing != null) {
                    chosenBy.add(step(firing, rules));
                }
            });
            path = new PathExplained(plan.path().id(), plan.path().title(), spec == null ? null : spec.note(),
                    chosenBy);
        }
        List<CardExplained> cards = new ArrayList<>();
        List<Card> ordered = new ArrayList<>();
        plan.cards().stream().filter(c -> plan.focus().contains(c.id()))
                .sorted(java.util.Comparator.comparingInt(c -> plan.focus().indexOf(c.id()))).forEach(ordered::add);
        plan.cards().stream().filter(c -> !plan.focus().contains(c.id())).forEach(ordered::add);
        int position = 0;
        for (Card card : ordered) {
            position++;
            GuidanceItem item = texts.library().item(card.id());
            String section = item == null ? null : texts.library().title(item.topic());
            boolean focus = plan.focus().contains(card.id());
            TreeSet<Integer> chain = new TreeSet<>();
            card.because().forEach(b -> collect(b.seq(), trace, chain));
            List<RuleStep> shownBy = new ArrayList<>();
            card.because().forEach(b -> {
                Firing firing = trace.get(b.seq());
                if (firing != null) {
                    shownBy.add(step(firing, rules));
                }
            });
            List<AnsweredQuestion> decisive = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int seq : chain) {
                for (String question : trace.get(seq).reads()) {
                    if (!seen.contains(question) && answers.containsKey(question)) {
                        seen.add(question);
                        decisive.add(answered(texts, question, answers.get(question), shown));
                    }
                }
            }
            cards.add(new CardExplained(card.id(), item == null ? card.id() : item.title(), position, section, focus,
                    where(plan, path, card, focus, section), shownBy, decisive));
        }
        return new Report(id, then.version(), createdAt, path, List.copyOf(cards));
    }

    private static String where(Plan plan, PathExplained path, Card card, boolean focus, String section) {
        String onPath = path == null ? "" : " on the path \u201c" + path.title() + "\u201d";
        if (focus) {
            return "Focus card " + (plan.focus().indexOf(card.id()) + 1) + " of " + plan.focus().size() + onPath
                    + ": the plan puts these first.";
        }
        return "Listed under \u201c" + section + "\u201d" + onPath + ", after the focus cards, in the article's order.";
    }

    private static RuleStep step(Firing firing, Map<String, RuleInfo> rules) {
        RuleInfo rule = rules.get(firing.ruleId());
        return new RuleStep(firing.ruleId(), firing.rule(), rule == null ? "" : rule.source(), firing.reason());
    }

    private static void collect(int seq, Map<Integer, Firing> trace, TreeSet<Integer> into) {
        Firing firing = trace.get(seq);
        if (seq <= 0 || firing == null || !into.add(seq)) {
            return;
        }
        firing.dependsOn().forEach(dep -> collect(dep, trace, into));
    }

    private static AnsweredQuestion answered(Content texts, String id, Object value,
            BiFunction<String, Object, Object> shown) {
        Question question = texts.questionnaire().question(id);
        Object visible = shown.apply(id, value);
        String answer;
        if (question == null || !visible.equals(value)) {
            answer = String.valueOf(visible);
        } else if (value instanceof List<?> list) {
            answer = String.join(", ", list.stream().map(v -> question.labelOf(String.valueOf(v))).toList());
        } else if (value instanceof Number number) {
            String plain = number.doubleValue() == Math.rint(number.doubleValue())
                    ? String.valueOf(number.longValue()) : String.valueOf(number);
            answer = question.unit() == null ? plain : plain + " " + question.unit();
        } else {
            answer = question.labelOf(String.valueOf(value));
        }
        return new AnsweredQuestion(id, question == null ? id : question.text(), answer);
    }

    /** The report as a short text a clinical lead or a regulator can read. */
    public static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("Decision ").append(report.id()).append(", made ").append(report.createdAt())
                .append(" with ruleset ").append(report.rulesetVersion()).append(".\n");
        if (report.path() != null) {
            out.append("\nPath: ").append(report.path().title()).append('\n');
            if (report.path().note() != null) {
                out.append("  ").append(report.path().note().strip()).append('\n');
            }
            for (RuleStep step : report.path().chosenBy()) {
                rule(out, "  Chosen because", step);
            }
        }
        out.append("\nCards (").append(report.cards().size()).append("):\n");
        for (CardExplained card : report.cards()) {
            out.append('\n').append(card.position()).append(". ").append(card.title()).append(" [")
                    .append(card.card()).append("]\n");
            out.append("   Where: ").append(card.where()).append('\n');
            for (RuleStep step : card.shownBy()) {
                rule(out, "   Shown because", step);
            }
            if (!card.decisive().isEmpty()) {
                out.append("   Decided by these answers:\n");
                for (AnsweredQuestion answer : card.decisive()) {
                    out.append("     - ").append(answer.text()).append(" \u2014 ").append(answer.answer()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void rule(StringBuilder out, String lead, RuleStep step) {
        out.append(lead).append(": ").append(step.rule()).append('\n');
        if (step.reason() != null && !step.reason().isBlank()) {
            out.append("     ").append(step.reason().strip()).append('\n');
        }
        if (!step.source().isBlank()) {
            out.append("     Source: ").append(step.source()).append('\n');
        }
    }
}
