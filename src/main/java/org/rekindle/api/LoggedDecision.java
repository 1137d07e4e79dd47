package org.rekindle.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.audit.DecisionRecord;
import org.rekindle.bundle.Sha256;
import org.rekindle.content.Content;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.HelpLines;
import org.rekindle.content.Library;
import org.rekindle.content.PlanBook;
import org.rekindle.content.PlanPath;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.PathChoice;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.model.Plan;
import org.rekindle.model.Summary;

/**
 * How a decision is written to the log and read back: every fact once.
 *
 * <p>The app gets each card's texts and reasons in full, and each reason carries the answers behind
 * it, so a full plan repeats the answers dozens of times (and the trace, where each firing also lists
 * the answers of every firing it built on, hundreds of times). The log keeps
 * <ul>
 *   <li>each card the path allows as its content id and the seqs of the firings that showed it: its
 *       texts are those of that id in the decision's ruleset version, whose files the log keeps
 *       (content-addressed, never erased: they hold no one's answers); the path as its id and the seq
 *       of the firing that chose it; the focus as card ids; the help lines' region;</li>
 *   <li>each firing with the questions its own conditions read, not their values, nor the answers of
 *       the firings it built on: values are looked up in the decision's answers.</li>
 * </ul>
 * That is what the engine computed from, so reading back rebuilds the plan the app got, byte for
 * byte, in any view, and the trace the auditor reads. Rebuilding depends on reading the version's files
 * the same way years later, so the row also keeps the SHA-256 of the bytes the app was sent, and
 * {@link #check} says whether today's rebuild still hashes to it.
 *
 * <p>Three forms are read: the first (no {@code format} in the trace) holds the expanded plan and
 * trace; the second ({@code format: 2}) is this one before plans had paths, and reads back as the flat
 * list of cards it returned; the third is this one.
 */
public final class LoggedDecision {

    /** The stored form's version, written into the trace; absent in the first, expanded form. */
    static final int FORMAT = 3;
    /** The form of decisions stored before plans had a path and a focus. */
    static final int CARDS_FORMAT = 2;

    /** The plan of a decision stored before paths: {@code {id, rulesetVersion, createdAt, summary, cards}}. */
    record View(String id, String rulesetVersion, Instant createdAt, Summary summary, List<Card> cards) {
    }

    /** A card as stored: its content id, and its reasons as firing seqs. */
    record StoredCard(String id, List<Integer> because) {
    }

    /** The path as stored: its id and the firing that chose it (none for the fallback path). */
    record StoredPath(String id, List<Integer> because) {
    }

    /**
     * @param path   null in the second form
     * @param focus  null in the second form
     * @param region the help lines' region shown on the help card, or null
     * @param cards  every card the path allows, in display order
     * @param locale the language tag of the texts the app was sent ({@code en}, {@code es}), which a rebuild
     *               reads them in again; null for decisions stored before locales (the default's texts)
     */
    record StoredPlan(String id, String rulesetVersion, Instant createdAt, Summary summary, StoredPath path,
            List<String> focus, String region, List<StoredCard> cards, Sent sent, String locale) {
    }

    /** What the app was sent: the view ({@code plan}, {@code full} or {@code compact}) and the SHA-256 of its bytes. */
    record Sent(String view, String sha256) {
    }

    /**
     * Whether the plan rebuilt from the row today is, byte for byte, what the app was sent.
     *
     * @param matches true when the rebuilt bytes of the sent view hash to {@code sha256}
     */
    record Check(String view, String sha256, boolean matches) {
    }

    /** A firing as stored: the questions it read, not their values, nor those of the firings behind it. */
    record StoredFiring(int seq, String ruleId, String rule, String file, int line, List<String> reads,
            String reason, List<String> inserted, List<Integer> dependsOn) {
    }

    /** @param path how the path was chosen; null in the second form */
    record StoredTrace(int format, List<StoredFiring> trace, List<WithheldCard> withheld, PathChoice path) {
    }

    /** The trace an auditor reads, expanded: {@code {trace, withheld, path}}. */
    record Trace(List<Firing> trace, List<WithheldCard> withheld, PathChoice path) {
    }

    /**
     * A stored decision rebuilt: the plan of the third form, or the cards-only view of the earlier ones.
     * Exactly one of {@code plan} and {@code cards} is set.
     */
    public record Rebuilt(String id, String rulesetVersion, Instant createdAt, Plan plan, View cards, String locale) {

        /** Every card of the decision, in display order, whichever form it was stored in. */
        public List<Card> allCards() {
            return plan != null ? plan.cards() : cards.cards();
        }

        public Summary summary() {
            return plan != null ? plan.summary() : cards.summary();
        }
    }

    private LoggedDecision() {
    }

