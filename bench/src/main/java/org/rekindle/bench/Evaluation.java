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
import org.rekindle.engine.PlanLayer;
import org.rekindle.engine.RuleOutcome;
import org.rekindle.model.Answers;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.ruleset.RuleInfo;

/**
 * One hand-written evaluation in progress: the firings so far, the cards shown, the findings drawn and
 * the tags withheld. A rule that holds writes one firing:
 * {@code e.rule("signs.drifting_apart").bind("$signs", n).finding("drifting_apart").fire();}.
 * Not thread-safe; one per call.
 */
final class Evaluation implements Function<String, String> {

    private final HandWrittenEngine engine;
    private final Answers answers;
    private final List<Firing> firings = new ArrayList<>(128);
    private final Map<String, List<Integer>> shown = new LinkedHashMap<>(256);
    private final Map<String, List<Integer>> withheld = new HashMap<>(4);
    /** Finding name to the seq of the firing that first drew it, in the order drawn. */
    private final Map<String, Integer> findings = new LinkedHashMap<>(32);

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

    /**
     * The decision: the rules' outcome handed to the engine's own plan layer (path, withheld cards, focus,
     * caveats, help lines, summary), as a hand-written service would hand it to the same coach-owned plan.
     */
    Decision decide() {
        return PlanLayer.decide(engine.ruleset(), answers, new RuleOutcome(List.copyOf(firings), shown, withheld,
                findings), null);
    }
}
