package org.rekindle.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.rekindle.bundle.Sha256;
import org.rekindle.content.Content;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.HelpLines;
import org.rekindle.content.Library;
import org.rekindle.content.PlanPath;
import org.rekindle.engine.Firing;
import org.rekindle.engine.PathChoice;
import org.rekindle.engine.WithheldCard;
import org.rekindle.model.Because;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.Plan;
import org.rekindle.model.Summary;

/**
 * A decision read back from the decision log by {@link DecisionCodec#read}, parsed once: the answers,
 * the plan's cards, path and focus as ids with their reasons, and the firing trace with every firing's
 * answers filled in. Everything here comes from the row alone; the cards' texts, which the log keeps
 * only as content ids, are rebuilt by {@link #rebuild} from the content of the decision's ruleset
 * version.
 *
 * <p>Four stored forms read back into this one type: the first ({@link #expanded()}) keeps the plan and
 * trace as the app and the auditor saw them, without firing seqs in the reasons; the second is the
 * compact form before plans had paths (no path, focus or help-lines region); the third keeps each firing
 * in full; the fourth, today's, keeps of each firing only what its rule does not say, and reads back
 * exactly as the third.
 */
public final class StoredDecision {

    /** What the app was sent: the view ({@code plan}, {@code full} or {@code compact}) and the SHA-256 of its bytes. */
    public record Sent(String view, String sha256) {

        public static Sent of(String view, byte[] bytes) {
            return new Sent(view, Sha256.hex(bytes));
        }
    }

    /**
     * What the rules could read of the previous assessment, as the decision keeps it: that assessment's
     * id and its answers to the questions some rule's {@code Previous( ... )} conditions read (not the
     * rest: a later decision keeps no more of an earlier one than it was decided from). Private answers
     * among them are masked like the decision's own.
     */
    public record Previous(String id, Map<String, Object> answers) {

