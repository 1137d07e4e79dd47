package org.rekindle.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.PathChoice;
import org.rekindle.engine.WithheldCard;
import org.rekindle.json.Json;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.model.Plan;
import org.rekindle.model.Summary;
import org.rekindle.ruleset.RuleBook;
import org.rekindle.ruleset.RuleInfo;

/**
 * How a decision is written to the log and read back: every fact once. The one place that knows the
 * stored JSON.
 *
 * <p>The app gets each card's texts and reasons in full, and each reason carries the answers behind
 * it, so a full plan repeats the answers dozens of times (and the trace, where each firing also lists
 * the answers of every firing it built on, hundreds of times). The log keeps
 * <ul>
 *   <li>each card the path allows as its content id and the seqs of the firings that showed it: its
 *       texts are those of that id in the decision's ruleset version, whose files the log keeps
 *       (content-addressed, never erased: they hold no one's answers); the path as its id and the seq
 *       of the firing that chose it; the focus as card ids; the help lines' region;</li>
 *   <li>each firing as its seq, its rule's id, its reason as rendered then (verbatim: the words the
 *       auditor reads are the words given) and the seqs of the firings it built on. What its rule says
 *       of itself in the decision's version (its name, file and line, the facts its consequence inserts,
 *       the questions its conditions read, of which the firing read those answered) is looked up in
 *       that version's {@link RuleBook}, read from the same files; a firing keeps one of these only
 *       where it differs from what the book gives. Answers are looked up in the decision's answers;</li>
 *   <li>the withheld cards grouped by why (the tag and the firings that withheld it, or the path and its
 *       reason), so that a reason shared by many cards is stored once.</li>
 * </ul>
 * That is what the engine computed from, so reading back rebuilds the plan the app got, byte for
 * byte, in any view, and the trace the auditor reads. Rebuilding depends on reading the version's files
 * the same way years later, so the row also keeps the SHA-256 of the bytes the app was sent
 * ({@link StoredDecision#sent()}), for the API to say whether today's rebuild still hashes to it.
 *
 * <p>Four forms are read: the first (no {@code format} in the trace) holds the expanded plan and
 * trace; the second ({@code format: 2}) is the third before plans had paths, and reads back as the flat
 * list of cards it returned; the third keeps each firing in full (its rule's name, file, line, what it
 * read and inserted) and each withheld card with its reason; the fourth is this one, and reads back
 * into the same {@link StoredDecision} as the third.
 *
 * <p>Messages name only ids, versions, seqs and forms, never a parser's message: that could quote the
 * answers.
 */
public final class DecisionCodec {

    /** The stored form's version, written into the trace; absent in the first, expanded form. */
    public static final int FORM = 4;
    /** The first form with a path and a focus; it keeps each firing and withheld card in full. */
    static final int PATHS_FORM = 3;
    /** The form of decisions stored before plans had a path and a focus. */
    static final int CARDS_FORM = 2;
    /** The first form, which keeps the plan and trace expanded (no {@code format} in the trace). */
    static final int EXPANDED_FORM = 1;

    /**
     * Who a decision is about and who asked for it: the columns erasure, couples and ownership use.
     *
     * @param subject the app's pseudonymous id of the person, or null
     * @param couple  the app's id linking two partners' assessments, or null
     * @param partner which partner answered ("a" or "b"), or null
     * @param owner   hash of the app token that asked, or null on an open server
     */
    public record Parties(String subject, String couple, String partner, String owner) {
    }

    /** A card as stored: its content id, and its reasons as firing seqs. */
    record CardRow(String id, List<Integer> because) {
    }

    /** The path as stored: its id and the firing that chose it (none for the fallback path). */
    record PathRow(String id, List<Integer> because) {
    }

    /**
     * The plan as stored.
     *
     * @param path   null in the second form
     * @param focus  null in the second form
     * @param region the help lines' region shown on the help card, or null
     * @param cards  every card the path allows, in display order
     * @param locale the language tag of the texts the app was sent ({@code es}), which a rebuild reads them
     *               in again; null for the default's, and in rows stored before translations
     */
    record PlanRow(String id, String rulesetVersion, Instant createdAt, Summary summary, PathRow path,
            List<String> focus, String region, List<CardRow> cards, StoredDecision.Sent sent, String locale) {
    }

