package org.rekindle.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rekindle.content.GuidanceItem;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.Finding;
import org.rekindle.model.Plan;
import org.rekindle.model.Show;
import org.rekindle.model.Summary;
import org.rekindle.model.Withhold;
import org.rekindle.ruleset.Ruleset;

/**
 * Turns the facts a session ended with into a plan: one card per shown content item (with every
 * firing that showed it), minus the withheld ones, sorted by indicator and then by the article's
 * order as the content files lay it out. Withheld cards are listed in the order they were first shown.
 */
final class PlanAssembler {

    /** The section and finding the summary's self-assessment block is about. */
    static final String SELF_ASSESSMENT = "self_assessment";
    static final String DISCONNECTION = "disconnection_suspected";
    static final String ATTACHMENT_QUESTION = "att_own_style";
    static final String HEURISTIC_NOTE = "The article's rule of thumb: more than three \"yes\" answers suggests "
            + "emotional disconnection may be present. It is a heuristic for reflection, not a diagnosis.";

    private PlanAssembler() {
    }

    static Decision assemble(Ruleset ruleset, RulesetIndex index, Answers answers, FiringRecorder recorder) {
        List<Firing> trace = List.copyOf(recorder.firings());
        // Facts come in insertion order, so each list of firings below is in firing order already.
        Map<String, List<Integer>> shownBy = new LinkedHashMap<>(128);
        Map<String, List<Integer>> withheldBy = new HashMap<>(4);
        List<String> findings = new ArrayList<>(8);
        List<Object> facts = recorder.facts();
        for (int i = 0; i < facts.size(); i++) {
            Object fact = facts.get(i);
            if (fact instanceof Show show) {
                addOnce(shownBy, show.getCard(), recorder.producerAt(i));
            } else if (fact instanceof Withhold withhold) {
                addOnce(withheldBy, withhold.getTag(), recorder.producerAt(i));
            } else if (fact instanceof Finding finding && !findings.contains(finding.getName())) {
                findings.add(finding.getName());
            }
        }

        RulesetIndex.RankedItem[] shown = new RulesetIndex.RankedItem[shownBy.size()];
        int count = 0;
        List<WithheldCard> withheld = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : shownBy.entrySet()) {
            RulesetIndex.RankedItem ranked = index.item(entry.getKey());
            if (ranked == null) {
                continue; // the cross-check makes this impossible for a live ruleset
            }
            String tag = withheldBy.isEmpty() ? null : withheldTag(ranked.item(), withheldBy);
            if (tag != null) {
                withheld.add(new WithheldCard(ranked.item().id(), tag, List.copyOf(entry.getValue()),
                        List.copyOf(withheldBy.get(tag))));
            } else {
                shown[count++] = ranked;
            }
        }
        Arrays.sort(shown, 0, count, (x, y) -> Integer.compare(x.rank(), y.rank()));

        Card[] cards = new Card[count];
        for (int i = 0; i < count; i++) {
            cards[i] = card(shown[i].item(), shownBy.get(shown[i].item().id()), trace);
        }
        findings.sort(null);
        Plan plan = new Plan(summary(ruleset, answers, findings), List.of(cards));
        return new Decision(ruleset.version(), plan, trace, List.copyOf(withheld));
    }

    private static Card card(GuidanceItem item, List<Integer> shownBy, List<Firing> trace) {
        List<Because> because = new ArrayList<>(shownBy.size());
        for (int seq : shownBy) {
            if (seq > 0) {
                Firing firing = trace.get(seq - 1);
                because.add(new Because(seq, firing.rule(), firing.ruleId(), firing.file(), firing.line(),
                        firing.answers(), firing.reason()));
            }
        }
        return item.card(because);
    }

    private static Summary summary(Ruleset ruleset, Answers answers, List<String> findings) {
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
}