        public Previous {
            answers = answers == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(answers));
        }
    }

    /** A card of the stored plan: its content id and why it is there (seq 0 in the first form). */
    public record StoredCard(String id, List<Because> because) {
    }

    /** The plan of a decision stored before plans had a path and a focus: {@code {id, rulesetVersion, createdAt, summary, cards}}. */
    public record CardList(String id, String rulesetVersion, Instant createdAt, Summary summary, List<Card> cards) {
    }

    /**
     * A stored decision's plan rebuilt with its cards' texts: the plan of the third form and later, or the
     * card list of the earlier ones. Exactly one of {@code plan} and {@code cards} is set; {@code locale} is
     * the language tag its texts are in, null for the default's.
     */
    public record Rebuilt(String id, String rulesetVersion, Instant createdAt, Plan plan, CardList cards,
            String locale) {

        /** Every card of the decision, in display order, whichever form it was stored in. */
        public List<Card> allCards() {
            return plan != null ? plan.cards() : cards.cards();
        }

        public Summary summary() {
            return plan != null ? plan.summary() : cards.summary();
        }
    }

    private final DecisionRecord record;
    private final int form;
    private final Map<String, Object> answers;
    private final Summary summary;
    private final String pathId;
    private final List<Because> pathBecause;
    private final List<String> focus;
    private final String region;
    private final List<StoredCard> cards;
    private final CardList expandedPlan;
    private final List<Firing> trace;
    private final List<WithheldCard> withheld;
    private final PathChoice pathChoice;
    private final Sent sent;
    private final String locale;
    private final Previous previous;

    /**
     * @param expandedPlan the plan of the first form, which keeps the cards' texts; null otherwise
     * @param pathBecause  null when the plan has no path
     * @param locale       the language tag the app was sent the texts in; null for the default's (and for
     *                     every decision stored before translations)
     */
    StoredDecision(DecisionRecord record, int form, Map<String, Object> answers, Summary summary, String pathId,
            List<Because> pathBecause, List<String> focus, String region, List<StoredCard> cards,
            CardList expandedPlan, List<Firing> trace, List<WithheldCard> withheld, PathChoice pathChoice,
            Sent sent, String locale, Previous previous) {
        this.record = record;
        this.form = form;
        this.answers = answers;
        this.summary = summary;
        this.pathId = pathId;
        this.pathBecause = pathBecause;
        this.focus = focus;
        this.region = region;
        this.cards = cards;
        this.expandedPlan = expandedPlan;
        this.trace = trace;
        this.withheld = withheld;
        this.pathChoice = pathChoice;
        this.sent = sent;
        this.locale = locale;
        this.previous = previous;
    }

    /** The language tag the app was sent the texts in, which a rebuild reads them in again; null for the default's. */
    public String locale() {
        return locale;
    }

    /** The row this was read from: its id, time, version, subject, couple, partner and owner. */
    public DecisionRecord record() {
        return record;
    }

    public String id() {
        return record.id();
    }

    public String rulesetVersion() {
        return record.rulesetVersion();
    }

    public Instant createdAt() {
        return record.createdAt();
    }

    /**
     * True for the first form, which keeps the plan the app was sent itself ({@link DecisionRecord#planJson()}
     * is its bytes) and a trace whose firings may lack {@code reads} and {@code dependsOn} (null here).
     */
    public boolean expanded() {
        return form == DecisionCodec.EXPANDED_FORM;
    }

    /** The normalised answers as stored, question id to value, in the order they were stored. */
    public Map<String, Object> answers() {
        return answers;
    }

    public Summary summary() {
        return summary;
    }

    /** The plan's path id; null for a plan without a path (stored before paths, or a ruleset without a plan file). */
    public String pathId() {
        return pathId;
    }

    /** The focus card ids; empty when stored before plans had a focus. */
    public List<String> focus() {
        return focus;
    }

    /** Every card the plan shows, in display order, with why. */
    public List<StoredCard> cards() {
        return cards;
    }

    /** The ids of {@link #cards()}, in order. */
    public List<String> cardIds() {
        return cards.stream().map(StoredCard::id).toList();
    }

    /** Every firing in order, each with its answers filled in as the engine's recorder collected them. */
    public List<Firing> trace() {
        return trace;
    }

    public List<WithheldCard> withheld() {
        return withheld;
    }

    /** How the path was chosen; null when stored before paths or without a plan file. */
    public PathChoice pathChoice() {
        return pathChoice;
    }

    /** What the app was sent; null for the first form (it keeps the bytes) and before the digest was kept. */
    public Sent sent() {
        return sent;
    }

    /**
     * What the rules could read of the previous assessment; null when there was none, and for decisions
     * stored before rules could read one.
     */
    public Previous previous() {
        return previous;
    }

    /**
     * The plan as the engine made it, cards' texts included (or, stored before paths, its card list).
     * Reasons of the first form have seq 0: it did not keep which firing each came from.
     *
     * @param content the content of the decision's ruleset version (its cards' texts, plan file and help
     *                lines); not asked for a decision of the first form, which keeps the texts itself
     * @throws IllegalStateException when that content lacks a card, path or region the decision names
     */
    public Rebuilt rebuild(Supplier<Content> content) {
        if (expandedPlan != null) {
            return new Rebuilt(expandedPlan.id(), expandedPlan.rulesetVersion(), expandedPlan.createdAt(), null,
                    expandedPlan, null);
        }
        Content files = content.get().in(locale);
        Library guidance = files.library();
        boolean planned = form >= DecisionCodec.PATHS_FORM;
        Set<String> findings = planned ? findings() : Set.of();
        HelpLines.Region lines = region == null ? null : files.helpLines().region(region);
        if (region != null && lines == null) {
            throw new IllegalStateException("decision " + id() + " shows the help lines of region " + region
                    + ", which the content of its ruleset " + rulesetVersion() + " does not have");
        }
        List<Card> built = new ArrayList<>(cards.size());
        for (StoredCard card : cards) {
            GuidanceItem item = guidance.item(card.id());
            if (item == null) {
                throw new IllegalStateException("decision " + id() + " shows card " + card.id()
                        + ", which the guidance of its ruleset " + rulesetVersion() + " does not have");
            }
            Card shown = item.card(card.because());
            if (planned) {
                String caveat = files.plan().caveatFor(item, findings);
                Card.HelpLines help = lines != null && item.id().equals(files.helpLines().card()) ? lines.onCard()
                        : null;
                shown = caveat == null && help == null ? shown : shown.with(caveat, help);
            }
            built.add(shown);
        }
        if (!planned) {
            return new Rebuilt(id(), rulesetVersion(), createdAt(), null,
                    new CardList(id(), rulesetVersion(), createdAt(), summary, built), locale);
        }
        ChosenPath path = null;
        if (pathId != null) {
            PlanPath spec = files.plan().path(pathId);
            if (spec == null) {
                throw new IllegalStateException("decision " + id() + " is on path " + pathId
                        + ", which the plan file of its ruleset " + rulesetVersion() + " does not have");
            }
            path = new ChosenPath(spec.id(), spec.title(), spec.note(), pathBecause);
        }
        return new Rebuilt(id(), rulesetVersion(), createdAt(), new Plan(summary, path, focus, List.copyOf(built)),
                null, locale);
    }

    /** The findings the firings drew, read from what each inserted. */
    private Set<String> findings() {
        Set<String> findings = new HashSet<>();
        for (Firing firing : trace) {
            for (String fact : firing.inserted()) {
                if (fact.startsWith("Finding(") && fact.endsWith(")")) {
                    findings.add(fact.substring("Finding(".length(), fact.length() - 1));
                }
            }
        }
        return findings;
    }

    /** Names the decision without its content, like {@link DecisionRecord#toString()}. */
    @Override
    public String toString() {
        return "StoredDecision[id=" + id() + ", rulesetVersion=" + rulesetVersion() + ", form=" + form + "]";
    }
}