    /**
     * The log record of a decision the app is about to be sent.
     *
     * @param owner hash of the app token that asked, or null on an open server
     * @param view  the view the app asked for
     * @param sent  the bytes the app is about to be sent
     */
    static DecisionRecord record(String id, Instant createdAt, Decision decision, Answers answers,
            AssessmentRequest request, String owner, PlanViews.Kind view, byte[] sent) throws JsonProcessingException {
        Map<String, Object> normalised = new LinkedHashMap<>();
        answers.questions().forEach(q -> normalised.put(q, answers.value(q)));

        Plan plan = decision.plan();
        List<StoredCard> cards = new ArrayList<>(plan.cards().size());
        String region = null;
        for (Card card : plan.cards()) {
            cards.add(new StoredCard(card.id(), seqs(card.because())));
            if (card.helpLines() != null) {
                region = card.helpLines().region();
            }
        }
        StoredPath path = plan.path() == null ? null : new StoredPath(plan.path().id(), seqs(plan.path().because()));
        StoredPlan stored = new StoredPlan(id, decision.rulesetVersion(), createdAt, plan.summary(), path,
                plan.focus(), region, cards, new Sent(view.wireName(), Sha256.hex(sent)), decision.locale());

        List<StoredFiring> firings = new ArrayList<>(decision.trace().size());
        for (Firing f : decision.trace()) {
            firings.add(new StoredFiring(f.seq(), f.ruleId(), f.rule(), f.file(), f.line(), f.reads(), f.reason(),
                    f.inserted(), f.dependsOn()));
        }
        StoredTrace trace = new StoredTrace(FORMAT, firings, decision.withheld(), decision.path());

        return new DecisionRecord(id, createdAt, decision.rulesetVersion(), request.subject(),
                request.couple(), request.partner(), owner, Json.MAPPER.writeValueAsString(normalised),
                Json.MAPPER.writeValueAsString(stored), Json.MAPPER.writeValueAsString(trace));
    }

