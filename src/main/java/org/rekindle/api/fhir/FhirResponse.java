package org.rekindle.api.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rekindle.api.http.ApiError;
import org.rekindle.content.FieldProblem;
import org.rekindle.content.Form;
import org.rekindle.content.Question;
import org.rekindle.content.QuestionType;
import org.rekindle.content.Questionnaire;

/**
 * Reads a FHIR R4 {@code QuestionnaireResponse} to {@link FhirQuestionnaire}'s questionnaire into the JSON
 * body {@code POST /v1/assessments} takes ({@code {answers, locale?}}), so that both go through the same
 * checks. Questions are answered inside their section's group; each answer is the {@code value[x]} its item
 * type asks for: {@code valueBoolean} (yes_no), {@code valueCoding} with a code of
 * {@link FhirQuestionnaire#CODE_SYSTEM} (choice, frequency; one per picked option for multi_choice),
 * {@code valueDecimal} (number). {@code language} is the locale, {@code subject.identifier.value} the subject
 * (the app's pseudonym of the person, which links their history). An item without an answer is unanswered.
 * A response to a form's questionnaire ({@link FhirQuestionnaire#url(Form)}) answers only that form's items.
 *
 * <p>Problems name the item by linkId: {@code item[linkId=sa_unseen]}, and an answer of it
 * {@code item[linkId=micro_received].answer[1]}; {@link #named(List)} renames the JSON API's
 * {@code answers.<id>} fields the same way.
 */
public final class FhirResponse {

    /** The elements of a QuestionnaireResponse (R4); any other top-level key is refused. */
    private static final Set<String> ELEMENTS = Set.of("resourceType", "id", "meta", "implicitRules", "language",
            "text", "contained", "extension", "modifierExtension", "identifier", "basedOn", "partOf", "questionnaire",
            "status", "subject", "encounter", "authored", "author", "source", "item");
    private static final Set<String> ITEM_ELEMENTS = Set.of("id", "extension", "modifierExtension", "linkId",
            "definition", "text", "answer", "item");
    private static final Set<String> ANSWER_ELEMENTS = Set.of("id", "extension", "modifierExtension");
    private static final Pattern ANSWER_FIELD = Pattern.compile("answers\\.([a-z][a-z0-9_]*)(?:\\[(\\d+)])?(.*)");

    private FhirResponse() {
    }

    /**
     * The JSON API body these answers make.
     *
     * @throws ApiError 400 {@code invalid_body} naming every problem with the resource
     */
    public static ObjectNode body(JsonNode resource, Questionnaire questionnaire) {
        if (resource == null || !resource.isObject()) {
            throw ApiError.badRequest("invalid_body", "", "the body must be a FHIR QuestionnaireResponse (a JSON "
                    + "object with \"resourceType\": \"QuestionnaireResponse\")");
        }
        if (!"QuestionnaireResponse".equals(resource.path("resourceType").asText(null))) {
            throw ApiError.badRequest("invalid_body", "resourceType", "expected \"QuestionnaireResponse\"; "
                    + "GET /v1/questionnaire?format=fhir is the Questionnaire it answers");
        }
        List<FieldProblem> problems = new ArrayList<>();
        resource.fieldNames().forEachRemaining(name -> {
            if (!ELEMENTS.contains(name)) {
                problems.add(new FieldProblem(name, "not an element of a QuestionnaireResponse"));
            }
        });
        Set<String> asked = null;
        JsonNode canonical = resource.get("questionnaire");
        if (canonical != null) {
            String url = canonical.isTextual() ? canonical.asText().replaceFirst("\\|.*", "") : "";
            Form form = questionnaire.forms().values().stream().filter(f -> FhirQuestionnaire.url(f).equals(url))
                    .findFirst().orElse(null);
            if (form != null) {
                asked = Set.copyOf(form.questions());
            } else if (!url.equals(FhirQuestionnaire.URL)) {
                List<String> urls = new ArrayList<>(List.of(FhirQuestionnaire.URL));
                questionnaire.forms().values().forEach(f -> urls.add(FhirQuestionnaire.url(f)));
                problems.add(new FieldProblem("questionnaire", "this server takes responses to " + String.join(
                        " or ", urls) + " (optionally |version) only"));
            }
        }
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        JsonNode items = resource.get("item");
        if (items != null) {
            new Walk(questionnaire, asked, answers, problems).items(items, null, "item");
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, "invalid_body", "the QuestionnaireResponse does not fit the questionnaire; "
                    + "see errors", problems);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("answers", answers);
        JsonNode language = resource.get("language");
        if (language != null) {
            body.set("locale", language);
        }
        JsonNode subject = resource.get("subject");
        if (subject != null) {
            // The app's pseudonym of the person, as in the JSON body's subject: it links the history.
            JsonNode value = subject.path("identifier").path("value");
            if (!value.isTextual()) {
                throw ApiError.badRequest("invalid_body", "subject", "give the person's pseudonym as "
                        + "subject.identifier.value (the JSON body's subject); a reference is not kept");
            }
            body.set("subject", value);
        }
        return body;
    }

