package org.rekindle.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.rekindle.bundle.Problem;
import org.rekindle.content.FieldProblem;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.content.PlanPath;
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
import org.rekindle.ruleset.RuleInfo;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.Spelling;

/** Runs scenario cases against a ruleset. Used by {@code rekindle test}, the test suite and every reload. */
public final class ScenarioRunner {

    /**
     * The outcome of one case: passed when {@code failures} is empty.
     *
     * @param failures what the case found wrong, each at what the case wrote that did not hold (the card in
     *                 {@code expect: cards:}, the answer refused), as {@code scenario "name" failed: ...}, or
     *                 {@code scenario "name" names ...} for an id nothing has
     * @param fired    the ids of the rules that fired for its answers (empty when they could not be evaluated)
     */
    public record Outcome(ScenarioCase scenario, List<Problem> failures, Set<String> fired) {

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
        Failures failures = new Failures(scenario);
        Known known = Known.check(ruleset, scenario, failures);
        if (scenario.partners() != null) {
            return checkCouple(ruleset, scenario, known, failures, limits);
        }
        Answers answers;
        try {
            answers = ruleset.content().questionnaire().readPosted(scenario.answers());
        } catch (InvalidAnswers e) {
            e.problems().forEach(p -> failures.refused("", p));
            return failures.outcome(Set.of());
        }
        Previous previous = null;
        if (scenario.previous() != null) {
            try {
                // As the service reads a stored assessment: each answer on its own, narrowed to what rules read.
                ruleset.content().questionnaire().read(scenario.previous());
            } catch (InvalidAnswers e) {
                e.problems().forEach(p -> failures.refused("previous", p));
                return failures.outcome(Set.of());
            }
            previous = Engine.previous(ruleset, "previous", scenario.previous());
        }
        Decision decision;
        try {
            decision = Engine.evaluate(ruleset, answers, previous, scenario.locale(), limits);
        } catch (EvaluationLimitExceeded e) {
            failures.add("", "the evaluation was stopped: " + e.getMessage());
            return failures.outcome(Set.of());
        }
        List<String> cards = decision.plan().cards().stream().map(Card::id).toList();
        Set<String> fired = decision.trace().stream().map(Firing::ruleId).collect(Collectors.toSet());
        // From the trace, not the summary: a discreet path's summary lists no findings.
        Set<String> findings = decision.trace().stream().flatMap(f -> f.findings().stream())
                .collect(Collectors.toSet());
        for (int i = 0; i < scenario.cards().size(); i++) {
            String card = scenario.cards().get(i);
            if (known.card(card) && !cards.contains(card)) {
                failures.add("expect/cards/" + i, "expected card '" + card + "' but the plan has " + cards);
            }
        }
        for (int i = 0; i < scenario.absent().size(); i++) {
            String card = scenario.absent().get(i);
            if (cards.contains(card)) {
                failures.add("expect/absent/" + i, "expected no card '" + card + "' but it is in the plan (at "
                        + "position " + (cards.indexOf(card) + 1) + ")");
            }
        }
        expectFirings(scenario, known, cards, fired, findings, failures);
        String path = decision.plan().path() == null ? null : decision.plan().path().id();
        if (scenario.path() != null && known.path(scenario.path()) && !scenario.path().equals(path)) {
            failures.add("expect/path", "expected the path '" + scenario.path() + "' but the plan is on "
                    + (path == null ? "no path (the ruleset has no plan file)" : "'" + path + "'"
                    + (decision.path() == null || decision.path().finding() == null ? " (the fallback)"
                            : " (Finding " + decision.path().finding() + ")")));
        }
        if (scenario.focus() != null && scenario.focus().stream().allMatch(known::card)
                && !scenario.focus().equals(decision.plan().focus())) {
            failures.add("expect/focus", "expected the focus " + scenario.focus() + " but it is "
                    + decision.plan().focus());
        }
        List<String> withheld = decision.withheld().stream().map(WithheldCard::card).toList();
        for (int i = 0; i < scenario.withheld().size(); i++) {
            String card = scenario.withheld().get(i);
            if (known.card(card) && !withheld.contains(card)) {
                failures.add("expect/withheld/" + i, "expected card '" + card + "' to be withheld but it is "
                        + (cards.contains(card) ? "in the plan" : "not shown by any rule") + "; withheld: " + withheld);
            }
        }
        return failures.outcome(Set.copyOf(fired));
    }

