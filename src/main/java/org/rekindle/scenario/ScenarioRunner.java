package org.rekindle.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.rekindle.content.FieldProblem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.engine.CoupleDecision;
import org.rekindle.engine.CoupleSides;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.EvaluationLimitExceeded;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.model.Previous;
import org.rekindle.ruleset.Ruleset;

/** Runs scenario cases against a ruleset. Used by {@code rekindle test}, the test suite and every reload. */
public final class ScenarioRunner {

    /**
     * The outcome of one case: passed when {@code failures} is empty.
     *
     * @param fired the ids of the rules that fired for its answers (empty when they could not be evaluated)
     */
    public record Outcome(ScenarioCase scenario, List<String> failures, Set<String> fired) {

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private ScenarioRunner() {
    }

    public static List<Outcome> run(Ruleset ruleset, List<ScenarioCase> cases) {
        return run(ruleset, cases, EvaluationLimits.DEFAULT);
    }

    /** Runs {@code cases} under {@code limits}: a case the server's limits would stop fails, naming the rule. */
    public static List<Outcome> run(Ruleset ruleset, List<ScenarioCase> cases, EvaluationLimits limits) {
        List<Outcome> outcomes = new ArrayList<>(cases.size());
        for (ScenarioCase scenario : cases) {
            outcomes.add(check(ruleset, scenario, limits));
        }
        return outcomes;
    }

    static Outcome check(Ruleset ruleset, ScenarioCase scenario) {
        return check(ruleset, scenario, EvaluationLimits.DEFAULT);
    }

    private static Outcome check(Ruleset ruleset, ScenarioCase scenario, EvaluationLimits limits) {
        if (scenario.partners() != null) {
            return checkCouple(ruleset, scenario, limits);
        }
        Answers answers;
        try {
            answers = ruleset.content().questionnaire().readPosted(scenario.answers());
        } catch (InvalidAnswers e) {
            return new Outcome(scenario, e.problems().stream().map(ScenarioRunner::describe).toList(), Set.of());
        }
        Previous previous = null;
        if (scenario.previous() != null) {
            try {
                // As the service reads a stored assessment: each answer on its own, narrowed to what rules read.
                ruleset.content().questionnaire().read(scenario.previous());
            } catch (InvalidAnswers e) {
                return new Outcome(scenario, e.problems().stream().map(p -> "previous " + describe(p)).toList(),
                        Set.of());
            }
            previous = Engine.previous(ruleset, "previous", scenario.previous());
        }
        Decision decision;
        try {
            decision = Engine.evaluate(ruleset, answers, previous, scenario.locale(), limits);
        } catch (EvaluationLimitExceeded e) {
            return new Outcome(scenario, List.of("the evaluation was stopped: " + e.getMessage()), Set.of());
        }
        List<String> cards = decision.plan().cards().stream().map(Card::id).toList();
        Set<String> fired = decision.trace().stream().map(Firing::ruleId).collect(Collectors.toSet());
        // From the trace, not the summary: a discreet path's summary lists no findings.
        Set<String> findings = decision.trace().stream().flatMap(f -> f.findings().stream())
                .collect(Collectors.toSet());
        List<String> failures = new ArrayList<>();
        for (String card : scenario.cards()) {
            if (!cards.contains(card)) {
                failures.add("expected card '" + card + "' but the plan has " + cards);
            }
        }
        for (String card : scenario.absent()) {
            if (cards.contains(card)) {
                failures.add("expected no card '" + card + "' but it is in the plan (at position "
                        + (cards.indexOf(card) + 1) + ")");
            }
        }
        expectFirings(scenario, cards, fired, findings, failures);
        String path = decision.plan().path() == null ? null : decision.plan().path().id();
        if (scenario.path() != null && !scenario.path().equals(path)) {
            failures.add("expected the path '" + scenario.path() + "' but the plan is on "
                    + (path == null ? "no path (the ruleset has no plan file)" : "'" + path + "'"
                    + (decision.path() == null || decision.path().finding() == null ? " (the fallback)"
                            : " (Finding " + decision.path().finding() + ")")));
        }
        if (scenario.focus() != null && !scenario.focus().equals(decision.plan().focus())) {
            failures.add("expected the focus " + scenario.focus() + " but it is " + decision.plan().focus());
        }
        List<String> withheld = decision.withheld().stream().map(WithheldCard::card).toList();
        for (String card : scenario.withheld()) {
            if (!withheld.contains(card)) {
                failures.add("expected card '" + card + "' to be withheld but it is "
                        + (cards.contains(card) ? "in the plan" : "not shown by any rule") + "; withheld: " + withheld);
            }
        }
        return new Outcome(scenario, List.copyOf(failures), Set.copyOf(fired));
    }