    /**
     * Problems of the JSON API renamed for a FHIR caller: {@code answers.x} is {@code item[linkId=x]},
     * {@code answers.x[1]} is {@code item[linkId=x].answer[1]}, {@code locale} is {@code language}.
     */
    public static List<FieldProblem> named(List<FieldProblem> problems) {
        List<FieldProblem> renamed = new ArrayList<>();
        for (FieldProblem problem : problems) {
            renamed.add(new FieldProblem(name(problem.field()), problem.problem()));
        }
        return renamed;
    }

    private static String name(String field) {
        if (field.equals("locale")) {
            return "language";
        }
        if (field.equals("subject")) {
            return "subject.identifier.value";
        }
        Matcher m = ANSWER_FIELD.matcher(field);
        if (!m.matches()) {
            return field;
        }
        return linkId(m.group(1)) + (m.group(2) == null ? "" : ".answer[" + m.group(2) + "]") + m.group(3);
    }

    private static String linkId(String id) {
        return "item[linkId=" + id + "]";
    }

    /** One pass over the response's items, collecting answers and problems. */
    private static final class Walk {

        private final Questionnaire questionnaire;
        /** The questions of the form the response answers; null for the whole questionnaire. */
        private final Set<String> asked;
        private final ObjectNode answers;
        private final List<FieldProblem> problems;
        private final Set<String> seen = new HashSet<>();

        Walk(Questionnaire questionnaire, Set<String> asked, ObjectNode answers, List<FieldProblem> problems) {
            this.questionnaire = questionnaire;
            this.asked = asked;
            this.answers = answers;
            this.problems = problems;
        }

        /** The items of the response ({@code section} null) or of one section's group. */
        void items(JsonNode items, String section, String where) {
            if (!items.isArray()) {
                problems.add(new FieldProblem(where, "must be an array of items"));
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                item(items.get(i), section, where + "[" + i + "]");
            }
        }

        private void item(JsonNode item, String section, String where) {
            if (!item.isObject() || !item.path("linkId").isTextual()) {
                problems.add(new FieldProblem(where, "an item must be an object with a linkId"));
                return;
            }
            String linkId = item.get("linkId").asText();
            String field = linkId(linkId);
            item.fieldNames().forEachRemaining(name -> {
                if (!ITEM_ELEMENTS.contains(name)) {
                    problems.add(new FieldProblem(field + "." + name, "not an element of a QuestionnaireResponse item"));
                }
            });
            if (!seen.add(linkId)) {
                problems.add(new FieldProblem(field, "given more than once; answer each item once (a multi-choice "
                        + "question takes one answer per option picked)"));
                return;
            }
            Question question = questionnaire.question(linkId);
            String group = linkId.startsWith(FhirQuestionnaire.GROUP_PREFIX)
                    ? linkId.substring(FhirQuestionnaire.GROUP_PREFIX.length()) : null;
            if (question == null && group != null && questionnaire.hasSection(group)) {
                if (section != null) {
                    problems.add(new FieldProblem(field, "groups are not nested; put it at the top level"));
                } else if (item.has("answer")) {
                    problems.add(new FieldProblem(field + ".answer", "a group has no answer; answer its items"));
                } else if (item.has("item")) {
                    items(item.get("item"), group, field + ".item");
                }
                return;
            }
            if (question == null) {
                if (isDisplay(linkId)) {
                    if (item.has("answer")) {
                        problems.add(new FieldProblem(field + ".answer", "a display item has no answer"));
                    }
                    return;
                }
                problems.add(new FieldProblem(field, "unknown linkId: the questionnaire has no item '" + linkId
                        + "' (GET /v1/questionnaire?format=fhir lists them)"));
                return;
            }
            if (asked != null && !asked.contains(linkId)) {
                problems.add(new FieldProblem(field, "not an item of the form this response answers; answer it in a "
                        + "response to " + FhirQuestionnaire.URL + ", or leave it out"));
                return;
            }
            if (!question.section().equals(section)) {
                problems.add(new FieldProblem(field, "belongs in the group " + FhirQuestionnaire.groupLinkId(
                        question.section()) + ", as in the questionnaire"));
                return;
            }
            if (item.has("item")) {
                problems.add(new FieldProblem(field + ".item", "a question's answers go in answer; it has no items"));
            }
            JsonNode given = item.get("answer");
            if (given == null) {
                return;
            }
            if (!given.isArray()) {
                problems.add(new FieldProblem(field + ".answer", "must be an array of answers"));
                return;
            }
            answer(question, given, field);
        }