    /**
     * A couple case: both partners' answers, without their private ones, and the findings each partner's
     * own answers drew, without the private ones ({@link CoupleSides}), evaluated together. A couple
     * case withholds nothing; its path and focus are the shared view's.
     */
    private static Outcome checkCouple(Ruleset ruleset, ScenarioCase scenario, Known known, Failures failures,
            EvaluationLimits limits) {
        var questionnaire = ruleset.content().questionnaire();
        List<Answers> sides = new ArrayList<>(2);
        boolean refused = false;
        for (var side : scenario.partners().entrySet()) {
            try {
                sides.add(questionnaire.readPosted(side.getValue()));
            } catch (InvalidAnswers e) {
                e.problems().forEach(p -> failures.refused("partners/" + side.getKey(), p));
                refused = true;
            }
        }
        if (refused) {
            return failures.outcome(Set.of());
        }
        CoupleDecision decision;
        try {
            decision = Engine.evaluateCouple(ruleset, CoupleSides.of(ruleset, sides.get(0), sides.get(1), limits),
                    limits);
        } catch (EvaluationLimitExceeded e) {
            failures.add("", "the evaluation was stopped: " + e.getMessage());
            return failures.outcome(Set.of());
        }
        List<String> cards = decision.cards().stream().map(Card::id).toList();
        Set<String> fired = decision.trace().stream().map(Firing::ruleId).collect(Collectors.toSet());
        Set<String> findings = decision.trace().stream().flatMap(f -> f.findings().stream())
                .collect(Collectors.toSet());
        for (int i = 0; i < scenario.cards().size(); i++) {
            String card = scenario.cards().get(i);
            if (known.card(card) && !cards.contains(card)) {
                failures.add("expect/cards/" + i, "expected card '" + card + "' but the couple's cards are " + cards);
            }
        }
        for (int i = 0; i < scenario.absent().size(); i++) {
            String card = scenario.absent().get(i);
            if (cards.contains(card)) {
                failures.add("expect/absent/" + i, "expected no card '" + card + "' but it is among the couple's "
                        + "cards");
            }
        }
        expectFirings(scenario, known, cards, fired, findings, failures);
        if (scenario.focus() != null && scenario.focus().stream().allMatch(known::card)
                && !scenario.focus().equals(decision.focus())) {
            failures.add("expect/focus", "expected the focus " + scenario.focus() + " but it is " + decision.focus());
        }
        String path = decision.path() == null ? null : decision.path().id();
        if (scenario.path() != null && known.path(scenario.path()) && !scenario.path().equals(path)) {
            failures.add("expect/path", "expected the couple's path '" + scenario.path() + "' but it is "
                    + (path == null ? "on no path (the plan file has no couple: block)" : "'" + path + "'"));
        }
        if (!scenario.withheld().isEmpty()) {
            failures.add("expect/withheld", "a couple case withholds nothing; expect cards, fired, notFired, path "
                    + "or focus");
        }
        return failures.outcome(Set.copyOf(fired));
    }

    /** What a person's case and a couple's case expect alike: rules fired or not, findings, the first card. */
    private static void expectFirings(ScenarioCase scenario, Known known, List<String> cards, Set<String> fired,
            Set<String> findings, Failures failures) {
        for (int i = 0; i < scenario.fired().size(); i++) {
            String rule = scenario.fired().get(i);
            if (known.rule(rule) && !fired.contains(rule)) {
                failures.add("expect/fired/" + i, "expected rule '" + rule + "' to fire but it did not; fired: "
                        + sortedOf(fired));
            }
        }
        for (int i = 0; i < scenario.notFired().size(); i++) {
            String rule = scenario.notFired().get(i);
            if (fired.contains(rule)) {
                failures.add("expect/notFired/" + i, "expected rule '" + rule + "' not to fire but it did");
            }
        }
        for (int i = 0; i < scenario.findings().size(); i++) {
            String finding = scenario.findings().get(i);
            if (known.finding(finding) && !findings.contains(finding)) {
                failures.add("expect/findings/" + i, "expected finding '" + finding + "' but the findings are "
                        + sortedOf(findings));
            }
        }
        if (scenario.first() != null && known.card(scenario.first())
                && (cards.isEmpty() || !cards.get(0).equals(scenario.first()))) {
            failures.add("expect/first", "expected the first card to be '" + scenario.first() + "' but it is "
                    + (cards.isEmpty() ? "nothing (no cards)" : "'" + cards.get(0) + "'"));
        }
    }