    /**
     * The plan in {@code view}, exactly as the app got it (or would have) when the decision was made.
     * Decisions stored before plans had paths read back as the cards they returned: their plan and full
     * views are the same.
     *
     * @param content the content of the decision's ruleset version (its cards' texts, plan file, help lines)
     */
    static byte[] json(DecisionRecord record, Supplier<Content> content, PlanViews.Kind view)
            throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null && view != PlanViews.Kind.COMPACT) {
            return record.planJson().getBytes(StandardCharsets.UTF_8);
        }
        Rebuilt rebuilt = rebuild(record, traced, content);
        if (rebuilt.plan() == null) {
            return Json.MAPPER.writeValueAsBytes(view == PlanViews.Kind.COMPACT ? CompactPlan.of(rebuilt.cards())
                    : rebuilt.cards());
        }
        return Json.MAPPER.writeValueAsBytes(PlanViews.of(view, rebuilt.id(), rebuilt.rulesetVersion(),
                rebuilt.createdAt(), rebuilt.locale(), rebuilt.plan(), content.get().in(rebuilt.locale()).library()));
    }

    /**
     * The decision as the engine made it: its plan (or, stored before paths, its cards). Decisions of
     * the first form did not keep which firing each reason came from: their reasons' seqs are 0.
     *
     * @param content the content of the decision's ruleset version
     */
    public static Rebuilt rebuild(DecisionRecord record, Supplier<Content> content) throws JsonProcessingException {
        return rebuild(record, storedTrace(record), content);
    }

    /**
     * Rebuilds the view the app was sent and compares its SHA-256 with the one stored when it was
     * sent; null for a decision of the first form, which keeps the sent bytes themselves, and for one
     * stored before the digest was kept.
     *
     * @param content the content of the decision's ruleset version
     */
    static Check check(DecisionRecord record, Supplier<Content> content) throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null) {
            return null;
        }
        expand(record, traced); // a torn row (a firing whose answers are not stored) fails here, never later
        Sent sent = storedPlan(record).sent();
        if (sent == null) {
            return null; // stored before the digest of what was sent was kept: nothing to compare with
        }
        byte[] rebuilt = json(record, content, PlanViews.Kind.of(sent.view()));
        return new Check(sent.view(), sent.sha256(), Sha256.hex(rebuilt).equals(sent.sha256()));
    }

    /**
     * The firing trace, withheld cards and path choice, with every firing's answers filled in:
     * {@code {trace, withheld, path}}.
     */
    static JsonNode trace(DecisionRecord record) throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null) {
            return Json.MAPPER.readTree(record.traceJson());
        }
        List<WithheldCard> withheld = Json.MAPPER.convertValue(traced.path("withheld"),
                new TypeReference<List<WithheldCard>>() { });
        PathChoice path = traced.hasNonNull("path") ? Json.MAPPER.treeToValue(traced.get("path"), PathChoice.class)
                : null;
        return Json.MAPPER.valueToTree(new Trace(List.copyOf(expand(record, traced).values()), withheld, path));
    }

    /**
     * The stored trace of the second or third form, or null for a decision of the first form (which has
     * no {@code format} and keeps its plan and trace expanded).
     *
     * @throws IllegalStateException for a form this version does not read
     */
    private static JsonNode storedTrace(DecisionRecord record) throws JsonProcessingException {
        JsonNode traced = Json.MAPPER.readTree(record.traceJson());
        if (!traced.has("format")) {
            return null;
        }
        // Checked before binding: a later form may have fields this one does not know.
        int format = traced.path("format").asInt();
        if (format != FORMAT && format != CARDS_FORMAT) {
            throw new IllegalStateException("decision " + record.id() + " is stored in form " + format
                    + ", which this version of Rekindle does not read (it reads forms 1 to " + FORMAT + ")");
        }
        return traced;
    }

    /**
     * The language tag the decision's texts were sent in; null for a decision stored before locales (its
     * texts are the default's) or in the first form.
     */
    static String locale(DecisionRecord record) throws JsonProcessingException {
        return storedTrace(record) == null ? null : storedPlan(record).locale();
    }

    private static StoredPlan storedPlan(DecisionRecord record) throws JsonProcessingException {
        return Json.MAPPER.readValue(record.planJson(), StoredPlan.class);
    }

    private static Rebuilt rebuild(DecisionRecord record, JsonNode traced, Supplier<Content> content)
            throws JsonProcessingException {
        if (traced == null) {
            View view = Json.MAPPER.readValue(record.planJson(), View.class);
            return new Rebuilt(view.id(), view.rulesetVersion(), view.createdAt(), null, view, null);
        }
        StoredPlan stored = storedPlan(record);
        Map<Integer, Firing> trace = expand(record, traced);
        Content files = content.get().in(stored.locale());
        Library guidance = files.library();
        boolean planned = traced.path("format").asInt() == FORMAT;
        Set<String> findings = planned ? findingsOf(trace) : Set.of();
        HelpLines.Region region = stored.region() == null ? null : files.helpLines().region(stored.region());
        if (stored.region() != null && region == null) {
            throw new IllegalStateException("decision " + record.id() + " shows the help lines of region "
                    + stored.region() + ", which the content of its ruleset " + record.rulesetVersion()
                    + " does not have");
        }
        List<Card> cards = new ArrayList<>(stored.cards().size());
        for (StoredCard card : stored.cards()) {
            GuidanceItem item = guidance.item(card.id());
            if (item == null) {
                throw new IllegalStateException("decision " + record.id() + " shows card " + card.id()
                        + ", which the guidance of its ruleset " + record.rulesetVersion() + " does not have");
            }
            Card built = item.card(because(trace, card.because(), record));
            if (planned) {
                String caveat = files.plan().caveatFor(item, findings);
                Card.HelpLines lines = region != null && item.id().equals(files.helpLines().card())
                        ? region.onCard() : null;
                built = caveat == null && lines == null ? built : built.with(caveat, lines);
            }
            cards.add(built);
        }
        if (!planned) {
            return new Rebuilt(stored.id(), stored.rulesetVersion(), stored.createdAt(), null,
                    new View(stored.id(), stored.rulesetVersion(), stored.createdAt(), stored.summary(), cards),
                    stored.locale());
        }
        ChosenPath path = null;
        if (stored.path() != null) {
            PlanPath spec = files.plan().path(stored.path().id());
            if (spec == null) {
                throw new IllegalStateException("decision " + record.id() + " is on path " + stored.path().id()
                        + ", which the plan file of its ruleset " + record.rulesetVersion() + " does not have");
            }
            path = new ChosenPath(spec.id(), spec.title(), spec.note(), because(trace, stored.path().because(), record));
        }
        Plan plan = new Plan(stored.summary(), path, stored.focus() == null ? List.of() : stored.focus(),
                List.copyOf(cards));
        return new Rebuilt(stored.id(), stored.rulesetVersion(), stored.createdAt(), plan, null, stored.locale());
    }

    private static List<Because> because(Map<Integer, Firing> trace, List<Integer> seqs, DecisionRecord record) {
        List<Because> because = new ArrayList<>(seqs.size());
        for (int seq : seqs) {
            Firing f = firing(trace, seq, record);
            because.add(new Because(seq, f.rule(), f.ruleId(), f.file(), f.line(), f.answers(), f.reason()));
        }
        return because;
    }

    /** The findings the firings drew, read from what each inserted. */
    private static Set<String> findingsOf(Map<Integer, Firing> trace) {
        Set<String> findings = new HashSet<>();
        for (Firing firing : trace.values()) {
            for (String fact : firing.inserted()) {
                if (fact.startsWith("Finding(") && fact.endsWith(")")) {
                    findings.add(fact.substring("Finding(".length(), fact.length() - 1));
                }
            }
        }
        return findings;
    }

    private static List<Integer> seqs(List<Because> because) {
        List<Integer> seqs = new ArrayList<>(because.size());
        because.forEach(b -> seqs.add(b.seq()));
        return seqs;
    }

    /**
     * The stored firings with their answers filled in, by seq in firing order: each firing's own reads
     * with their values, then the answers of the firings it depends on, each question once, exactly as
     * the engine's recorder collected them.
     */
    private static Map<Integer, Firing> expand(DecisionRecord record, JsonNode traced) throws JsonProcessingException {
        StoredTrace stored = Json.MAPPER.treeToValue(traced, StoredTrace.class);
        JsonNode values = Json.MAPPER.readTree(record.answersJson());
        Map<Integer, Firing> bySeq = new LinkedHashMap<>(stored.trace().size() * 2);
        Map<String, MatchedAnswer> answers = new HashMap<>();
        for (StoredFiring f : stored.trace()) {
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
