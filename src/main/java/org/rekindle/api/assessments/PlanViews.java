package org.rekindle.api.assessments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.rekindle.api.http.ApiError;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.Library;
import org.rekindle.model.Card;
import org.rekindle.model.ChosenPath;
import org.rekindle.model.Plan;
import org.rekindle.model.Summary;

/**
 * The plan as apps get it: {@code {id, rulesetVersion, createdAt, summary, path, focus, sections}}. The
 * focus leads, with every focus card in full; then the other cards the path allows, grouped by section
 * (a guidance topic, with its title), sections in the article's order and cards in display order within
 * each. No card appears twice. Three views:
 * <ul>
 *   <li><b>plan</b> (the default): the sections list each card by its id, kind, indicator and summary
 *       only, and one card per theme across the whole plan (the focus's themes included), so a full
 *       questionnaire's plan stays small; {@code more} counts a section's cards left out of this view;</li>
 *   <li><b>full</b> ({@code ?view=full}): every card the path allows, in full, with reasons, rule
 *       locations and the answers behind them;</li>
 *   <li><b>compact</b> ({@code ?view=compact}): every card in full but each reason as
 *       {@code {seq, ruleId, reason}}, leaving rule locations and answers to the explanation.</li>
 * </ul>
 */
public final class PlanViews {

    /** The query parameter that picks a view, and its values; without it, the plan view. */
    public static final String PARAMETER = "view";
    public static final String FULL = "full";
    public static final String COMPACT = "compact";

    /** Which view a request asks for, and the name the decision log records for it. */
    enum Kind {
        PLAN("plan"), FULL(PlanViews.FULL), COMPACT(PlanViews.COMPACT);

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Kind of(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(wireName)) {
                    return kind;
                }
            }
            throw new IllegalStateException("no view '" + wireName + "'");
        }
    }

    /**
     * The view {@code ?view=...} asks for: none is the plan view.
     *
     * @throws ApiError 400 {@code invalid_query} for a value other than {@code full} or {@code compact}
     */
    static Kind requested(String view) {
        if (view == null) {
            return Kind.PLAN;
        }
        if (view.equals(FULL)) {
            return Kind.FULL;
        }
        if (view.equals(COMPACT)) {
            return Kind.COMPACT;
        }
        String shown = view.length() > 40 ? view.substring(0, 40) + "..." : view;
        throw ApiError.badRequest("invalid_query", PARAMETER, "view must be " + FULL + " or " + COMPACT
                + " (or left out for the plan), not '" + shown + "'");
    }

    /** The plan with its focus and sections: {@code {id, rulesetVersion, createdAt, summary, path, focus, sections}}. */
    record View(String id, String rulesetVersion, Instant createdAt, Summary summary, Object path, List<Object> focus,
            List<Section> sections) {
    }

    /**
     * The cards of one guidance topic.
     *
     * @param more how many of the section's cards only {@code ?view=full} lists (left out when 0)
     */
    record Section(String id, String title, List<Object> cards, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int more) {
    }

    /** A card in the plan view's sections: enough to list it; {@code ?view=full} has the rest. */
    record CardHeader(String id, String kind, String indicator, String summary, String caveat) {
    }

    /** The path in the compact view: its reasons as {@code {seq, ruleId, reason}}. */
    record CompactPath(String id, String title, String note, List<CompactPlan.Reason> because) {
    }

    private PlanViews() {
    }

    /**
     * The view of a plan.
     *
     * @param library the guidance the plan's cards come from (for their topics and the topics' titles)
     */
    static View of(Kind kind, String id, String rulesetVersion, Instant createdAt, Plan plan, Library library) {
        Map<String, Card> byId = new LinkedHashMap<>(plan.cards().size() * 2);
        plan.cards().forEach(card -> byId.put(card.id(), card));
        Set<String> themes = new HashSet<>();
        List<Object> focus = new ArrayList<>(plan.focus().size());
        for (String cardId : plan.focus()) {
            Card card = byId.get(cardId);
            focus.add(kind == Kind.COMPACT ? CompactPlan.card(card) : card);
            GuidanceItem item = library.item(cardId);
            if (item != null && item.theme() != null) {
                themes.add(item.theme());
            }
        }
        Set<String> inFocus = Set.copyOf(plan.focus());
        Map<String, List<Card>> byTopic = new LinkedHashMap<>();
        List<GuidanceItem> topics = new ArrayList<>();
        for (Card card : plan.cards()) {
            if (inFocus.contains(card.id())) {
                continue;
            }
            GuidanceItem item = library.item(card.id());
            String topic = item == null ? "other" : item.topic();
            List<Card> cards = byTopic.get(topic);
            if (cards == null) {
                cards = new ArrayList<>();
                byTopic.put(topic, cards);
                if (item != null) {
                    topics.add(item);
                }
            }
            cards.add(card);
        }
        // Sections in the article's order: by the topic's order, then its name.
        topics.sort((x, y) -> x.order() != y.order() ? Integer.compare(x.order(), y.order())
                : x.topic().compareTo(y.topic()));
        List<Section> sections = new ArrayList<>(topics.size());
        for (GuidanceItem first : topics) {
            List<Object> cards = new ArrayList<>();
            int more = 0;
            for (Card card : byTopic.get(first.topic())) {
                if (kind != Kind.PLAN) {
                    cards.add(kind == Kind.COMPACT ? CompactPlan.card(card) : card);
                    continue;
                }
                GuidanceItem item = library.item(card.id());
                String theme = item == null ? null : item.theme();
                if (theme != null && !themes.add(theme)) {
                    more++;
                } else {
                    cards.add(new CardHeader(card.id(), card.kind(), card.indicator(), card.summary(), card.caveat()));
                }
            }
            sections.add(new Section(first.topic(), library.title(first.topic()), cards, more));
        }
        Object path = plan.path() == null ? null : kind == Kind.COMPACT ? compact(plan.path()) : plan.path();
        return new View(id, rulesetVersion, createdAt, plan.summary(), path, focus, sections);
    }

    private static CompactPath compact(ChosenPath path) {
        return new CompactPath(path.id(), path.title(), path.note(), CompactPlan.reasons(path.because()));
    }
}