    private static List<String> sortedOf(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** A case's failures, each placed at what the case wrote. */
    private static final class Failures {

        private final ScenarioCase scenario;
        private final List<Problem> problems = new ArrayList<>();

        Failures(ScenarioCase scenario) {
            this.scenario = scenario;
        }

        void add(String where, String failure) {
            problems.add(scenario.problemAt(where, "scenario \"" + scenario.name() + "\" failed: " + failure));
        }

        /** An id the case names that nothing has: not a failure of the rules, a slip in the case. */
        void unknown(String where, String message) {
            problems.add(scenario.problemAt(where, "scenario \"" + scenario.name() + "\" " + message));
        }

        /**
         * An answer the questionnaire refused, in words: which answer, and what is wrong with it, at the
         * answer ({@code answers.q[1]} is {@code answers/q/1} under {@code under}, such as {@code partners/a}).
         */
        void refused(String under, FieldProblem problem) {
            String field = problem.field().startsWith("answers.") ? problem.field().substring("answers.".length())
                    : problem.field();
            String where = (under.isEmpty() ? (scenario.partners() == null ? "answers" : "") : under) + "/"
                    + field.replaceAll("\\[(\\d+)]", "/$1").replace('.', '/');
            add(where.startsWith("/") ? where.substring(1) : where, (under.equals("previous") ? "previous " : "")
                    + (under.startsWith("partners/") ? "partner " + under.substring("partners/".length()) + ": " : "")
                    + "answer '" + field + "' is refused: " + problem.problem());
        }

        Outcome outcome(Set<String> fired) {
            return new Outcome(scenario, List.copyOf(problems), fired);
        }
    }

    /**
     * The ids a case names, checked against the ruleset before it runs: a card, rule, path or finding
     * that nothing has is said as such (with the nearest id that exists), never as "it did not fire" or,
     * under {@code absent:}, not at all.
     */
    private record Known(Set<String> cards, Set<String> rules, Set<String> paths, Set<String> findings) {

        static Known check(Ruleset ruleset, ScenarioCase scenario, Failures failures) {
            Set<String> allCards = ruleset.content().library().items().stream().map(GuidanceItem::id)
                    .collect(Collectors.toSet());
            Set<String> allRules = ruleset.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
            Set<String> allFindings = ruleset.rules().stream().flatMap(rule -> rule.findings().stream())
                    .collect(Collectors.toSet());
            List<PlanPath> planPaths = scenario.partners() == null ? ruleset.content().plan().paths()
                    : ruleset.content().plan().couple().paths();
            Set<String> allPaths = planPaths.stream().map(PlanPath::id).collect(Collectors.toSet());
            Set<String> cards = new HashSet<>();
            Set<String> rules = new HashSet<>();
            Set<String> paths = new HashSet<>();
            Set<String> findings = new HashSet<>();
            Map<String, List<String>> cardLists = new LinkedHashMap<>();
            cardLists.put("cards", scenario.cards());
            cardLists.put("absent", scenario.absent());
            cardLists.put("focus", scenario.focus() == null ? List.of() : scenario.focus());
            cardLists.put("withheld", scenario.withheld());
            cardLists.forEach((field, ids) -> {
                for (int i = 0; i < ids.size(); i++) {
                    known(ids.get(i), allCards, cards, failures, "expect/" + field + "/" + i, "card",
                            "which is not a content id in content/guidance/");
                }
            });
            if (scenario.first() != null) {
                known(scenario.first(), allCards, cards, failures, "expect/first", "card",
                        "which is not a content id in content/guidance/");
            }
            for (String field : List.of("fired", "notFired")) {
                List<String> ids = field.equals("fired") ? scenario.fired() : scenario.notFired();
                for (int i = 0; i < ids.size(); i++) {
                    known(ids.get(i), allRules, rules, failures, "expect/" + field + "/" + i, "rule",
                            "and no rule has that id (`rekindle rules` lists them)");
                }
            }
            for (int i = 0; i < scenario.findings().size(); i++) {
                known(scenario.findings().get(i), allFindings, findings, failures, "expect/findings/" + i, "finding",
                        "which no rule inserts");
            }
            if (scenario.path() != null) {
                known(scenario.path(), allPaths, paths, failures, "expect/path", "path", "which content/plan.yaml "
                        + "does not have" + (scenario.partners() == null ? "" : " under couple:") + "; its paths are "
                        + planPaths.stream().map(PlanPath::id).toList());
            }
            return new Known(Set.copyOf(cards), Set.copyOf(rules), Set.copyOf(paths), Set.copyOf(findings));
        }

        private static void known(String id, Set<String> all, Set<String> known, Failures failures, String where,
                String what, String missing) {
            if (all.contains(id)) {
                known.add(id);
            } else {
                failures.unknown(where, "names " + what + " '" + id + "', " + missing + Spelling.suggest(id, all));
            }
        }

        boolean card(String id) {
            return cards.contains(id);
        }

        boolean rule(String id) {
            return rules.contains(id);
        }

        boolean path(String id) {
            return paths.contains(id);
        }

        boolean finding(String id) {
            return findings.contains(id);
        }
    }
}
