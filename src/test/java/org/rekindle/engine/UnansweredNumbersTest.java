package org.rekindle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.bundle.Bundle;
import org.rekindle.model.Card;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;

/**
 * An unanswered number question must never satisfy a comparison, before and after Drools
 * JIT-compiles the constraint (it does so after about 20 evaluations; a NaN used to flip then).
 */
class UnansweredNumbersTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/numbers");

    @Test
    void unansweredNumbersNeverMatchAComparisonEvenAfterJitCompilation() {
        RulesetLoader.Result loaded = RulesetLoader.load(
                Bundle.read(FIXTURE.resolve("rules"), FIXTURE.resolve("content")));
        assertThat(loaded.problems()).isEmpty();
        Ruleset ruleset = loaded.ruleset();
        for (int i = 0; i < 200; i++) {
            int months = 10 + i % 30;
            List<String> answered = cards(ruleset, Map.of("relationship_months", months));
            assertThat(answered).contains("above_zero");
            assertThat(answered.contains("at_most_24")).isEqualTo(months <= 24);
            assertThat(cards(ruleset, Map.of())).as("evaluation %d with nothing answered", i)
                    .containsExactly("not_24");
        }
    }

    private static List<String> cards(Ruleset ruleset, Map<String, Object> raw) {
        return Engine.evaluate(ruleset, ruleset.content().questionnaire().read(raw)).plan().cards().stream()
                .map(Card::id).toList();
    }
}
