package org.rekindle.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.rekindle.content.GuidanceItem;
import org.rekindle.content.Library;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.Finding;
import org.rekindle.model.Plan;
import org.rekindle.model.Show;
import org.rekindle.model.Summary;
import org.rekindle.model.Withhold;
import org.rekindle.ruleset.Ruleset;

/** (Bench only.) PlanAssembler as first committed; see {@link OriginalEngine}. */
final class OriginalAssembler {

    /** The section and finding the summary's self-assessment block is about. */
    static final String SELF_ASSESSMENT = "self_assessment";
    static final String DISCONNECTION = "disconnection_suspected";
    static final String ATTACHMENT_QUESTION = "att_own_style";
    static final String HEURISTIC_NOTE = "The article's rule of thumb: more than three \"yes\" answers suggests "
            + "emotional disconnection may be present. It is a heuristic for reflection, not a diagnosis.";

    private static final Comparator<GuidanceItem> DISPLAY_ORDER = Comparator
            .comparing(GuidanceItem::indicator)
            .thenComparingInt(GuidanceItem::order)
            .thenComparing(GuidanceItem::topic)
            .thenComparingInt(GuidanceItem::position);

    private OriginalAssembler() {
    }

    static Decision assemble(Ruleset ruleset, Answers answers, List<Object> facts, OriginalRecorder recorder) {
        Library library = ruleset.content().library();
        List<Firing> trace = List.copyOf(recorder.firings());
        Map<String, List<Integer>> shownBy = new LinkedHashMap<>();
        Map<String, List<Integer>> withheldBy = new LinkedHashMap<>();
        TreeSet<String> findings = new TreeSet<>();
        for (Object fact : facts) {
            if (fact instanceof Show show) {
                addOnce(shownBy, show.getCard(), recorder.producerOf(fact));
            } else if (fact instanceof Withhold withhold) {
                addOnce(withheldBy, withhold.getTag(), recorder.producerOf(fact));
            } else if (fact instanceof Finding finding) {
                findings.add(finding.getName());
            }
        }

        List<GuidanceItem> items = new ArrayList<>();
        List<WithheldCard> withheld = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : shownBy.entrySet()) {
            GuidanceItem item = library.item(entry.getKey());
            String tag = item == null ? null : withheldTag(item, withheldBy);
            if (item == null) {
                continue; // the cross-check makes this impossible for a live ruleset
            }
            if (tag != null) {
                withheld.add(new WithheldCard(item.id(), tag, sorted(entry.getValue()), withheldBy.get(tag)));
            } else {
                items.add(item);
            }
        }
        items.sort(DISPLAY_ORDER);

        List<Card> cards = new ArrayList<>(items.size());
        for (GuidanceItem item : items) {
            List<Because> because = new ArrayList<>();
            for (int seq : sorted(shownBy.get(item.id()))) {
                if (seq > 0) {
                    Firing firing = trace.get(seq - 1);
                    because.add(new Because(seq, firing.rule(), firing.ruleId(), firing.file(), firing.line(),
                            firing.answers(), firing.reason()));
                }
            }
            cards.add(new Card(item.id(), item.kind(), item.indicator().wireName(), item.title(), item.text(),
                    new Card.CardSource(item.source().label(), item.source().url()), List.copyOf(because)));
        }
        Plan plan = new Plan(summary(ruleset, answers, findings), List.copyOf(cards));
        return new Decision(ruleset.version(), plan, trace, List.copyOf(withheld));
    }

    private static Summary summary(Ruleset ruleset, Answers answers, TreeSet<String> findings) {
        int questions = ruleset.content().questionnaire().questionIdsOf(SELF_ASSESSMENT).size();
        int answered = answers.answeredCount(SELF_ASSESSMENT);
        String verdict = findings.contains(DISCONNECTION) ? DISCONNECTION
                : answered == 0 ? "not_taken" : "below_threshold";
        Summary.SelfAssessment selfAssessment = new Summary.SelfAssessment(answers.yesCount(SELF_ASSESSMENT),
                answered, questions, verdict, HEURISTIC_NOTE);
        return new Summary(answers.questions().size(), selfAssessment, answers.choice(ATTACHMENT_QUESTION),
                List.copyOf(findings));
    }

    private static String withheldTag(GuidanceItem item, Map<String, List<Integer>> withheldBy) {
        for (String tag : item.tags()) {
            if (withheldBy.containsKey(tag)) {
                return tag;
            }
        }
        return null;
    }

    private static void addOnce(Map<String, List<Integer>> map, String key, int seq) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
        if (!list.contains(seq)) {
            list.add(seq);
        }
    }

    private static List<Integer> sorted(List<Integer> seqs) {
        List<Integer> copy = new ArrayList<>(seqs);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
