package org.rekindle.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.rekindle.content.Question;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.model.Plan;
import org.rekindle.model.Summary;
import org.rekindle.ruleset.RuleInfo;

/**
 * One hand-written evaluation in progress: the firings so far, the cards shown, the findings drawn and
 * the tags withheld. A rule that holds writes one firing:
 * {@code e.rule("signs.drifting_apart").bind("$signs", n).finding("drifting_apart").fire();}.
 * Not thread-safe; one per call.
 */
final class Evaluation implements Function<String, String> {

    static final String SELF_ASSESSMENT = "self_assessment";
    static final String DISCONNECTION = "disconnection_suspected";
    static final String ATTACHMENT_QUESTION = "att_own_style";
    static final String HEURISTIC_NOTE = "The article's rule of thumb: more than three \"yes\" answers suggests "
            + "emotional disconnection may be present. It is a heuristic for reflection, not a diagnosis.";

    private final HandWrittenEngine engine;
    private final Answers answers;
    private final List<Firing> firings = new ArrayList<>(128);
    private final Map<String, List<Integer>> shown = new LinkedHashMap<>(256);
    private final Map<String, List<Integer>> withheld = new HashMap<>(4);
    /** Finding name to the seq of the firing that drew it. */
    private final Map<String, Integer> findings = new HashMap<>(32);

    /** The firing being written, between {@link #rule} and {@link #fire}. */
    private RuleInfo rule;
    private int seq;
    private int dependsOn;
    private String bindingName;
    private Object bindingValue;
    private String secondBindingName;
    private Object secondBindingValue;
    private final List<String> inserted = new ArrayList<>(8);

    Evaluation(HandWrittenEngine engine, Answers answers) {
        this.engine = engine;
        this.answers = answers;
    }

    /** True when some firing drew this finding. */
    boolean found(String finding) {
        return findings.containsKey(finding);
    }

    Evaluation rule(String id) {
        rule = engine.rule(id);
        seq = firings.size() + 1;
        dependsOn = 0;
        bindingName = null;
        secondBindingName = null;
        inserted.clear();
        return this;
    }

    /** The rule matched this finding: its firing builds on the one that drew it. */
    Evaluation after(String finding) {
        dependsOn = findings.get(finding);
        return this;
    }

    /** A value bound in the rule's conditions, for a {@code {$name}} hole of its reason. */
    Evaluation bind(String name, Object value) {
        if (bindingName == null) {
            bindingName = name;
            bindingValue = value;
        } else {
            secondBindingName = name;
            secondBindingValue = value;
        }
        return this;
    }

    Evaluation show(String card) {
        List<Integer> by = shown.computeIfAbsent(card, c -> new ArrayList<>(2));
        if (by.isEmpty() || by.get(by.size() - 1) != seq) {
            by.add(seq);
        }
        inserted.add("Show(" + card + ")");
        return this;
    }

    Evaluation finding(String name) {
        findings.putIfAbsent(name, seq);
        inserted.add("Finding(" + name + ")");
        return this;
    }

    Evaluation withhold(String tag) {
        withheld.computeIfAbsent(tag, t -> new ArrayList<>(2)).add(seq);
        inserted.add("Withhold(" + tag + ")");
        return this;
    }

    /** Records the firing: what it read, its filled reason, what it inserted and what it built on. */
    void fire() {
        List<MatchedAnswer> read = answersRead();
        List<String> reads = new ArrayList<>(read.size());
        for (String question : rule.questions()) {
            if (answers.value(question) != null) {
                reads.add(question);
            }
        }
        String reason = rule.reason().render(this);
        firings.add(new Firing(seq, rule.id(), rule.name(), rule.file(), rule.line(), List.copyOf(reads), read, reason,
                List.copyOf(inserted), dependsOn == 0 ? List.of() : List.of(dependsOn)));
    }

    /** The answers the rule read, then those behind the firing it built on, each question once. */
    private List<MatchedAnswer> answersRead() {
        List<String> questions = rule.questions();
        List<MatchedAnswer> read = new ArrayList<>(questions.size() + 4);
        for (String question : questions) {
            Object value = answers.value(question);
            if (value != null) {
                read.add(new MatchedAnswer(question, value));
            }
        }
        if (dependsOn > 0) {
            for (MatchedAnswer earlier : firings.get(dependsOn - 1).answers()) {
                if (!questions.contains(earlier.question())) {
                    read.add(earlier);
                }
            }
        }
        return List.copyOf(read);
    }

    /** Fills one hole of the reason: a binding ({@code $yes}) or a question id. */
    @Override
    public String apply(String hole) {
        if (hole.charAt(0) == '$') {
            Object value = hole.equals(bindingName) ? bindingValue
                    : hole.equals(secondBindingName) ? secondBindingValue : null;
            return value == null ? null : AnswerTexts.of(value);
        }
        Question question = engine.questionnaire().question(hole);
        Object value = answers.value(hole);
        return question == null || value == null ? null : AnswerTexts.of(question, value);
    }

    /** The plan (cards in display order, summary), the trace and the withheld cards. */
    Decision decide() {
        List<HandWrittenEngine.Item> items = new ArrayList<>(shown.size());
        List<WithheldCard> withheldCards = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : shown.entrySet()) {
            HandWrittenEngine.Item item = engine.item(entry.getKey());
            String tag = withheldTag(item);
            if (tag != null) {
                withheldCards.add(new WithheldCard(entry.getKey(), tag, List.copyOf(entry.getValue()),
                        List.copyOf(withheld.get(tag))));
            } else {
                items.add(item);
            }
        }
        items.sort((x, y) -> Integer.compare(x.rank(), y.rank()));
        List<Card> cards = new ArrayList<>(items.size());
        for (HandWrittenEngine.Item item : items) {
            cards.add(card(item));
        }
        Plan plan = new Plan(summary(), List.copyOf(cards));
        return new Decision(engine.version(), plan, List.copyOf(firings), List.copyOf(withheldCards));
    }

    private Card card(HandWrittenEngine.Item item) {
        List<Integer> by = shown.get(item.guidance().id());
        Because[] because = new Because[by.size()];
        for (int i = 0; i < because.length; i++) {
            Firing firing = firings.get(by.get(i) - 1);
            because[i] = new Because(firing.seq(), firing.rule(), firing.ruleId(), firing.file(), firing.line(), firing.answers(),
                    firing.reason());
        }
        return new Card(item.guidance().id(), item.guidance().kind(), item.guidance().indicator().wireName(),
                item.guidance().title(), item.guidance().text(), item.source(), List.of(because));
    }

    private String withheldTag(HandWrittenEngine.Item item) {
        if (withheld.isEmpty()) {
            return null;
        }
        for (String tag : item.guidance().tags()) {
            if (withheld.containsKey(tag)) {
                return tag;
            }
        }
        return null;
    }

    private Summary summary() {
        int answered = answers.answeredCount(SELF_ASSESSMENT);
        String verdict = findings.containsKey(DISCONNECTION) ? DISCONNECTION
                : answered == 0 ? "not_taken" : "below_threshold";
        Summary.SelfAssessment selfAssessment = new Summary.SelfAssessment(answers.yesCount(SELF_ASSESSMENT),
                answered, engine.selfAssessmentQuestions(), verdict, HEURISTIC_NOTE);
        String[] names = findings.keySet().toArray(new String[0]);
        java.util.Arrays.sort(names);
        return new Summary(answers.questions().size(), selfAssessment, answers.choice(ATTACHMENT_QUESTION),
                List.of(names));
    }
}
