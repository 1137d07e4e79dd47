package org.rekindle.replay;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rekindle.content.FieldProblem;
import org.rekindle.content.InvalidAnswers;
import org.rekindle.content.Questionnaire;
import org.rekindle.decision.StoredDecision;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.json.Json;
import org.rekindle.model.Answers;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.Plan;
import org.rekindle.model.Previous;
import org.rekindle.model.Summary;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.live.RulesetArchive;

/**
 * One stored decision evaluated again: with the ruleset of its day, to show that it is reproduced
 * exactly, and with today's, to show what a person with the same answers would be shown now.
 */
public final class Replay {

    /**
     * The stored decision's answers under today's live ruleset, against its stored cards.
     *
     * @param problem why the comparison could not be made (the answers no longer fit today's
     *                questionnaire), or null
     */
    public record Today(String rulesetVersion, List<String> appeared, List<String> disappeared, String problem) {
    }

    /**
     * @param rulesetVersion the version the decision was made with, and replayed with
     * @param reproduced     true when the replay's summary, path, focus and cards are identical, field for
     *                       field, to the stored ones (summary and cards only, for decisions stored before
     *                       plans had paths)
     * @param summary        the replay's summary
     * @param path           the replay's path, or null when its ruleset had no plan file
     * @param focus          the replay's focus card ids
     * @param cards          every card of the replay the path allows
     * @param differences    what the replay did not reproduce, of {@code summary}, {@code path}, {@code focus}
     *                       and {@code cards} (the cards' ids, texts or reasons); empty when reproduced
     * @param stored         the replay's cards against the stored ones: which the replay has that the log
     *                       does not ({@code appeared}) and which the log has that the replay does not
     */
    public record Result(String id, String rulesetVersion, boolean reproduced, Summary summary, ChosenPath path,
            List<String> focus, List<Card> cards, List<String> differences, CardDiff stored, Today today) {
    }

    private Replay() {
    }

    /**
     * Replays {@code decision}.
     *
     * @throws RulesetArchive.Unavailable when the ruleset of its day cannot be rebuilt
     */
    public static Result of(StoredDecision decision, RulesetArchive archive, Ruleset today) {
        Ruleset then = archive.ruleset(decision.rulesetVersion());
        Answers answers;
        try {
            answers = answers(decision, then.content().questionnaire());
        } catch (InvalidAnswers e) {
            // They were checked by this very questionnaire when the decision was made.
            throw new IllegalStateException("the stored answers of decision " + decision.id() + " do not fit the "
                    + "questionnaire of its own ruleset " + then.version() + ": " + fields(e), e);
        }
        StoredDecision.Rebuilt stored = decision.rebuild(then::content);
        Card help = stored.allCards().stream().filter(c -> c.helpLines() != null).findFirst().orElse(null);
        // The log keeps the language of the texts and the help lines' region, not the request's locale.
        Decision replayed = Engine.evaluate(then, answers, previous(decision.previous(), then),
                localeOf(then, help, stored.locale()));
        Plan plan = replayed.plan();
        List<String> differences = new ArrayList<>();
        if (!asStored(stored.summary()).equals(asStored(plan.summary()))) {
            differences.add("summary");
        }
        // Decisions stored before plans had paths kept only their cards and summary.
        if (stored.plan() != null) {
            if (!withoutSeqs(asStored(List.of(stored.plan().path()))).equals(withoutSeqs(asStored(
                    List.of(plan.path()))))) {
                differences.add("path");
            }
            if (!stored.plan().focus().equals(plan.focus())) {
                differences.add("focus");
            }
        }
        if (!withoutSeqs(asStored(stored.allCards())).equals(withoutSeqs(asStored(plan.cards())))) {
            differences.add("cards");
        }
        CardDiff againstStored = CardDiff.between(stored.allCards().stream().map(Card::id).toList(),
                plan.cards().stream().map(Card::id).toList());
        return new Result(decision.id(), decision.rulesetVersion(), differences.isEmpty(), plan.summary(),
                plan.path(), plan.focus(), plan.cards(), List.copyOf(differences), againstStored,
                today(decision, today));
    }

    private static Today today(StoredDecision decision, Ruleset today) {
        Answers answers;
        try {
            answers = answers(decision, today.content().questionnaire());
        } catch (InvalidAnswers e) {
            return new Today(today.version(), List.of(), List.of(), "the stored answers no longer fit today's "
                    + "questionnaire: " + fields(e));
        }
        List<String> now = Engine.evaluate(today, answers, previous(decision.previous(), today), null).plan().cards()
                .stream().map(Card::id).toList();
        CardDiff diff = CardDiff.between(decision.cardIds(), now);
        return new Today(today.version(), diff.appeared(), diff.disappeared(), null);
    }

    /**
     * The stored answers, checked and normalised by {@code questionnaire} again.
     *
     * @throws InvalidAnswers when they do not fit that questionnaire (a later ruleset dropped a question)
     */
    static Answers answers(StoredDecision decision, Questionnaire questionnaire) {
        return questionnaire.read(decision.answers());
    }

    /**
     * The {@code Previous} fact the decision was made with, as {@code ruleset} reads it: the stored values
     * the rules read then, fed again, so that a replay sees what the rules saw. Null when there was none.
     */
    static Previous previous(StoredDecision.Previous stored, Ruleset ruleset) {
        return stored == null ? null : Engine.previous(ruleset, stored.id(), stored.answers());
    }

    /** The fields of {@code e}, without what is wrong with them: enough to say which answers no longer fit. */
    static String fields(InvalidAnswers e) {
        return e.problems().stream().map(FieldProblem::field).distinct().sorted().toList().toString();
    }

    /**
     * A locale in the stored decision's language whose country leads to the help-lines region its card
     * shows (none for the fallback region); null when neither is known.
     */
    private static String localeOf(Ruleset then, Card help, String language) {
        var region = help == null ? null : then.content().helpLines().region(help.helpLines().region());
        String country = region == null || region.countries().isEmpty() ? null : region.countries().get(0);
        if (country == null) {
            return language;
        }
        return (language == null ? "und" : language) + "-" + country;
    }

    /**
     * Cards (or paths) without their reasons' seqs: a seq only points into its own decision's trace, and
     * decisions stored before seqs were kept have none.
     */
    private static JsonNode withoutSeqs(JsonNode cards) {
        JsonNode copy = cards.deepCopy();
        copy.forEach(card -> card.path("because").forEach(because -> {
            if (because instanceof ObjectNode reason) {
                reason.remove("seq");
            }
        }));
        return copy;
    }

    /** A value as the decision log holds it: written by the API's mapper, read back as a tree. */
    private static JsonNode asStored(Object value) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as JSON", e);
        }
    }
}