    /**
     * A couple case: both partners' answers, without their private ones, and the findings each partner's
     * own answers drew, without the private ones ({@link CoupleSides}), evaluated together. A couple
     * case withholds nothing; its path and focus are the shared view's.
     */
    private static Outcome checkCouple(Ruleset ruleset, ScenarioCase scenario, EvaluationLimits limits) {
        var questionnaire = ruleset.content().questionnaire();
        List<String> failures = new ArrayList<>();
        List<Answers> sides = new ArrayList<>(2);
        for (var side : scenario.partners().entrySet()) {
            try {
                sides.add(questionnaire.readPosted(side.getValue()));
            } catch (InvalidAnswers e) {
                e.problems().forEach(p -> failures.add("partner " + side.getKey() + ": " + describe(p)));
            }
        }
        if (!failures.isEmpty()) {
            return new Outcome(scenario, List.copyOf(failures), Set.of());
        }
        CoupleDecision decision;
        try {
            decision = Engine.evaluateCouple(ruleset, CoupleSides.of(ruleset, sides.get(0), sides.get(1), limits),
                    limits);
        } catch (EvaluationLimitExceeded e) {
            return new Outcome(scenario, List.of("the evaluation was stopped: " + e.getMessage()), Set.of());
        }
        List<String> cards = decision.cards().stream().map(Card::id).toList();
        Set<String> fired = decision.trace().stream().map(Firing::ruleId).collect(Collectors.toSet());
        Set<String> findings = decision.trace().stream().flatMap(f -> f.findings().stream())
                .collect(Collectors.toSet());
        for (String card : scenario.cards()) {
            if (!cards.contains(card)) {
                failures.add("expected card '" + card + "' but the couple's cards are " + cards);
            }
        }
        for (String card : scenario.absent()) {
            if (cards.contains(card)) {
                failures.add("expected no card '" + card + "' but it is among the couple's cards");
            }
        }
        expectFirings(scenario, cards, fired, findings, failures);
        if (scenario.focus() != null && !scenario.focus().equals(decision.focus())) {
            failures.add("expected the focus " + scenario.focus() + " but it is " + decision.focus());
        }
        String path = decision.path() == null ? null : decision.path().id();
        if (scenario.path() != null && !scenario.path().equals(path)) {
            failures.add("expected the couple's path '" + scenario.path() + "' but it is " + (path == null
                    ? "on no path (the plan file has no couple: block)" : "'" + path + "'"));
        }
        if (!scenario.withheld().isEmpty()) {
            failures.add("a couple case withholds nothing; expect cards, fired, notFired, path or focus");
        }
        return new Outcome(scenario, List.copyOf(failures), Set.copyOf(fired));
    }

    /** An answer the questionnaire refused, in words: which answer, and what is wrong with it. */
    private static String describe(FieldProblem problem) {
        String field = problem.field().startsWith("answers.") ? problem.field().substring("answers.".length())
                : problem.field();
        return "answer '" + field + "' is refused: " + problem.problem();
    }

    /** What a person's case and a couple's case expect alike: rules fired or not, findings, the first card. */
    private static void expectFirings(ScenarioCase scenario, List<String> cards, Set<String> fired,
            Set<String> findings, List<String> failures) {
        for (String rule : scenario.fired()) {
            if (!fired.contains(rule)) {
                failures.add("expected rule '" + rule + "' to fire but it did not; fired: " + sortedOf(fired));
            }
        }
        for (String rule : scenario.notFired()) {
            if (fired.contains(rule)) {
                failures.add("expected rule '" + rule + "' not to fire but it did");
            }
        }
        for (String finding : scenario.findings()) {
            if (!findings.contains(finding)) {
                failures.add("expected finding '" + finding + "' but the findings are " + sortedOf(findings));
            }
        }
        if (scenario.first() != null && (cards.isEmpty() || !cards.get(0).equals(scenario.first()))) {
            failures.add("expected the first card to be '" + scenario.first() + "' but it is "
                    + (cards.isEmpty() ? "nothing (no cards)" : "'" + cards.get(0) + "'"));
        }
    }

    private static List<String> sortedOf(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
