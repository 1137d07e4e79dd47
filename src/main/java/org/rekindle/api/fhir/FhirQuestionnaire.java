package org.rekindle.api.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rekindle.content.EnableWhen;
import org.rekindle.content.Form;
import org.rekindle.content.Option;
import org.rekindle.content.Question;
import org.rekindle.content.QuestionType;
import org.rekindle.content.Questionnaire;

/**
 * The questionnaire as an HL7 FHIR R4 {@code Questionnaire} resource, written from the content model
 * without hard-coded question ids, so that a FHIR app renders it with its own form engine.
 *
 * <p>Mapping: a section is a {@code group} item (linkId {@code section.<id>}, its title as text, its
 * description as a first {@code display} item {@code section.<id>.description}); a question keeps its id
 * as linkId; yes_no is {@code boolean}, frequency and choice are {@code choice}, multi_choice is a
 * {@code choice} that {@code repeats}, number is {@code decimal} (a posted 2.5 is a valid answer, so
 * {@code integer} would refuse what the JSON API accepts) with {@code minValue}/{@code maxValue} and the
 * unit. Options are {@code answerOption.valueCoding} in {@link #CODE_SYSTEM}, the code being the option
 * value the JSON API takes; an exclusive option carries {@code questionnaire-optionExclusive}. Help is a
 * {@code display} child {@code <id>.help} with the {@code itemControl} code {@code help}. A private
 * question or section carries a {@code designNote} telling the app to ask it out of the partner's sight.
 *
 * <p>{@code enableWhen} is written so that FHIR's semantics match Rekindle's exactly, with one exception.
 * A condition on a single-valued question is a set of admitted answers: with {@code enableBehavior any}
 * one {@code =} per admitted option, with {@code all} {@code exists} plus one {@code !=} per option it does
 * not admit (a frequency {@code atLeast}, a {@code not}). Numbers use {@code >=}/{@code <=},
 * {@code answered} is {@code exists}. The exception: {@code not} on a multi-choice question among
 * conditions joined by {@code any} is written as {@code !=}, which in FHIR also holds while the question
 * is unanswered; the server still applies its own rule to what is posted.
 */
public final class FhirQuestionnaire {

    /** The media type of FHIR's JSON format, for the questionnaire and for posted responses. */
    public static final String MEDIA_TYPE = "application/fhir+json";

    /** Rekindle's canonical base: a stable name for its FHIR artefacts, not an address that must answer. */
    public static final String BASE = "https://rekindle.app/fhir";

    /** The questionnaire's canonical URL; {@code version} is the ruleset version it was written from. */
    public static final String URL = BASE + "/Questionnaire/rekindle";

    /** The code system of every option code: the code is the option value the JSON API takes. */
    public static final String CODE_SYSTEM = BASE + "/CodeSystem/answer-option";

    static final String GROUP_PREFIX = "section.";
    static final String HELP_SUFFIX = ".help";
    static final String DESCRIPTION_SUFFIX = ".description";

    private static final String EXT = "http://hl7.org/fhir/StructureDefinition/";
    private static final String ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control";

    private FhirQuestionnaire() {
    }

    /** The group linkId of a section. */
    static String groupLinkId(String section) {
        return GROUP_PREFIX + section;
    }

    /**
     * The canonical URL of a form's questionnaire ({@code .../Questionnaire/rekindle-short}): a resource of
     * its own, derived from the whole one, so that a response says which one it answers.
     */
    public static String url(Form form) {
        return form == null ? URL : URL + "-" + form.id().replace('_', '-');
    }

    /** The resource, as a tree Jackson writes; {@code version} is the ruleset version. */
    public static Map<String, Object> of(Questionnaire questionnaire, String version) {
        return of(questionnaire, version, null);
    }

    /**
     * The resource of a form a coach defined ({@code ?form=short}): its questions only, in the sections
     * that hold them; an {@code enableWhen} condition on a question the form does not ask is left out (it
     * could never hold, so a question it joins with {@code any} is asked as before; validate refuses a form
     * question whose {@code all} conditions read a question left out).
     *
     * @param form the form, or null for the whole questionnaire
     */
    public static Map<String, Object> of(Questionnaire questionnaire, String version, Form form) {
        Set<String> asked = form == null ? null : Set.copyOf(form.questions());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("resourceType", "Questionnaire");
        resource.put("url", url(form));
        resource.put("version", version);
        resource.put("name", form == null ? "Rekindle" : "Rekindle_" + form.id());
        resource.put("title", form == null ? "Rekindle: how close do you feel?" : "Rekindle: " + form.title());
        if (form != null) {
            resource.put("derivedFrom", List.of(URL + "|" + version));
        }
        resource.put("status", "active");
        resource.put("publisher", "Rekindle");
        if (form != null && form.description() != null) {
            resource.put("description", form.description());
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Questionnaire.Section section : questionnaire.sections()) {
            if (asked == null || section.questions().stream().anyMatch(q -> asked.contains(q.id()))) {
                groups.add(group(section, questionnaire, asked));
            }
        }
        resource.put("item", groups);
        return resource;
    }