    /** A firing as stored: the questions it read, not their values, nor those of the firings behind it. */
    record FiringRow(int seq, String ruleId, String rule, String file, int line, List<String> reads,
            String reason, List<String> inserted, List<Integer> dependsOn) {
    }

    /**
     * @param path     how the path was chosen; null in the second form
     * @param previous what the rules could read of the previous assessment; absent (null) when there was
     *                 none, and in every row stored before rules could read one
     */
    record TraceRow(int format, List<FiringRow> trace, List<WithheldCard> withheld, PathChoice path,
            StoredDecision.Previous previous) {
    }

    /**
     * A firing as the fourth form stores it: what the engine computed. Each of {@code rule} to
     * {@code inserted} is null (left out) where the firing's rule in the decision's {@link RuleBook} gives
     * the same, which is always so for what the engine records.
     *
     * @param dependsOn null when it built on no earlier firing
     */
    record CompactFiring(int seq, String ruleId, String reason, List<Integer> dependsOn, String rule, String file,
            Integer line, List<String> reads, List<String> inserted) {
    }

    /**
     * Withheld cards that share why: the tag and the firings that withheld it, or the path, the firing that
     * chose it and its reason; the cards with, for each, the firings that showed it.
     */
    record WithheldGroup(String tag, List<Integer> withheldBy, String path, String reason, List<String> cards,
            List<List<Integer>> shownBy) {
    }

    /**
     * The trace of the fourth form.
     *
     * @param order the group of each withheld card, in the order the plan withheld them; null when there is
     *              at most one group (its cards are in order)
     */
    record CompactTrace(int format, List<CompactFiring> trace, List<WithheldGroup> withheld, List<Integer> order,
            PathChoice path, StoredDecision.Previous previous) {
    }

    /** The trace of the first form, expanded as the auditor saw it. */
    record ExpandedTrace(List<Firing> trace, List<WithheldCard> withheld, PathChoice path) {
    }

    private static final TypeReference<LinkedHashMap<String, Object>> ANSWERS = new TypeReference<>() { };

    private DecisionCodec() {
    }

    /**
     * The log row of a decision the app is about to be sent, in today's form.
     *
     * @param sent  what the app is about to be sent
     * @param rules the rules of the ruleset that made the decision: a firing keeps only what differs from
     *              its rule's entry
     * @throws IllegalArgumentException when {@code rules} are of another version than the decision's
     */
    public static DecisionRecord write(String id, Instant createdAt, Decision decision, Answers answers,
            Parties parties, StoredDecision.Sent sent, RuleBook rules) {
        if (!rules.version().equals(decision.rulesetVersion())) {
            throw new IllegalArgumentException(otherVersion(id, decision.rulesetVersion(), rules));
        }
        List<CompactFiring> firings = new ArrayList<>(decision.trace().size());
        for (Firing f : decision.trace()) {
            firings.add(compact(f, rules, answers));
        }
        Grouped withheld = group(decision.withheld());
        return row(id, createdAt, decision, answers, parties, sent, previous -> new CompactTrace(FORM, firings,
                withheld.groups(), withheld.order(), decision.path(), previous));
    }

    /**
     * The log row of a decision in the third form, which keeps every firing and withheld card in full, as
     * rows were written before the fourth: for tests that compare what the two forms read back as.
     */
    public static DecisionRecord writeThirdForm(String id, Instant createdAt, Decision decision, Answers answers,
            Parties parties, StoredDecision.Sent sent) {
        List<FiringRow> firings = new ArrayList<>(decision.trace().size());
        for (Firing f : decision.trace()) {
            firings.add(new FiringRow(f.seq(), f.ruleId(), f.rule(), f.file(), f.line(), f.reads(), f.reason(),
                    f.inserted(), f.dependsOn()));
        }
        return row(id, createdAt, decision, answers, parties, sent, previous -> new TraceRow(PATHS_FORM,
                firings, decision.withheld(), decision.path(), previous));
    }

