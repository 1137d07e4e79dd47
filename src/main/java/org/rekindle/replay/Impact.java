package org.rekindle.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rekindle.bundle.Problem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.EvaluationLimitExceeded;
import org.rekindle.engine.Firing;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * What an edit would change, before it goes live: stored assessments' answers evaluated with the
 * ruleset before the edit and with the candidate after it, compared per assessment (cards that would
 * appear, disappear or read differently) and per rule (how often it fires), plus whether the
 * candidate passes its scenario cases. The impact preview of the API and the {@code impact} command
 * both report exactly this.
 *
 * <p>Both sides are evaluated fresh, so the report shows the edit alone, not what changed between
 * an assessment's own ruleset and today's (that is {@link Replay}'s job).
 */
public final class Impact {

    /**
     * One assessment the candidate would answer differently.
     *
     * @param rulesetVersion the version it was made with
     * @param reworded       cards on both sides whose kind, indicator, summary, detail or source differ
     * @param path           the path before and after, when it would change (null otherwise)
     * @param focus          the week's focus after, when it would change (null otherwise)
     */
    public record Change(String id, Instant createdAt, String rulesetVersion, List<String> appeared,
            List<String> disappeared, List<String> reworded, PathChange path, List<String> focus) {
    }

    /** A path that would change: the path the live ruleset puts the assessment on, and the candidate's. */
    public record PathChange(String before, String after) {
    }

    /** A rule that would fire a different number of times over the assessments replayed. */
    public record RuleChange(String ruleId, long firedBefore, long firedAfter) {
    }

    /** An assessment that could not be compared, and why (field names only, never answers). */
    public record Skipped(String id, String reason) {
    }

    /** How many assessments were evaluated both ways, and how many of them would change. */
    public record Totals(int replayed, int changed, int unchanged, int skipped) {
    }

    /**
     * @param live        version of the ruleset the candidate is compared with (the live one)
     * @param candidate   version of the candidate
     * @param wouldGoLive whether a reload would accept the candidate
     * @param problems    why it would not: failing or uncovered scenario cases, located in their files
     * @param assessments only the assessments that would change, newest first
     * @param rules       only the rules whose firing counts would change, by rule id
     */
    public record Report(String live, String candidate, boolean wouldGoLive, List<Problem> problems, Totals totals,
            List<Change> assessments, List<RuleChange> rules, List<Skipped> skipped) {
    }

    private Impact() {
    }

    /**
     * Compares {@code before} and the candidate (as {@link Acceptance} judged it, so "would go live" means
     * what a reload means) on the answers of {@code decisions}.
     */
    public static Report of(Ruleset before, Acceptance.Verdict candidate, List<DecisionRecord> decisions) {
        Ruleset after = candidate.ruleset();
        if (after == null) {
            throw new IllegalArgumentException("the candidate did not load; report its problems instead");
        }
        List<Problem> problems = candidate.problems();
        List<Change> changes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, long[]> fired = new TreeMap<>();
        int replayed = 0;
        for (DecisionRecord record : decisions) {
            // Only the answers: the stored plan and trace are not what an edit is judged on.
            Map<String, Object> stored = DecisionCodec.answers(record);
            // What the rules read of the previous assessment then: both sides see the same of it.
            StoredDecision.Previous previous = DecisionCodec.previous(record);
            Answers answersBefore;
            Answers answersAfter;
            try {
                answersBefore = before.content().questionnaire().read(stored);
            } catch (InvalidAnswers e) {
                skipped.add(new Skipped(record.id(), "its answers do not fit the questionnaire of ruleset "
                        + before.version() + ": " + Replay.fields(e)));
                continue;
            }
            try {
                answersAfter = after.content().questionnaire().read(stored);
            } catch (InvalidAnswers e) {
                skipped.add(new Skipped(record.id(), "its answers do not fit the candidate's questionnaire: "
                        + Replay.fields(e)));
                continue;
            }
            Decision old;
            Decision now;
            try {
                old = Engine.evaluate(before, answersBefore, Replay.previous(previous, before), null);
                now = Engine.evaluate(after, answersAfter, Replay.previous(previous, after), null);
            } catch (EvaluationLimitExceeded e) {
                // Listed, never a 500: the coach learns which rule a stored person's answers drive too far.
                skipped.add(new Skipped(record.id(), "the evaluation was stopped: " + e.getMessage()));
                continue;
            }
            replayed++;
            count(old, fired, 0);
            count(now, fired, 1);
            List<String> oldIds = old.plan().cards().stream().map(Card::id).toList();
            List<String> newIds = now.plan().cards().stream().map(Card::id).toList();
            CardDiff diff = CardDiff.between(oldIds, newIds);
            List<String> reworded = reworded(old.plan().cards(), now.plan().cards());
            String pathBefore = old.plan().path() == null ? null : old.plan().path().id();
            String pathAfter = now.plan().path() == null ? null : now.plan().path().id();
            PathChange path = Objects.equals(pathBefore, pathAfter) ? null : new PathChange(pathBefore, pathAfter);
            List<String> focus = old.plan().focus().equals(now.plan().focus()) ? null : now.plan().focus();
            if (!diff.isEmpty() || !reworded.isEmpty() || path != null || focus != null) {
                changes.add(new Change(record.id(), record.createdAt(), record.rulesetVersion(), diff.appeared(),
                        diff.disappeared(), reworded, path, focus));
            }
        }
        List<RuleChange> rules = new ArrayList<>();
        fired.forEach((ruleId, counts) -> {
            if (counts[0] != counts[1]) {
                rules.add(new RuleChange(ruleId, counts[0], counts[1]));
            }
        });
        Totals totals = new Totals(replayed, changes.size(), replayed - changes.size(), skipped.size());
        return new Report(before.version(), after.version(), problems.isEmpty(), problems, totals,
                List.copyOf(changes), List.copyOf(rules), List.copyOf(skipped));
    }

    private static void count(Decision decision, Map<String, long[]> fired, int side) {
        for (Firing firing : decision.trace()) {
            fired.computeIfAbsent(firing.ruleId(), id -> new long[2])[side]++;
        }
    }

    private static List<String> reworded(List<Card> before, List<Card> after) {
        Map<String, Card> old = new TreeMap<>();
        before.forEach(card -> old.putIfAbsent(card.id(), card));
        TreeSet<String> ids = new TreeSet<>();
        for (Card card : after) {
            Card was = old.get(card.id());
            if (was != null && !(Objects.equals(was.kind(), card.kind())
                    && Objects.equals(was.indicator(), card.indicator())
                    && Objects.equals(was.summary(), card.summary())
                    && Objects.equals(was.detail(), card.detail())
                    && Objects.equals(was.source(), card.source()))) {
                ids.add(card.id());
            }
        }
        return List.copyOf(ids);
    }
}
