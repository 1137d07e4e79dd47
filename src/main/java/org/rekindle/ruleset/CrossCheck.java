package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.bundle.Problem;
import org.rekindle.content.Content;
import org.rekindle.content.GuidanceItem;
import org.rekindle.content.PlanBook;
import org.rekindle.content.PlanPath;
import org.rekindle.content.Question;
import org.rekindle.content.QuestionType;
import org.rekindle.model.Answers;

/**
 * Checks rules against content and each other, the way a coach would want a reviewer to: every rule
 * has its metadata (a source of its own, or the one source of the cards it shows), every id a rule names
 * exists, every option it compares with is offered, every
 * finding it (or a path or caveat of the plan file) waits for is inserted by some rule, and every
 * content item is reachable by some rule.
 * Produces the {@link RuleInfo} catalogue of the rules that passed.
 */
final class CrossCheck {

    record Result(Map<String, RuleInfo> rules, List<Problem> problems) {
    }

    private static final List<String> REQUIRED_METADATA = List.of("id", "reason");

    private CrossCheck() {
    }

    /**
     * @param complete     whether {@code rules} are all the ruleset's rules; when a file was refused before
     *                     this check, what its rules would insert is unknown, so no content item is reported as
     *                     shown by no rule and no finding as inserted by no rule
     * @param contentWhole whether every questionnaire and guidance file was read; when one could not be, the
     *                     ids it defines are unknown, so no rule is reported for naming a missing question,
     *                     section, card or tag
     */
    static Result check(List<CompiledRule> rules, Content content, boolean complete, boolean contentWhole) {
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleInfo> infos = new LinkedHashMap<>();
        Map<String, String> idOwners = new HashMap<>();
        Set<String> inserted = new HashSet<>();
        Set<String> shown = new HashSet<>();
        rules.forEach(rule -> rule.references().forEach(ref -> {
            if (ref.kind() == RuleReference.Kind.FINDING) {
                inserted.add(ref.value());
            } else if (ref.kind() == RuleReference.Kind.CARD) {
                shown.add(ref.value());
            }
        }));

        for (CompiledRule rule : rules) {
            for (String key : REQUIRED_METADATA) {
                if (rule.metadata().getOrDefault(key, "").isBlank()) {
                    problems.add(atRule(rule, "rule \"" + rule.name() + "\" has no @" + key
                            + "(\"...\"); every rule needs @id and @reason"));
                }
            }
            String id = rule.metadata().getOrDefault("id", "");
            if (!id.isBlank()) {
                String owner = idOwners.putIfAbsent(id, rule.file() + ":" + rule.line());
                if (owner != null) {
                    problems.add(atRule(rule, "rule id '" + id + "' is already used at "
                            + owner + "; rule ids must be unique"));
                }
            }
            boolean producesSomething = false;
            Set<String> questions = new LinkedHashSet<>();
            Set<String> cards = new LinkedHashSet<>();
            Set<String> findings = new LinkedHashSet<>();
            Set<String> uses = new LinkedHashSet<>();
            Set<String> withholds = new LinkedHashSet<>();
            for (RuleReference ref : rule.references()) {
                switch (ref.kind()) {
                    case QUESTION -> checkQuestion(rule, ref, content, contentWhole, questions, problems);
                    case SECTION -> checkSection(rule, ref, content, contentWhole, questions, problems);
                    case FINDING_USED -> {
                        uses.add(ref.value());
                        if (complete && !inserted.contains(ref.value())) {
                            problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" waits for Finding '"
                                    + ref.value() + "', which no rule inserts, so it can never fire"
                                    + Spelling.suggest(ref.value(), inserted)));
                        }
                    }
                    case CARD -> {
                        producesSomething = true;
                        cards.add(ref.value());
                        if (contentWhole && content.library().item(ref.value()) == null) {
                            problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" shows '" + ref.value()
                                    + "', which is not a content id in content/guidance/" + Spelling.suggest(
                                            ref.value(), content.library().items().stream().map(GuidanceItem::id)
                                                    .toList())));
                        }
                    }
                    case FINDING -> {
                        producesSomething = true;
                        findings.add(ref.value());
                    }
                    case WITHHOLD -> {
                        producesSomething = true;
                        withholds.add(ref.value());
                        boolean tagged = content.library().items().stream().anyMatch(i -> i.tagged(ref.value()));
                        if (contentWhole && !tagged) {
                            problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" withholds tag '"
                                    + ref.value() + "', which no content item carries"));
                        }
                    }
                }
            }
            if (!producesSomething) {
                problems.add(atRule(rule, "rule \"" + rule.name() + "\" inserts nothing; "
                        + "its consequence should insert new Show(\"...\"), new Finding(\"...\") or new Withhold(\"...\")"));
            }
            ReasonTemplate reason = ReasonTemplate.parse(rule.metadata().getOrDefault("reason", ""));
            for (String hole : reason.answerHoles()) {
                if (content.questionnaire().question(hole) == null && contentWhole) {
                    problems.add(atRule(rule, "rule \"" + rule.name() + "\" has {" + hole
                            + "} in its @reason, which is not a question id; use {question_id} or {$binding}"));
                } else {
                    questions.add(hole);
                }
            }
            infos.put(rule.key(), new RuleInfo(rule.key(), id, rule.name(), rule.file(), rule.line(), rule.column(),
                    sourceOf(rule, cards, content, contentWhole, problems), reason, ordered(questions, content),
                    Set.copyOf(cards), Set.copyOf(findings), Set.copyOf(uses), Set.copyOf(withholds),
                    rule.conditions(), rule.insertedFacts()));
        }
        checkPartnerFindings(rules, content, infos, problems);
        if (complete) {
            checkPlan(content.plan(), inserted, problems);
        }
        for (GuidanceItem item : content.library().items()) {
            if (complete && !shown.contains(item.id())) {
                problems.add(new Problem(item.file(), item.line(), item.column(), "content item '" + item.id()
                        + "' is shown by no rule; add a rule that inserts new Show(\"" + item.id() + "\")"));
            }
        }
        return new Result(infos, problems);
    }

    /**
     * A couple rule reads each partner's findings ({@code bothFound("x")}), but never one a private rule
     * draws: the couple is handed only the others, so such a rule could never fire, and a coach who wrote
     * it expected a partner's private answer to reach the couple.
     */
    private static void checkPartnerFindings(List<CompiledRule> rules, Content content, Map<String, RuleInfo> infos,
            List<Problem> problems) {
        Set<String> hidden = null;
        for (CompiledRule rule : rules) {
            for (RuleReference ref : rule.references()) {
                if (ref.kind() != RuleReference.Kind.FINDING_USED || ref.query() == null) {
                    continue;
                }
                if (hidden == null) {
                    hidden = PrivateRules.of(content.questionnaire(), infos.values(), null).findings();
                }
                if (hidden.contains(ref.value())) {
                    problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" reads the partners' Finding '"
                            + ref.value() + "', which a rule drawing on a private answer inserts; nothing private "
                            + "reaches the couple, so it would never fire: read a finding that no private rule draws"));
                }
            }
        }
    }

    /**
     * Every finding the plan file waits for (a path's {@code when}, a couple path's, a caveat's, a summary
     * verdict) must be
     * drawn by some rule.
     */
    private static void checkPlan(PlanBook plan, Set<String> inserted, List<Problem> problems) {
        for (PlanPath path : plan.paths()) {
            if (path.finding() != null && !inserted.contains(path.finding())) {
                problems.add(Problem.at(path.file(), path.line(), "path '" + path.id() + "' waits for Finding '"
                        + path.finding() + "', which no rule inserts, so no assessment can ever be on it"));
            }
        }
        for (PlanPath path : plan.couple().paths()) {
            if (path.finding() != null && !inserted.contains(path.finding())) {
                problems.add(Problem.at(path.file(), path.line(), "couple path '" + path.id() + "' waits for Finding '"
                        + path.finding() + "', which no rule inserts, so no couple can ever be on it"));
            }
        }
        for (PlanBook.Caveat caveat : plan.caveats()) {
            if (caveat.finding() != null && !inserted.contains(caveat.finding())) {
                problems.add(Problem.inFile("content/plan.yaml", "caveat '" + caveat.id() + "' waits for Finding '"
                        + caveat.finding() + "', which no rule inserts, so it never applies"));
            }
        }
        for (String verdict : plan.summary().verdicts()) {
            if (!inserted.contains(verdict)) {
                problems.add(Problem.inFile("content/plan.yaml", "summary verdict '" + verdict + "' waits for Finding '"
                        + verdict + "', which no rule inserts, so no summary can ever give it"));
            }
        }
    }

    /**
     * The source a rule cites: its {@code @source}, else the one source every card it shows cites, so
     * that a rule repeats its card's source only where it cites something else. A rule that shows no card,
     * or cards citing different sources, must say its own.
     */
    private static String sourceOf(CompiledRule rule, Set<String> cards, Content content, boolean contentWhole,
            List<Problem> problems) {
        String written = rule.metadata().getOrDefault("source", "");
        if (!written.isBlank()) {
            return written;
        }
        if (!contentWhole || cards.stream().anyMatch(card -> content.library().item(card) == null)) {
            return ""; // a card it shows is missing, which is said: its source is not known, not absent
        }
        Set<String> cited = new LinkedHashSet<>();
        for (String card : cards) {
            GuidanceItem item = content.library().item(card);
            if (item != null) {
                cited.add(item.source().label());
            }
        }
        if (cited.size() == 1) {
            return cited.iterator().next();
        }
        problems.add(atRule(rule, "rule \"" + rule.name() + "\" has no @source(\"...\"), and "
                + (cited.isEmpty() ? "it shows no card whose source it could cite"
                        : "the cards it shows cite different sources (" + String.join("; ", cited) + ")")
                + "; give it @source(\"...\") naming what it draws on"));
        return "";
    }

    private static void checkQuestion(CompiledRule rule, RuleReference ref, Content content, boolean contentWhole,
            Set<String> questions, List<Problem> problems) {
        Question question = content.questionnaire().question(ref.value());
        if (question == null) {
            if (contentWhole) {
                problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" reads question '" + ref.value()
                        + "', which is not in content/questionnaire/" + Spelling.suggest(ref.value(),
                                content.questionnaire().questions().stream().map(Question::id).toList())));
            }
            return;
        }
        questions.add(question.id());
        RuleVocabulary.Query query = ref.query() == null ? null : RuleVocabulary.query(ref.query());
        if (query != null && !query.asks().isEmpty() && !query.asks().contains(question.type())) {
            problems.add(problem(rule, ref, ref.query() + "(\"" + question.id() + "\") cannot ask '" + question.id()
                    + "', a " + question.type().wireName().replace('_', '/') + " question, so the rule would never "
                    + "match; ask it with " + RuleVocabulary.howToAsk(question.type(), question.id())));
            return;
        }
        if (ref.option() == null) {
            return;
        }
        boolean fine = question.type() == QuestionType.NUMBER ? false : question.offers(ref.option());
        if (!fine) {
            problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" compares question '" + question.id()
                    + "' with '" + ref.option() + "', which is not one of its options "
                    + question.options().stream().map(o -> o.value()).toList() + Spelling.suggest(ref.option(),
                            question.options().stream().map(o -> o.value()).toList())));
        }
    }

    private static void checkSection(CompiledRule rule, RuleReference ref, Content content, boolean contentWhole,
            Set<String> questions, List<Problem> problems) {
        if (!content.questionnaire().hasSection(ref.value())) {
            if (contentWhole) {
                problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" counts over section '" + ref.value()
                        + "', which is not a section in content/questionnaire/" + Spelling.suggest(ref.value(),
                                content.questionnaire().sections().stream().map(section -> section.id()).toList())));
            }
            return;
        }
        List<String> ids = content.questionnaire().questionIdsOf(ref.value());
        // countAtLeast also counts the yes/no questions the section reuses: the rule reads those too.
        questions.addAll("countAtLeast".equals(ref.query()) ? content.questionnaire().countedIdsOf(ref.value()) : ids);
        RuleVocabulary.Query query = ref.query() == null ? null : RuleVocabulary.query(ref.query());
        if (query != null && !query.asks().isEmpty() && ids.stream().map(id -> content.questionnaire().question(id))
                .noneMatch(q -> q != null && query.asks().contains(q.type()))) {
            problems.add(problem(rule, ref, ref.query() + "(\"" + ref.value() + "\") counts "
                    + query.asks().iterator().next().wireName().replace('_', '/') + " questions, and section '"
                    + ref.value() + "' has none, so it is always 0"));
        }
        if (ref.option() != null && !Answers.FREQUENCY_SCALE.contains(ref.option())) {
            problems.add(problem(rule, ref, "rule \"" + rule.name() + "\" counts answers of at least '"
                    + ref.option() + "', which is not a frequency level " + Answers.FREQUENCY_SCALE));
        }
    }

    private static List<String> ordered(Set<String> questions, Content content) {
        List<String> ordered = new ArrayList<>();
        for (Question question : content.questionnaire().questions()) {
            if (questions.contains(question.id())) {
                ordered.add(question.id());
            }
        }
        return List.copyOf(ordered);
    }

    /** A problem with a rule as a whole, at its {@code rule} keyword. */
    private static Problem atRule(CompiledRule rule, String message) {
        return new Problem(rule.file(), rule.line(), rule.column(), message);
    }

    private static Problem problem(CompiledRule rule, RuleReference ref, String message) {
        return new Problem(rule.file(), ref.line(), ref.column(), message);
    }
}