    /** The row of the answers, the plan and the trace {@code trace} makes with what is kept of the previous one. */
    private static DecisionRecord row(String id, Instant createdAt, Decision decision, Answers answers,
            Parties parties, StoredDecision.Sent sent, Function<StoredDecision.Previous, Object> trace) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        answers.questions().forEach(q -> normalised.put(q, answers.value(q)));

        Plan plan = decision.plan();
        List<CardRow> cards = new ArrayList<>(plan.cards().size());
        String region = null;
        for (Card card : plan.cards()) {
            cards.add(new CardRow(card.id(), seqs(card.because())));
            if (card.helpLines() != null) {
                region = card.helpLines().region();
            }
        }
        PathRow path = plan.path() == null ? null : new PathRow(plan.path().id(), seqs(plan.path().because()));
        PlanRow stored = new PlanRow(id, decision.rulesetVersion(), createdAt, plan.summary(), path, plan.focus(),
                region, cards, sent, decision.locale());

        StoredDecision.Previous previous = null;
        if (decision.previous() != null) {
            Answers before = decision.previous().answers();
            Map<String, Object> read = new LinkedHashMap<>();
            before.questions().forEach(q -> read.put(q, before.value(q)));
            previous = new StoredDecision.Previous(decision.previous().id(), read);
        }
        try {
            return new DecisionRecord(id, createdAt, decision.rulesetVersion(), parties.subject(), parties.couple(),
                    parties.partner(), parties.owner(), Json.MAPPER.writeValueAsString(normalised),
                    Json.MAPPER.writeValueAsString(stored), Json.MAPPER.writeValueAsString(trace.apply(previous)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + id + " could not be written as JSON", null);
        }
    }

