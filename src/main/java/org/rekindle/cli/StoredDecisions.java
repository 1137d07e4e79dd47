package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rekindle.api.access.AnswerMask;
import org.rekindle.api.audit.StoredExplanation;
import org.rekindle.audit.Database;
import org.rekindle.audit.DbSetting;
import org.rekindle.audit.DecisionLogException;
import org.rekindle.bundle.Problem;
import org.rekindle.content.Content;
import org.rekindle.content.ContentLoader;
import org.rekindle.decision.DecisionCodec;
import org.rekindle.decision.DecisionRecord;
import org.rekindle.explain.PlainExplanation;
import org.rekindle.explain.WhyNot;
import org.rekindle.json.Json;
import org.rekindle.live.RulesetArchive;

/**
 * A decision stored in the log, read for {@code explain --id} and {@code why-not --id}: the same
 * {@link StoredExplanation} the auditor's routes use, with the ruleset of the decision's day from the
 * log's archive, and the same masking: answers to questions that the decision's questionnaire or the one
 * under {@code --content} marks private are shown as {@code "***"} unless the private answers are asked for.
 * Each method prints why it cannot answer and returns null.
 */
final class StoredDecisions {

    private StoredDecisions() {
    }

    /** The plain-language report of decision {@code id}, masked unless {@code privateAnswers}. */
    static PlainExplanation.Report report(DbSetting db, String id, RulesOptions options, boolean privateAnswers,
            PrintWriter err) {
        return read(db, id, err, (record, archive) -> StoredExplanation.plain(
                DecisionCodec.read(record, archive::rules), archive, mask(record, archive, options, privateAnswers)));
    }

    /**
     * Why {@code card} was or was not shown in decision {@code id}, as the JSON an auditor gets (masked
     * unless {@code privateAnswers}).
     */
    static String whyNot(DbSetting db, String id, String card, RulesOptions options, boolean privateAnswers,
            PrintWriter err) {
        return read(db, id, err, (record, archive) -> {
            WhyNot.Result result = StoredExplanation.whyNot(record, card, archive);
            if (result == null) {
                err.println("ruleset " + record.rulesetVersion() + " of decision " + id + " has no card '" + card + "'");
                return null;
            }
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    mask(record, archive, options, privateAnswers).apply(Json.MAPPER.valueToTree(result)));
        });
    }

    @FunctionalInterface
    private interface Reading<T> {
        T apply(DecisionRecord record, RulesetArchive archive) throws Exception;
    }

    private static <T> T read(DbSetting db, String id, PrintWriter err, Reading<T> reading) {
        try (Database database = Database.open(db)) {
            Optional<DecisionRecord> record = database.decisionLog().find(id);
            if (record.isEmpty()) {
                err.println("no decision " + id + " in the decision log at " + db.shown() + "; 'rekindle export' lists "
                        + "the decisions of a period");
                return null;
            }
            RulesetArchive archive = RulesetArchive.ofStored(database.archive(), 1);
            return reading.apply(record.get(), archive);
        } catch (RulesetArchive.Unavailable e) {
            err.println("decision " + id + " cannot be explained: " + e.getMessage());
            for (Problem problem : e.problems()) {
                err.println("  " + problem);
            }
            return null;
        } catch (DecisionLogException e) {
            err.println(e.getMessage());
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("could not read decision " + id + ": " + e.getMessage(), e);
        }
    }

    private static AnswerMask mask(DecisionRecord record, RulesetArchive archive, RulesOptions options,
            boolean privateAnswers) {
        if (privateAnswers) {
            return AnswerMask.NONE;
        }
        List<Content> contents = new ArrayList<>(2);
        // As on the server, a question private in today's questionnaire is masked in older decisions too.
        try {
            Content current = ContentLoader.load(options.bundle()).content();
            if (current != null) {
                contents.add(current);
            }
        } catch (InputProblem e) {
            // No --content folder here: the decision's own questionnaire still says what is private.
        }
        contents.add(archive.content(record.rulesetVersion()));
        return AnswerMask.of(contents);
    }
}
