package org.rekindle.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import org.rekindle.audit.DecisionRecord;
import org.rekindle.bundle.Sha256;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.Library;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Firing;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Answers;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.MatchedAnswer;
import org.rekindle.model.Summary;

/**
 * How a decision is written to the log and read back: every fact once.
 *
 * <p>The app gets each card's texts and reasons in full, and each reason carries the answers behind
 * it, so a full plan repeats the answers dozens of times (and the trace, where each firing also lists
 * the answers of every firing it built on, hundreds of times): about 175 KB a decision. The log keeps
 * <ul>
 *   <li>each card as its content id and the seqs of the firings that showed it: its texts are those
 *       of that id in the decision's ruleset version, whose files the log keeps (content-addressed,
 *       never erased: they hold no one's answers);</li>
 *   <li>each firing with the questions its own conditions read, not their values, nor the answers of
 *       the firings it built on: values are looked up in the decision's answers.</li>
 * </ul>
 * That is what the engine computed from, so reading back rebuilds the plan the app got, byte for
 * byte, and the trace the auditor reads; a decision is about 30 KB. Rebuilding depends on reading
 * the version's files the same way years later, so the row also keeps the SHA-256 of the bytes the
 * app was sent, and {@link #check} says whether today's rebuild still hashes to it.
 *
 * <p>Rows written before this form (no {@code format} in the trace) hold the expanded plan and trace,
 * and are read back as they are.
 */
public final class LoggedDecision {

    /** The stored form's version, written into the trace; absent in the first, expanded form. */
    static final int FORMAT = 2;

    /** The plan apps get and read back: {@code {id, rulesetVersion, createdAt, summary, cards}}. */
    record View(String id, String rulesetVersion, Instant createdAt, Summary summary, List<Card> cards) {
    }

    /** A card as stored: its content id, and its reasons as firing seqs. */
    record StoredCard(String id, List<Integer> because) {
    }

    record StoredPlan(String id, String rulesetVersion, Instant createdAt, Summary summary,
            List<StoredCard> cards, Sent sent) {
    }

    /** What the app was sent: the view ({@code full} or {@code compact}) and the SHA-256 of its bytes. */
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

    record StoredTrace(int format, List<StoredFiring> trace, List<WithheldCard> withheld) {
    }

    /** The trace an auditor reads, expanded: {@code {trace, withheld}}. */
    record Trace(List<Firing> trace, List<WithheldCard> withheld) {
    }

    private LoggedDecision() {
    }

    /**
     * The log record of a decision the app is about to get as {@code view}.
     *
     * @param owner   hash of the app token that asked, or null on an open server
     * @param compact whether the app asked for the compact view
     * @param sent    the bytes the app is about to be sent
     */
    static DecisionRecord record(View view, Decision decision, Answers answers, AssessmentRequest request,
            String owner, boolean compact, byte[] sent) throws JsonProcessingException {
        Map<String, Object> normalised = new LinkedHashMap<>();
        answers.questions().forEach(q -> normalised.put(q, answers.value(q)));

        List<StoredCard> cards = new ArrayList<>(view.cards().size());
        for (Card card : view.cards()) {
            List<Integer> because = new ArrayList<>(card.because().size());
            card.because().forEach(b -> because.add(b.seq()));
            cards.add(new StoredCard(card.id(), because));
        }
        StoredPlan plan = new StoredPlan(view.id(), view.rulesetVersion(), view.createdAt(), view.summary(), cards,
                new Sent(compact ? CompactPlan.COMPACT : CompactPlan.FULL, Sha256.hex(sent)));

        List<StoredFiring> firings = new ArrayList<>(decision.trace().size());
        for (Firing f : decision.trace()) {
            firings.add(new StoredFiring(f.seq(), f.ruleId(), f.rule(), f.file(), f.line(), f.reads(), f.reason(),
                    f.inserted(), f.dependsOn()));
        }
        StoredTrace trace = new StoredTrace(FORMAT, firings, decision.withheld());

        return new DecisionRecord(view.id(), view.createdAt(), view.rulesetVersion(), request.subject(),
                request.couple(), request.partner(), owner, Json.MAPPER.writeValueAsString(normalised),
                Json.MAPPER.writeValueAsString(plan), Json.MAPPER.writeValueAsString(trace));
    }