        private boolean isDisplay(String linkId) {
            if (linkId.endsWith(FhirQuestionnaire.HELP_SUFFIX)) {
                return questionnaire.question(linkId.substring(0, linkId.length()
                        - FhirQuestionnaire.HELP_SUFFIX.length())) != null;
            }
            if (linkId.startsWith(FhirQuestionnaire.GROUP_PREFIX) && linkId.endsWith(FhirQuestionnaire.DESCRIPTION_SUFFIX)) {
                return questionnaire.hasSection(linkId.substring(FhirQuestionnaire.GROUP_PREFIX.length(),
                        linkId.length() - FhirQuestionnaire.DESCRIPTION_SUFFIX.length()));
            }
            return false;
        }

        private void answer(Question question, JsonNode given, String field) {
            if (given.isEmpty()) {
                return; // no answer: unanswered
            }
            boolean repeats = question.type() == QuestionType.MULTI_CHOICE;
            if (!repeats && given.size() > 1) {
                problems.add(new FieldProblem(field + ".answer", "this question takes one answer, got "
                        + given.size()));
                return;
            }
            String expected = valueKey(question.type());
            ArrayNode picked = JsonNodeFactory.instance.arrayNode();
            JsonNode single = null;
            boolean ok = true;
            for (int i = 0; i < given.size(); i++) {
                String where = field + ".answer[" + i + "]";
                JsonNode value = value(given.get(i), expected, question, where);
                if (value == null) {
                    ok = false;
                } else if (repeats) {
                    picked.add(value);
                } else {
                    single = value;
                }
            }
            if (ok) {
                answers.set(question.id(), repeats ? picked : single);
            }
        }

        /** The JSON API's value of one answer, or null with a problem added. */
        private JsonNode value(JsonNode answer, String expected, Question question, String where) {
            if (!answer.isObject()) {
                problems.add(new FieldProblem(where, "an answer must be an object with " + expected));
                return null;
            }
            List<String> others = new ArrayList<>();
            answer.fieldNames().forEachRemaining(name -> {
                if (!name.equals(expected) && !ANSWER_ELEMENTS.contains(name)) {
                    others.add(name);
                }
            });
            if (!others.isEmpty()) {
                problems.add(new FieldProblem(where + "." + others.get(0), (others.get(0).startsWith("value")
                        ? "wrong value type" : "not an element of an answer") + "; this question (FHIR type "
                        + FhirQuestionnaire.itemType(question.type()) + ") is answered with " + expected));
                return null;
            }
            JsonNode value = answer.get(expected);
            if (value == null) {
                problems.add(new FieldProblem(where, "missing " + expected));
                return null;
            }
            return switch (question.type()) {
                case YES_NO -> value.isBoolean() ? value : wrong(where, expected, "true or false");
                case NUMBER -> value.isNumber() ? value : wrong(where, expected, "a number");
                case CHOICE, FREQUENCY, MULTI_CHOICE -> code(value, where + "." + expected);
            };
        }

        private JsonNode code(JsonNode coding, String where) {
            if (!coding.isObject() || !coding.path("code").isTextual()) {
                return wrong(where, "", "a Coding with a code");
            }
            JsonNode system = coding.get("system");
            if (system != null && !FhirQuestionnaire.CODE_SYSTEM.equals(system.asText(null))) {
                problems.add(new FieldProblem(where + ".system", "option codes are of the system "
                        + FhirQuestionnaire.CODE_SYSTEM));
                return null;
            }
            return coding.get("code");
        }

        private JsonNode wrong(String where, String key, String expected) {
            problems.add(new FieldProblem(key.isEmpty() ? where : where + "." + key, "expected " + expected));
            return null;
        }
    }

    private static String valueKey(QuestionType type) {
        return switch (type) {
            case YES_NO -> "valueBoolean";
            case CHOICE, FREQUENCY, MULTI_CHOICE -> "valueCoding";
            case NUMBER -> "valueDecimal";
        };
    }
}
