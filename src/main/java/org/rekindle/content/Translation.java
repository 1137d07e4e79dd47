package org.rekindle.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one translation ({@code content/locales/<tag>/}) gives: only the texts it translates, each keyed
 * by the id the default content uses. {@link #applyTo} makes the content in that locale, taking every
 * other text from the default, so a partial translation reads in English where it is silent.
 *
 * @param sections       questionnaire section id to its title and description
 * @param questions      question id to its text, help and option labels
 * @param answerLabels   question type ({@code yes_no}, {@code frequency}) to the labels of its built-in options
 * @param topicTitles    guidance topic (file name) to its title
 * @param items          content id to a card's title, text and source label
 * @param paths          plan path id to its title and note
 * @param caveats        plan caveat id to its text
 * @param regions        help-lines region id to its name and lines
 */
record Translation(String locale, Map<String, SectionText> sections, Map<String, QuestionText> questions,
        Map<String, Map<String, String>> answerLabels, Map<String, String> topicTitles, Map<String, ItemText> items,
        Map<String, PathText> paths, Map<String, String> caveats, Map<String, RegionText> regions) {

    /** A section's texts; a null field is not translated. */
    record SectionText(String title, String description) {
    }

    /** A question's texts; a null field is not translated, and {@code options} holds only the labels given. */
    record QuestionText(String text, String help, Map<String, String> options) {
    }

    /** A card's texts; a null field is not translated. */
    record ItemText(String title, String text, String source) {
    }

    /** A path's texts; a null field is not translated. */
    record PathText(String title, String note) {
    }

    /** A help-lines region's name and its lines by id; a null field is not translated. */
    record RegionText(String name, Map<String, LineText> lines) {
    }

    /** A help line's name and how to reach it; a null field is not translated. */
    record LineText(String name, String how) {
    }

    /** An empty translation, filled in by the reader. */
    static Translation empty(String locale) {
        return new Translation(locale, new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    /** The default content with this translation's texts in place of its own. */
    Content applyTo(Content base) {
        return new Content(questionnaire(base.questionnaire()), library(base.library()), plan(base.plan()),
                helpLines(base.helpLines()), locale, Map.of());
    }

    private Questionnaire questionnaire(Questionnaire base) {
        List<Questionnaire.Section> sections = new ArrayList<>(base.sections().size());
        for (Questionnaire.Section section : base.sections()) {
            SectionText text = this.sections.getOrDefault(section.id(), new SectionText(null, null));
            List<Question> questions = new ArrayList<>(section.questions().size());
            for (Question q : section.questions()) {
                QuestionText t = this.questions.getOrDefault(q.id(), new QuestionText(null, null, Map.of()));
                Map<String, String> builtIn = answerLabels.getOrDefault(q.type().wireName(), Map.of());
                List<Option> options = new ArrayList<>(q.options().size());
                for (Option option : q.options()) {
                    String label = t.options().getOrDefault(option.value(), builtIn.get(option.value()));
                    options.add(label == null ? option : new Option(option.value(), label));
                }
                questions.add(new Question(q.id(), q.section(), or(t.text(), q.text()), q.type(), List.copyOf(options),
                        q.min(), q.max(), q.unit(), q.isPrivate(), q.required(), q.sharpens(), or(t.help(), q.help()),
                        q.enableWhen(), q.exclusive()));
            }
            sections.add(new Questionnaire.Section(section.id(), or(text.title(), section.title()),
                    or(text.description(), section.description()), section.order(), section.isPrivate(),
                    List.copyOf(questions), section.reuses()));
        }
        // The forms name questions by id, so they hold in every language.
        return new Questionnaire(sections).withForms(base.forms());
    }

    private Library library(Library base) {
        List<GuidanceItem> items = new ArrayList<>(base.items().size());
        for (GuidanceItem i : base.items()) {
            ItemText t = this.items.get(i.id());
            items.add(t == null ? i : new GuidanceItem(i.id(), i.kind(), i.indicator(), or(t.title(), i.title()),
                    or(t.text(), i.text()), t.source() == null ? i.source() : new Source(t.source(), i.source().url()),
                    i.tags(), i.theme(), i.topic(), i.order(), i.position(), i.file(), i.line(), i.column()));
        }
        Map<String, String> titles = new HashMap<>(base.titles());
        titles.putAll(topicTitles);
        return new Library(items, titles);
    }

    private PlanBook plan(PlanBook base) {
        List<PlanPath> paths = new ArrayList<>(base.paths().size());
        for (PlanPath p : base.paths()) {
            PathText t = this.paths.get(p.id());
            paths.add(t == null ? p : new PlanPath(p.id(), p.finding(), or(t.title(), p.title()), or(t.note(), p.note()),
                    p.keepOnly(), p.exclude(), p.reason(), p.focus(), p.discreet(), p.file(), p.line()));
        }
        List<PlanBook.Caveat> caveats = new ArrayList<>(base.caveats().size());
        for (PlanBook.Caveat c : base.caveats()) {
            caveats.add(new PlanBook.Caveat(c.id(), c.finding(), c.tags(), or(this.caveats.get(c.id()), c.text())));
        }
        return new PlanBook(base.focusSize(), base.focusKinds(), base.lead(), base.fallback(), paths, caveats,
                base.summary(), base.couple(), base.progress());
    }

    private HelpLines helpLines(HelpLines base) {
        List<HelpLines.Region> regions = new ArrayList<>(base.regions().size());
        for (HelpLines.Region r : base.regions()) {
            RegionText t = this.regions.get(r.id());
            if (t == null) {
                regions.add(r);
                continue;
            }
            List<HelpLines.Line> lines = new ArrayList<>(r.lines().size());
            for (HelpLines.Line line : r.lines()) {
                LineText lt = line.id() == null ? null : t.lines().get(line.id());
                lines.add(lt == null ? line : new HelpLines.Line(line.id(), or(lt.name(), line.name()),
                        or(lt.how(), line.how())));
            }
            regions.add(new HelpLines.Region(r.id(), or(t.name(), r.name()), r.countries(), r.fallback(), lines));
        }
        return new HelpLines(base.card(), regions);
    }

    private static String or(String translated, String fallback) {
        return translated != null ? translated : fallback;
    }
}
