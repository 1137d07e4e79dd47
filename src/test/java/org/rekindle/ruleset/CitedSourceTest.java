package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.content.Library;
import org.rekindle.testing.Checkout;

/**
 * The source a rule cites: its own {@code @source} where it has one, else the one source of the cards it
 * shows, so that a rule says its source only where it differs from its card's.
 */
class CitedSourceTest {

    @TempDir
    Path dir;

    @Test
    void aRuleWithoutSourceCitesItsCardsSourceAndAnExplicitOneWins() {
        Ruleset ruleset = Checkout.ruleset();
        Library library = ruleset.content().library();
        // Written without @source: the card's source, in a .drl and in a decision table.
        assertThat(rule(ruleset, "signs.daily_details").source())
                .isEqualTo(library.item("sign_daily_details").source().label()).isEqualTo("The Gottman Institute, 2024");
        assertThat(rule(ruleset, "myths.vulnerability_hidden_feelings").source())
                .isEqualTo(library.item("myth_vulnerability_power").source().label());
        // Written with a source other than the card's: its own.
        assertThat(rule(ruleset, "self_assessment.verdict").source())
                .isEqualTo("Self-assessment in the article: more than three yes answers")
                .isNotEqualTo(library.item("self_assessment_verdict").source().label());
        assertThat(ruleset.rules()).allSatisfy(rule -> assertThat(rule.source()).as(rule.id()).isNotBlank());
    }

    @Test
    void aRuleWithNoCardOrCardsOfDifferentSourcesMustSayItsOwn() {
        Checkout.copyTo(dir);
        Checkout.edit(dir.resolve("rules/signs.drl"), "    @source(\"The Gottman Institute, 2024\")\n"
                + "    @reason(\"{$signs} of the ten", "    @reason(\"{$signs} of the ten");
        Checkout.edit(dir.resolve("rules/plan.drl"), "    @id(\"plan.solo_cards\")\n"
                + "    @source(\"Rekindle coaching team, after the article\")\n", "    @id(\"plan.solo_cards\")\n");
        RulesetLoader.Result result = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(result.ok()).isFalse();
        List<Problem> problems = result.problems();
        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("rules/signs.drl");
            assertThat(p.line()).isPositive();
            assertThat(p.message()).isEqualTo("rule \"Conclude you may be drifting apart when three or more signs are "
                    + "frequent\" has no @source(\"...\"), and it shows no card whose source it could cite; give it "
                    + "@source(\"...\") naming what it draws on");
        }).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("rules/plan.drl");
            assertThat(p.message()).contains("has no @source(\"...\"), and the cards it shows cite different sources (")
                    .contains("WithOurs, 2024");
        });
    }

    private static RuleInfo rule(Ruleset ruleset, String id) {
        return ruleset.rules().stream().filter(rule -> rule.id().equals(id)).findFirst().orElseThrow();
    }
}
