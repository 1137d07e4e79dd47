package org.rekindle.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.rekindle.testing.Checkout;

/**
 * The brief's inventory of the article, counted in the content library and questionnaire: nothing
 * of the article may silently disappear from content/.
 */
class InventoryTest {

    private final Content content = Checkout.ruleset().content();

    @Test
    void everySectionOfTheArticleIsInTheLibraryWithItsCount() {
        Map<String, Long> kinds = content.library().items().stream()
                .collect(Collectors.groupingBy(GuidanceItem::kind, Collectors.counting()));
        assertThat(kinds).containsEntry("warning_sign", 10L)
                .containsEntry("fade_pattern", 5L)
                .containsEntry("tech_factor", 8L)           // 4 factors, a positive and a negative side each
                .containsEntry("attachment_style", 4L)
                .containsEntry("micro_aggression", 10L)
                .containsEntry("myth", 5L)
                .containsEntry("emotional_task", 4L)
                .containsEntry("love_language", 5L)
                .containsEntry("step", 8L)
                .containsEntry("mistake", 5L)
                .containsEntry("talk_tool", 3L)
                .containsEntry("story", 2L)
                .containsEntry("lesson", 5L)
                .containsEntry("strategy", 6L)
                .containsEntry("do", 4L)
                .containsEntry("dont", 4L)
                .containsEntry("ripple_effect", 5L)
                .containsEntry("prevention_habit", 5L)
                .containsEntry("digital_rule", 5L)
                .containsEntry("next_step", 5L);
    }

    @Test
    void theArticlesStatisticsAreCitedWithTheirSources() {
        String statistics = content.library().items().stream().filter(i -> i.kind().equals("statistic"))
                .map(i -> i.text() + " " + i.source().label()).collect(Collectors.joining("\n"));
        assertThat(statistics).contains("63%", "PassiveSecrets, 2024", "30%", "Pew Research, 2023", "40%",
                "WithOurs, 2024", "70%", "50%", "35%");
    }

    @Test
    void theSelfAssessmentHasTenYesNoQuestions() {
        List<Question> questions = content.questionnaire().questionIdsOf("self_assessment").stream()
                .map(content.questionnaire()::question).toList();
        assertThat(questions).hasSize(10).allSatisfy(q -> assertThat(q.type()).isEqualTo(QuestionType.YES_NO));
    }

    @Test
    void everyItemHasTitleTextAndSource() {
        assertThat(content.library().items()).allSatisfy(item -> {
            assertThat(item.title()).as(item.id()).isNotBlank();
            assertThat(item.text()).as(item.id()).hasSizeGreaterThan(60);
            assertThat(item.source().label()).as(item.id()).isNotBlank();
        });
        Map<String, GuidanceItem> byId = content.library().items().stream()
                .collect(Collectors.toMap(GuidanceItem::id, Function.identity()));
        assertThat(byId).hasSizeGreaterThan(140);
    }
}