    /**
     * The plan exactly as the app got it when the decision was made, as JSON.
     *
     * @param library the guidance of the decision's ruleset version (its cards' texts)
     */
    public static byte[] planJson(DecisionRecord record, Supplier<Library> library) throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null) {
            return record.planJson().getBytes(StandardCharsets.UTF_8);
        }
        return Json.MAPPER.writeValueAsBytes(plan(record, traced, storedPlan(record), library));
    }

    /**
     * The plan the app got when the decision was made. Decisions of the first form did not keep which
     * firing each reason came from: their reasons' seqs are 0.
     *
     * @param library the guidance of the decision's ruleset version (its cards' texts)
     */
    static View plan(DecisionRecord record, Supplier<Library> library) throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null) {
            return Json.MAPPER.readValue(record.planJson(), View.class);
        }
        return plan(record, traced, storedPlan(record), library);
    }

    /**
     * Rebuilds the view the app was sent and compares its SHA-256 with the one stored when it was
     * sent; null for a decision of the first form, which keeps the sent bytes themselves.
     *
     * @param library the guidance of the decision's ruleset version (its cards' texts)
     */
    static Check check(DecisionRecord record, Supplier<Library> library) throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null) {
            return null;
        }
        StoredPlan stored = storedPlan(record);
        Sent sent = stored.sent();
        View plan = plan(record, traced, stored, library);
        byte[] rebuilt = Json.MAPPER.writeValueAsBytes(CompactPlan.COMPACT.equals(sent.view())
                ? CompactPlan.of(plan) : plan);
        return new Check(sent.view(), sent.sha256(), Sha256.hex(rebuilt).equals(sent.sha256()));
    }

    /** The firing trace and withheld cards, with every firing's answers filled in: {@code {trace, withheld}}. */
    static JsonNode trace(DecisionRecord record) throws JsonProcessingException {
        JsonNode traced = storedTrace(record);
        if (traced == null) {
            return Json.MAPPER.readTree(record.traceJson());
        }
        List<WithheldCard> withheld = Json.MAPPER.convertValue(traced.path("withheld"),
                new TypeReference<List<WithheldCard>>() { });
        return Json.MAPPER.valueToTree(new Trace(List.copyOf(expand(record, traced).values()), withheld));
    }

    /**
     * The stored trace of this form, or null for a decision of the first form (which has no
     * {@code format} and keeps its plan and trace expanded).
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
        if (format != FORMAT) {
            throw new IllegalStateException("decision " + record.id() + " is stored in form " + format
                    + ", which this version of Rekindle does not read (it reads forms 1 and " + FORMAT + ")");
        }
        return traced;
    }

    private static StoredPlan storedPlan(DecisionRecord record) throws JsonProcessingException {
        return Json.MAPPER.readValue(record.planJson(), StoredPlan.class);
    }

    private static View plan(DecisionRecord record, JsonNode traced, StoredPlan stored, Supplier<Library> library)
            throws JsonProcessingException {
        Map<Integer, Firing> trace = expand(record, traced);
        Library guidance = library.get();
        List<Card> cards = new ArrayList<>(stored.cards().size());
        for (StoredCard card : stored.cards()) {
            GuidanceItem item = guidance.item(card.id());
            if (item == null) {
                throw new IllegalStateException("decision " + record.id() + " shows card " + card.id()
                        + ", which the guidance of its ruleset " + record.rulesetVersion() + " does not have");
            }
            List<Because> because = new ArrayList<>(card.because().size());
            for (int seq : card.because()) {
                Firing f = firing(trace, seq, record);
                because.add(new Because(seq, f.rule(), f.ruleId(), f.file(), f.line(), f.answers(), f.reason()));
            }
            cards.add(item.card(because));
        }
        return new View(stored.id(), stored.rulesetVersion(), stored.createdAt(), stored.summary(), cards);
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