    /**
     * Reads a row, whichever form it was stored in, parsing each of its JSON fields once.
     *
     * @param rules the rules of a ruleset version by its id, asked for those of the decision's version (once)
     *              only by a row of the fourth form, whose firings keep only what their rules do not say;
     *              whatever it throws when the version's files cannot be read propagates
     * @throws IllegalStateException when the row is not valid JSON, is stored in a form this version does
     *                               not read, or is inconsistent (a firing that read a question with no
     *                               stored answer, a reason naming a firing the trace does not have, a rule
     *                               id its version's rules do not have)
     */
    public static StoredDecision read(DecisionRecord record, Function<String, RuleBook> rules) {
        JsonNode values = tree(record, record.answersJson(), "answers");
        JsonNode traced = tree(record, record.traceJson(), "trace");
        JsonNode planned = tree(record, record.planJson(), "plan");
        Map<String, Object> answers = Collections.unmodifiableMap(Json.MAPPER.convertValue(values, ANSWERS));
        try {
            if (!traced.has("format")) {
                return readExpanded(record, answers, planned, traced);
            }
            // Checked before binding: a later form may have fields this one does not know.
            int format = traced.path("format").asInt();
            if (format != FORM && format != PATHS_FORM && format != CARDS_FORM) {
                throw new IllegalStateException("decision " + record.id() + " is stored in form " + format
                        + ", which this version of Rekindle does not read (it reads forms 1 to " + FORM + ")");
            }
            PlanRow plan = Json.MAPPER.treeToValue(planned, PlanRow.class);
            TraceRow trace = format == FORM ? full(record, Json.MAPPER.treeToValue(traced, CompactTrace.class),
                    values, rules) : Json.MAPPER.treeToValue(traced, TraceRow.class);
            Map<Integer, Firing> bySeq = expand(record, trace, values);
            List<StoredDecision.StoredCard> cards = new ArrayList<>(plan.cards().size());
            for (CardRow card : plan.cards()) {
                cards.add(new StoredDecision.StoredCard(card.id(), because(bySeq, card.because(), record)));
            }
            boolean paths = format >= PATHS_FORM;
            List<Because> pathBecause = paths && plan.path() != null ? because(bySeq, plan.path().because(), record)
                    : null;
            return new StoredDecision(record, format, answers, plan.summary(),
                    paths && plan.path() != null ? plan.path().id() : null, pathBecause,
                    plan.focus() == null ? List.of() : List.copyOf(plan.focus()), plan.region(), List.copyOf(cards),
                    null, List.copyOf(bySeq.values()), nonNull(trace.withheld()), trace.path(), plan.sent(),
                    plan.locale(), trace.previous());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + record.id() + " is not stored in a form its fields fit",
                    null);
        }
    }

    /**
     * The stored trace as an export shows it: a trace of the fourth form as the third form kept it, each
     * firing and withheld card in full, so that an exported line reads without the version's files; any
     * other form as stored.
     *
     * @param rules as for {@link #read}
     * @throws IllegalStateException as {@link #read} does
     */
    public static JsonNode exportedTrace(DecisionRecord record, Function<String, RuleBook> rules) {
        JsonNode traced = tree(record, record.traceJson(), "trace");
        if (traced.path("format").asInt() != FORM) {
            return traced;
        }
        try {
            TraceRow full = full(record, Json.MAPPER.treeToValue(traced, CompactTrace.class),
                    tree(record, record.answersJson(), "answers"), rules);
            return Json.MAPPER.valueToTree(full);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + record.id() + " is not stored in a form its fields fit",
                    null);
        }
    }

    /**
     * The id of the path the decision was put on, read without expanding the row (nor reading its version's
     * rules); null for rows stored before plans had paths.
     */
    public static String pathId(DecisionRecord record) {
        JsonNode path = tree(record, record.planJson(), "plan").get("path");
        return path == null || path.isNull() ? null : path.path("id").asText(null);
    }

    /** The stored answers alone, question id to value: for what needs nothing else of the row. */
    public static Map<String, Object> answers(DecisionRecord record) {
        return Json.MAPPER.convertValue(tree(record, record.answersJson(), "answers"), ANSWERS);
    }

    /**
     * What the rules could read of the previous assessment when this decision was made, read without
     * expanding the rest of the row; null when there was none (and for rows stored before rules could).
     */
    public static StoredDecision.Previous previous(DecisionRecord record) {
        JsonNode previous = tree(record, record.traceJson(), "trace").get("previous");
        if (previous == null || previous.isNull()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(previous, StoredDecision.Previous.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + record.id() + " is not stored in a form its fields fit",
                    null);
        }
    }

    /** The ids the log indexes a decision by (its path, the rules that fired, the cards shown). */
    public static DecisionKeys keys(Decision decision) {
        return DecisionKeys.of(decision);
    }

    /**
     * The ids the log indexes a row by, read from its JSON without expanding it: for rows that come
     * without their decision. Parsing a row costs about as much as writing it, so the log takes the
     * keys of {@link #keys(Decision)} where it has them.
     */
    public static DecisionKeys keys(DecisionRecord record) {
        return DecisionKeys.of(record);
    }

    /** A firing as the fourth form stores it: what its rule's entry does not say. */
    private static CompactFiring compact(Firing f, RuleBook rules, Answers answers) {
        List<Integer> dependsOn = f.dependsOn() == null || f.dependsOn().isEmpty() ? null : f.dependsOn();
        RuleInfo rule = rules.rule(f.ruleId());
        if (rule == null) {
            return new CompactFiring(f.seq(), f.ruleId(), f.reason(), dependsOn, f.rule(), f.file(), f.line(),
                    f.reads(), f.inserted());
        }
        List<String> reads = rule.reads(question -> answers.value(question) != null);
        return new CompactFiring(f.seq(), f.ruleId(), f.reason(), dependsOn, unless(rule.name(), f.rule()),
                unless(rule.file(), f.file()), rule.line() == f.line() ? null : f.line(), unless(reads, f.reads()),
                unless(rules.facts(f.ruleId()), f.inserted()));
    }

    private static String otherVersion(String id, String version, RuleBook rules) {
        return "decision " + id + " was made with ruleset " + version + ", not with " + rules.version()
                + " whose rules were given";
    }

    /** {@code value}, or null when it is what {@code derived} gives. */
    private static <T> T unless(T derived, T value) {
        return Objects.equals(derived, value) ? null : value;
    }

    /** The withheld cards grouped by why, and the group of each card when there is more than one group. */
    private record Grouped(List<WithheldGroup> groups, List<Integer> order) {
    }

    private static Grouped group(List<WithheldCard> withheld) {
        List<WithheldGroup> groups = new ArrayList<>(2);
        List<Integer> order = new ArrayList<>(withheld.size());
        for (WithheldCard card : withheld) {
            int index = 0;
            while (index < groups.size() && !sameWhy(groups.get(index), card)) {
                index++;
            }
            if (index == groups.size()) {
                groups.add(new WithheldGroup(card.tag(), card.withheldBy(), card.path(), card.reason(),
                        new ArrayList<>(), new ArrayList<>()));
            }
            groups.get(index).cards().add(card.card());
            groups.get(index).shownBy().add(card.shownBy());
            order.add(index);
        }
        return new Grouped(groups, groups.size() > 1 ? order : null);
    }

    private static boolean sameWhy(WithheldGroup group, WithheldCard card) {
        return Objects.equals(group.tag(), card.tag()) && Objects.equals(group.withheldBy(), card.withheldBy())
                && Objects.equals(group.path(), card.path()) && Objects.equals(group.reason(), card.reason());
    }

    /**
     * A trace of the fourth form as the third kept it (and says: {@code format} 3): each firing with what its
     * rule says filled in from {@code rules} (asked for once, and only when a firing needs it), each withheld
     * card with its why.
     */
    private static TraceRow full(DecisionRecord record, CompactTrace stored, JsonNode values,
            Function<String, RuleBook> rules) {
        RuleBook book = null;
        List<FiringRow> firings = new ArrayList<>(nonNull(stored.trace()).size());
        for (CompactFiring f : nonNull(stored.trace())) {
            RuleInfo rule = null;
            if (f.rule() == null || f.file() == null || f.line() == null || f.reads() == null
                    || f.inserted() == null) {
                if (book == null) {
                    book = rules.apply(record.rulesetVersion());
                    if (!book.version().equals(record.rulesetVersion())) {
                        throw new IllegalStateException(otherVersion(record.id(), record.rulesetVersion(), book));
                    }
                }
                rule = book.rule(f.ruleId());
                if (rule == null) {
                    throw new IllegalStateException("decision " + record.id() + ": firing " + f.seq() + " is of rule "
                            + f.ruleId() + ", which the rules of its ruleset " + record.rulesetVersion()
                            + " do not have");
                }
            }
            List<String> reads = f.reads() != null ? f.reads() : rule.reads(values::hasNonNull);
            firings.add(new FiringRow(f.seq(), f.ruleId(), f.rule() != null ? f.rule() : rule.name(),
                    f.file() != null ? f.file() : rule.file(), f.line() != null ? f.line() : rule.line(), reads,
                    f.reason(), f.inserted() != null ? f.inserted() : book.facts(f.ruleId()),
                    f.dependsOn() == null ? List.of() : f.dependsOn()));
        }
        return new TraceRow(PATHS_FORM, firings, withheld(record, stored), stored.path(), stored.previous());
    }

    /** The withheld cards of a fourth-form trace, in the order the plan withheld them. */
    private static List<WithheldCard> withheld(DecisionRecord record, CompactTrace stored) {
        List<WithheldGroup> groups = nonNull(stored.withheld());
        List<Integer> order = stored.order();
        if (order == null) {
            // One group at most: its cards are in order.
            order = groups.isEmpty() ? List.of() : Collections.nCopies(nonNull(groups.get(0).cards()).size(), 0);
        }
        int[] next = new int[groups.size()];
        List<WithheldCard> cards = new ArrayList<>(order.size());
        for (int index : order) {
            WithheldGroup group = index >= 0 && index < groups.size() ? groups.get(index) : null;
            if (group == null || group.cards() == null || group.shownBy() == null
                    || next[index] >= Math.min(group.cards().size(), group.shownBy().size())) {
                throw new IllegalStateException("decision " + record.id() + ": its withheld cards do not fit their "
                        + "groups");
            }
            cards.add(new WithheldCard(group.cards().get(next[index]), group.tag(), group.shownBy().get(next[index]),
                    group.withheldBy(), group.path(), group.reason()));
            next[index]++;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (next[i] != nonNull(groups.get(i).cards()).size()) {
                throw new IllegalStateException("decision " + record.id() + ": its withheld cards do not fit their "
                        + "groups");
            }
        }
        return cards;
    }

    private static StoredDecision readExpanded(DecisionRecord record, Map<String, Object> answers, JsonNode planned,
            JsonNode traced) throws JsonProcessingException {
        StoredDecision.CardList plan = Json.MAPPER.treeToValue(planned, StoredDecision.CardList.class);
        ExpandedTrace trace = Json.MAPPER.treeToValue(traced, ExpandedTrace.class);
        List<StoredDecision.StoredCard> cards = new ArrayList<>(plan.cards().size());
        for (Card card : plan.cards()) {
            cards.add(new StoredDecision.StoredCard(card.id(), card.because()));
        }
        return new StoredDecision(record, EXPANDED_FORM, answers, plan.summary(), null, null, List.of(), null,
                List.copyOf(cards), plan, nonNull(trace.trace()), nonNull(trace.withheld()), trace.path(), null,
                null, null);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static JsonNode tree(DecisionRecord record, String json, String what) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Position only: the parser's message could quote the answers.
            throw new IllegalStateException("the stored " + what + " of decision " + record.id()
                    + " is not valid JSON", null);
        }
    }

    private static List<Integer> seqs(List<Because> because) {
        List<Integer> seqs = new ArrayList<>(because.size());
        because.forEach(b -> seqs.add(b.seq()));
        return seqs;
    }

    private static List<Because> because(Map<Integer, Firing> trace, List<Integer> seqs, DecisionRecord record) {
        List<Because> because = new ArrayList<>(seqs.size());
        for (int seq : seqs) {
            Firing f = firing(trace, seq, record);
            because.add(new Because(seq, f.rule(), f.ruleId(), f.file(), f.line(), f.answers(), f.reason()));
        }
        return because;
    }

    /**
     * The stored firings with their answers filled in, by seq in firing order: each firing's own reads
     * with their values, then the answers of the firings it depends on, each question once, exactly as
     * the engine's recorder collected them.
     */
    private static Map<Integer, Firing> expand(DecisionRecord record, TraceRow stored, JsonNode values) {
        Map<Integer, Firing> bySeq = new LinkedHashMap<>(stored.trace().size() * 2);
        Map<String, MatchedAnswer> answers = new HashMap<>();
        for (FiringRow f : stored.trace()) {
            List<MatchedAnswer> collected = new ArrayList<>(f.reads().size() + 4);
            for (String question : f.reads()) {
                JsonNode value = values.get(question);
                if (value == null || value.isNull()) {
                    // Names neither the question nor any value: only that the row is inconsistent.
                    throw new IllegalStateException("decision " + record.id() + ": firing " + f.seq()
                            + " read a question that has no stored answer");
                }
                collected.add(answers.computeIfAbsent(question, q -> new MatchedAnswer(q, value)));
            }
            for (int dependency : f.dependsOn()) {
                for (MatchedAnswer answer : firing(bySeq, dependency, record).answers()) {
                    if (collected.stream().noneMatch(a -> a.question().equals(answer.question()))) {
                        collected.add(answer);
                    }
                }
            }
            bySeq.put(f.seq(), new Firing(f.seq(), f.ruleId(), f.rule(), f.file(), f.line(), f.reads(),
                    List.copyOf(collected), f.reason(), f.inserted(), f.dependsOn()));
        }
        return bySeq;
    }

    private static Firing firing(Map<Integer, Firing> bySeq, int seq, DecisionRecord record) {
        Firing firing = bySeq.get(seq);
        if (firing == null) {
            throw new IllegalStateException("decision " + record.id() + " refers to firing " + seq
                    + ", which its stored trace does not have before that point");
        }
        return firing;
    }
}