    private static Map<String, Object> group(Questionnaire.Section section, Questionnaire questionnaire,
            Set<String> asked) {
        Map<String, Object> group = new LinkedHashMap<>();
        if (section.isPrivate()) {
            group.put("extension", List.of(privateNote()));
        }
        group.put("linkId", groupLinkId(section.id()));
        group.put("text", section.title());
        group.put("type", "group");
        List<Map<String, Object>> items = new ArrayList<>();
        if (section.description() != null) {
            items.add(display(groupLinkId(section.id()) + DESCRIPTION_SUFFIX, section.description().strip(), false));
        }
        for (Question question : section.questions()) {
            if (asked == null || asked.contains(question.id())) {
                items.add(question(question, questionnaire, asked));
            }
        }
        group.put("item", items);
        return group;
    }

    private static Map<String, Object> question(Question question, Questionnaire questionnaire, Set<String> asked) {
        Map<String, Object> item = new LinkedHashMap<>();
        List<Map<String, Object>> extensions = new ArrayList<>();
        if (question.isPrivate()) {
            extensions.add(privateNote());
        }
        if (question.type() == QuestionType.NUMBER) {
            if (question.min() != null) {
                extensions.add(Map.of("url", EXT + "minValue", "valueDecimal", question.min()));
            }
            if (question.max() != null) {
                extensions.add(Map.of("url", EXT + "maxValue", "valueDecimal", question.max()));
            }
            if (question.unit() != null) {
                extensions.add(Map.of("url", EXT + "questionnaire-unit", "valueCoding",
                        Map.of("display", question.unit())));
            }
        }
        if (!extensions.isEmpty()) {
            item.put("extension", extensions);
        }
        item.put("linkId", question.id());
        item.put("text", question.text());
        item.put("type", itemType(question.type()));
        EnableWhen when = asked == null ? question.enableWhen() : within(question.enableWhen(), asked);
        if (when != null) {
            EnableWhenWriter.write(when, questionnaire, item);
        }
        item.put("required", question.required());
        if (question.type() == QuestionType.MULTI_CHOICE) {
            item.put("repeats", true);
        }
        if (question.type() != QuestionType.YES_NO && question.type() != QuestionType.NUMBER) {
            List<Map<String, Object>> options = new ArrayList<>();
            for (Option option : question.options()) {
                Map<String, Object> answerOption = new LinkedHashMap<>();
                if (question.exclusive().contains(option.value())) {
                    answerOption.put("extension", List.of(Map.of("url", EXT + "questionnaire-optionExclusive",
                            "valueBoolean", true)));
                }
                answerOption.put("valueCoding", coding(option.value(), option.label()));
                options.add(answerOption);
            }
            item.put("answerOption", options);
        }
        if (question.help() != null) {
            item.put("item", List.of(display(question.id() + HELP_SUFFIX, question.help().strip(), true)));
        }
        return item;
    }

    /** The conditions of {@code when} on questions the form asks; null when none is left. */
    private static EnableWhen within(EnableWhen when, Set<String> asked) {
        if (when == null) {
            return null;
        }
        List<EnableWhen.Condition> kept = when.conditions().stream().filter(c -> asked.contains(c.question())).toList();
        return kept.isEmpty() ? null : new EnableWhen(when.behavior(), kept);
    }

    /** The FHIR item type of a question type; the answer's value[x] follows it (see {@link FhirResponse}). */
    static String itemType(QuestionType type) {
        return switch (type) {
            case YES_NO -> "boolean";
            case FREQUENCY, CHOICE, MULTI_CHOICE -> "choice";
            case NUMBER -> "decimal";
        };
    }

    static Map<String, Object> coding(String code, String display) {
        Map<String, Object> coding = new LinkedHashMap<>();
        coding.put("system", CODE_SYSTEM);
        coding.put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        return coding;
    }

    private static Map<String, Object> display(String linkId, String text, boolean help) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (help) {
            Map<String, Object> coding = new LinkedHashMap<>();
            coding.put("system", ITEM_CONTROL_SYSTEM);
            coding.put("code", "help");
            coding.put("display", "Help-Button");
            item.put("extension", List.of(Map.of("url", EXT + "questionnaire-itemControl",
                    "valueCodeableConcept", Map.of("coding", List.of(coding)))));
        }
        item.put("linkId", linkId);
        item.put("text", text);
        item.put("type", "display");
        return item;
    }

    private static Map<String, Object> privateNote() {
        return Map.of("url", EXT + "designNote", "valueMarkdown", "Private: ask it where the partner cannot see the "
                + "screen. The answer is never shown to the partner and nothing shared with them is built from it.");
    }
}
