package org.rekindle.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.model.Answers;
import org.rekindle.testing.Checkout;

/**
 * The checks on what ties questions together ({@code enableWhen}, {@code exclusive}), on copies of the
 * checkout's content edited as a coach would, and the questionnaire's own conditions and contradictions.
 */
class QuestionnaireCheckTest {

    @TempDir
    Path dir;

    private static final String WHO_NOTICED = "enableWhen: {question: months_since_noticed, atLeast: 1}";

    @Test
    void theCheckoutsQuestionnaireHasNoProblem() {
        assertThat(ContentLoader.load(Checkout.bundle()).problems()).isEmpty();
    }

    @Test
    void aConditionOnAnUnknownQuestionIsRefusedAtItsLine() {
        List<Problem> problems = edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: months_since_notice, atLeast: 1}");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("content/questionnaire/context.yaml");
            assertThat(p.line()).isEqualTo(lineOf("questionnaire/context.yaml", "enableWhen: {question: months_since_notice,"));
            assertThat(p.message()).isEqualTo("question 'who_noticed_first' is asked when 'months_since_notice' is at "
                    + "least 1, but the questionnaire has no question 'months_since_notice'; name one of its question ids");
        });
    }

    @Test
    void aConditionOnAnUnknownOptionNamesTheOptions() {
        List<Problem> problems = edited("questionnaire/attachment.yaml",
                "enableWhen: {question: att_my_reaction, answered: true}",
                "enableWhen: {question: att_my_reaction, is: shout}");
        assertThat(problems).extracting(Problem::message).containsExactly("question 'att_partner_reaction' is asked "
                + "when 'att_my_reaction' is 'shout', but 'att_my_reaction' has no option 'shout'; its options are "
                + "push, pull, neither");
    }

    @Test
    void aTestThatDoesNotFitTheQuestionsTypeIsRefused() {
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: months_since_noticed, is: \"yes\"}")))
                .containsExactly("question 'who_noticed_first' is asked when 'months_since_noticed' is 'yes', but "
                        + "'months_since_noticed' is a number question: compare it with atLeast or atMost");
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: therapy_status, atLeast: never}")))
                .singleElement().asString().contains("atLeast compares frequencies and numbers, and 'therapy_status' "
                        + "is a choice question: use is or not with one of its options");
    }

    @Test
    void aConditionNoAnswerCanMeetMakesTheQuestionUnreachable() {
        // months_since_noticed accepts 0 to 1200.
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: months_since_noticed, atLeast: 2000}")))
                .containsExactly("question 'who_noticed_first' can never be asked: no answers meet its enableWhen "
                        + "('months_since_noticed' is at least 2000); change the condition so that some answer "
                        + "meets it, or remove it");
        // Both at once: a yes/no question cannot be answered yes and no.
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {all: [{question: children, is: \"yes\"}, {question: children, is: \"no\"}]}")))
                .singleElement().asString().startsWith("question 'who_noticed_first' can never be asked");
        // An exclusive option cannot be picked with another.
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {all: [{question: rp_affected, is: none}, {question: rp_affected, is: work}]}")))
                .singleElement().asString().startsWith("question 'who_noticed_first' can never be asked");
    }

    @Test
    void aQuestionWaitingForAnUnreachableOneIsUnreachableAndSaysWhy() {
        Path copy = copy();
        Checkout.edit(copy.resolve("content/questionnaire/context.yaml"), WHO_NOTICED,
                "enableWhen: {question: months_since_noticed, atMost: -1}");
        Checkout.edit(copy.resolve("content/questionnaire/context.yaml"), "  - id: children\n    type: yes_no\n",
                "  - id: children\n    type: yes_no\n    enableWhen: {question: who_noticed_first, answered: true}\n");
        assertThat(messages(load(copy))).containsExactly(
                "question 'who_noticed_first' can never be asked: no answers meet its enableWhen "
                        + "('months_since_noticed' is at most -1); change the condition so that some answer meets "
                        + "it, or remove it",
                "question 'children' can never be asked: no answers meet its enableWhen ('who_noticed_first' is "
                        + "answered), since 'who_noticed_first' is never asked itself; change the condition so that "
                        + "some answer meets it, or remove it");
    }

    @Test
    void aCircleOfQuestionsWaitingForEachOtherIsRefused() {
        Path copy = copy();
        Checkout.edit(copy.resolve("content/questionnaire/context.yaml"), WHO_NOTICED,
                "enableWhen: {question: children, is: \"yes\"}");
        Checkout.edit(copy.resolve("content/questionnaire/context.yaml"), "  - id: children\n    type: yes_no\n",
                "  - id: children\n    type: yes_no\n    enableWhen: {question: who_noticed_first, is: me}\n");
        assertThat(messages(load(copy))).containsExactly("questions 'who_noticed_first' → 'children' → "
                + "'who_noticed_first' each wait for the next one's answer, so none of them can ever be asked; let "
                + "one of them depend on a question outside this circle");
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: who_noticed_first, answered: true}")))
                .singleElement().asString().contains("a question cannot wait for its own answer");
    }

    @Test
    void aSharedQuestionMayNotDependOnAPrivateOne() {
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: safety_afraid, is: \"no\"}")))
                .singleElement().asString().contains("'safety_afraid' is private and 'who_noticed_first' is not");
    }

    @Test
    void anExclusiveValueMustBeAnOptionOfAMultiChoiceQuestion() {
        assertThat(messages(edited("questionnaire/mistakes.yaml", "exclusive: [none]", "exclusive: [nothing]")))
                .containsExactly("question 'mistakes_tried' lists 'nothing' as exclusive, and it is not one of its "
                        + "options (rushing_forgiveness, score_keeping, instant_results, ultimatums, avoiding_help, "
                        + "none); list an option value, such as none");
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED, "exclusive: [me]")))
                .containsExactly("question 'who_noticed_first' lists exclusive options, but only a multi_choice "
                        + "question has options to combine; remove exclusive");
    }

    @Test
    void aMisspelledFieldOrAMalformedConditionIsRefused() {
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enablewhen: {question: months_since_noticed, atLeast: 1}")))
                .singleElement().asString().startsWith("question 'who_noticed_first' has unknown field 'enablewhen'");
        assertThat(messages(edited("questionnaire/context.yaml", WHO_NOTICED,
                "enableWhen: {question: months_since_noticed, over: 1}")))
                .containsExactly("question 'who_noticed_first': the enableWhen condition on 'months_since_noticed' "
                        + "has an unknown test 'over'; give it exactly one of is, not, atLeast, atMost, answered");
        assertThat(messages(edited("questionnaire/context.yaml", "    required: true\n", "    required: sure\n")))
                .containsExactly("question 'therapy_status' has required: sure; write required: true or "
                        + "required: false");
    }

    @Test
    void whoNoticedFirstIsAskedOnceTheDistanceIsNoticed() {
        Questionnaire questionnaire = Checkout.ruleset().content().questionnaire();
        assertThat(questionnaire.asked(answers(questionnaire, Map.of()))).doesNotContain("who_noticed_first",
                "att_partner_reaction", "st_considering_ending");
        assertThat(questionnaire.asked(answers(questionnaire, Map.of("months_since_noticed", 0))))
                .doesNotContain("who_noticed_first");
        assertThat(questionnaire.asked(answers(questionnaire, Map.of("months_since_noticed", 4,
                "att_my_reaction", "neither", "sa_fantasize_alone", "yes"))))
                .contains("who_noticed_first", "att_partner_reaction", "st_considering_ending");
        assertThat(questionnaire.asked(answers(questionnaire, Map.of(
                "sa_fantasize_alone", "no", "st_recent_crisis", "yes")))).contains("st_considering_ending");
    }

    private static Answers answers(Questionnaire questionnaire, Map<String, ?> raw) {
        return questionnaire.read(raw);
    }

    private int copies;
    private Path last;

    /** A fresh copy of the checkout's rules and content. */
    private Path copy() {
        last = dir.resolve("copy" + copies++);
        Checkout.copyTo(last);
        return last;
    }

    /** The problems of the checkout's content with one edit in {@code file} (under content/). */
    private List<Problem> edited(String file, String from, String to) {
        Path copy = copy();
        Checkout.edit(copy.resolve("content").resolve(file), from, to);
        return load(copy);
    }

    private static List<Problem> load(Path copy) {
        return ContentLoader.load(Bundle.read(copy.resolve("rules"), copy.resolve("content"))).problems();
    }

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::message).toList();
    }

    private int lineOf(String file, String text) {
        return ContentLoader.lineOf(readCopy(file), text);
    }

    private String readCopy(String file) {
        try {
            return Files.readString(last.resolve("content").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
