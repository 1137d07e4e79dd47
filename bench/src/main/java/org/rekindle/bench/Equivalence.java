package org.rekindle.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.MatchedAnswer;

/**
 * Checks, before anything is measured, that a candidate (the hand-written baseline) decides exactly what
 * {@link Engine#evaluate} decides on the same ruleset: the same path (and the paths it outranked), the
 * same focus, the same card ids in the same order, the same cards (texts, caveats, help lines, sources,
 * reasons, the answers behind them), the same summary, the same firings and the same withheld cards (with
 * the path and reason that held them back). Firings are compared as a set (seq numbers replaced by rule
 * ids), since only their order may legitimately differ: no card, reason or summary depends on it.
 */
public final class Equivalence {

    /** A firing without its position: what the trace says about one rule. */
    private record FiringFacts(String ruleId, String rule, String file, int line, List<String> reads,
            List<MatchedAnswer> answers,
            String reason, List<String> inserted, List<String> dependsOn) {
    }

    private record WithheldFacts(String card, String tag, List<String> shownBy, List<String> withheldBy,
            String path, String reason) {
    }

    private Equivalence() {
    }

    /**
     * Runs {@code candidate} and the engine on every answer set and throws, listing the first
     * differences, unless they agree on all of them.
     *
     * @return how many answer sets were compared
     */
    public static int check(BenchData data, String candidateName, Function<Answers, Decision> candidate) {
        List<String> problems = new ArrayList<>();
        Map<String, Answers> all = data.everyAnswerSet();
        for (Map.Entry<String, Answers> entry : all.entrySet()) {
            Decision expected = Engine.evaluate(data.ruleset(), entry.getValue());
            Decision actual = candidate.apply(entry.getValue());
            for (String difference : differences(expected, actual)) {
                problems.add(entry.getKey() + ": " + difference);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(candidateName + " does NOT make the engine's decisions: "
                    + problems.size() + " difference(s); first ones:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(12, problems.size()))));
        }
        return all.size();
    }

    /** What differs between the engine's decision and another, empty when they are the same decision. */
    static List<String> differences(Decision engine, Decision other) {
        List<String> out = new ArrayList<>();
        List<String> engineCards = engine.plan().cards().stream().map(Card::id).toList();
        List<String> otherCards = other.plan().cards().stream().map(Card::id).toList();
        if (!engineCards.equals(otherCards)) {
            out.add("card ids differ:\n    engine    " + engineCards + "\n    candidate " + otherCards);
            return out;
        }
        for (int i = 0; i < engineCards.size(); i++) {
            Card expected = engine.plan().cards().get(i);
            Card actual = other.plan().cards().get(i);
            String misplaced = misplacedSeq(actual, other.trace());
            if (misplaced != null) {
                out.add("card " + actual.id() + " of the candidate: " + misplaced);
            }
            // Seqs are positions in each one's own trace, and the two fire in different orders.
            if (!withoutSeqs(expected).equals(withoutSeqs(actual))) {
                out.add("card " + expected.id() + " differs:\n    engine    " + expected + "\n    candidate " + actual);
            }
        }
        if (!Objects.equals(withoutSeqs(engine.plan().path()), withoutSeqs(other.plan().path()))) {
            out.add("path differs:\n    engine    " + engine.plan().path() + "\n    candidate " + other.plan().path());
        }
        if (!engine.plan().focus().equals(other.plan().focus())) {
            out.add("focus differs:\n    engine    " + engine.plan().focus() + "\n    candidate " + other.plan().focus());
        }
        String outranked = engine.path() == null ? null : engine.path().outranked().toString();
        if (engine.path() != null && (other.path() == null || !engine.path().path().equals(other.path().path())
                || !Objects.equals(engine.path().finding(), other.path().finding())
                || !outranked.equals(other.path().outranked().toString()))) {
            out.add("path choice differs:\n    engine    " + engine.path() + "\n    candidate " + other.path());
        }
        if (!engine.plan().summary().equals(other.plan().summary())) {
            out.add("summary differs:\n    engine    " + engine.plan().summary() + "\n    candidate "
                    + other.plan().summary());
        }
        if (!engine.rulesetVersion().equals(other.rulesetVersion())) {
            out.add("ruleset version differs: " + engine.rulesetVersion() + " vs " + other.rulesetVersion());
        }
        List<FiringFacts> engineTrace = facts(engine.trace());
        List<FiringFacts> otherTrace = facts(other.trace());
        if (!engineTrace.equals(otherTrace)) {
            List<FiringFacts> missing = new ArrayList<>(engineTrace);
            missing.removeAll(otherTrace);
            List<FiringFacts> extra = new ArrayList<>(otherTrace);
            extra.removeAll(engineTrace);
            out.add("trace differs:\n    only in engine    " + missing + "\n    only in candidate " + extra);
        }
        List<WithheldFacts> engineWithheld = withheld(engine);
        List<WithheldFacts> otherWithheld = withheld(other);
        if (!engineWithheld.equals(otherWithheld)) {
            out.add("withheld cards differ:\n    engine    " + engineWithheld + "\n    candidate " + otherWithheld);
        }
        return out;
    }

    private static Card withoutSeqs(Card card) {
        return new Card(card.id(), card.kind(), card.indicator(), card.summary(), card.detail(), card.caveat(),
                card.helpLines(), card.source(), withoutSeqs(card.because()));
    }

    private static ChosenPath withoutSeqs(ChosenPath path) {
        return path == null ? null : new ChosenPath(path.id(), path.title(), path.note(), withoutSeqs(path.because()));
    }

    private static List<Because> withoutSeqs(List<Because> because) {
        return because.stream().map(b -> new Because(0, b.rule(), b.ruleId(), b.file(), b.line(), b.answers(),
                b.reason())).toList();
    }

    /** What is wrong when a reason's seq does not point at its own rule's firing in the trace, or null. */
    private static String misplacedSeq(Card card, List<Firing> trace) {
        for (Because because : card.because()) {
            if (because.seq() < 1 || because.seq() > trace.size()
                    || !trace.get(because.seq() - 1).ruleId().equals(because.ruleId())) {
                return "reason " + because.ruleId() + " points at firing " + because.seq();
            }
        }
        return null;
    }

    private static List<FiringFacts> facts(List<Firing> trace) {
        List<FiringFacts> facts = new ArrayList<>(trace.size());
        for (Firing firing : trace) {
            facts.add(new FiringFacts(firing.ruleId(), firing.rule(), firing.file(), firing.line(), firing.reads(),
                    firing.answers(),
                    firing.reason(), firing.inserted(), ruleIds(trace, firing.dependsOn())));
        }
        facts.sort(Comparator.comparing(FiringFacts::ruleId));
        return facts;
    }

    private static List<WithheldFacts> withheld(Decision decision) {
        List<WithheldFacts> facts = new ArrayList<>();
        for (WithheldCard card : decision.withheld()) {
            facts.add(new WithheldFacts(card.card(), card.tag(), ruleIds(decision.trace(), card.shownBy()),
                    ruleIds(decision.trace(), card.withheldBy()), card.path(), card.reason()));
        }
        facts.sort(Comparator.comparing(WithheldFacts::card));
        return facts;
    }

    private static List<String> ruleIds(List<Firing> trace, List<Integer> seqs) {
        List<String> ids = new ArrayList<>(seqs.size());
        for (int seq : seqs) {
            ids.add(seq > 0 ? trace.get(seq - 1).ruleId() : "(engine)");
        }
        ids.sort(null);
        return ids;
    }
}
