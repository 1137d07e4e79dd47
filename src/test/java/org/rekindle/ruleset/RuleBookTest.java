package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.rekindle.bundle.Bundle;
import org.rekindle.testing.Checkout;

/**
 * What a version's rules say of themselves, read without compiling them, is what the compiled ruleset
 * says: a stored decision reads back the same whichever of the two it is read with.
 */
class RuleBookTest {

    private static final Path TABLES = Path.of("src/test/resources/fixtures/tables");

    @Test
    void theRulesReadWithoutCompilingAreThoseOfTheCompiledRuleset() {
        for (Bundle bundle : List.of(Checkout.bundle(), Bundle.read(TABLES.resolve("rules"),
                TABLES.resolve("content")))) {
            RulesetLoader.Result compiled = RulesetLoader.load(bundle);
            assertThat(compiled.problems()).isEmpty();
            RulesetLoader.Rules read = RulesetLoader.rules(bundle);
            assertThat(read.problems()).isEmpty();
            assertThat(read.book().version()).isEqualTo(bundle.version());
            assertThat(compiled.ruleset().rules()).isNotEmpty();
            for (RuleInfo rule : compiled.ruleset().rules()) {
                RuleInfo same = read.book().rule(rule.id());
                assertThat(same).as(rule.id()).isNotNull();
                assertThat(List.of(same.name(), same.file(), same.line(), same.questions(), same.facts()))
                        .as(rule.id()).isEqualTo(List.of(rule.name(), rule.file(), rule.line(), rule.questions(),
                                rule.facts()));
                assertThat(compiled.ruleset().ruleBook().rule(rule.id())).isSameAs(rule);
            }
            assertThat(read.book().rule("no.such_rule")).isNull();
        }
    }

    @Test
    void filesThatTheCompilerWouldRefuseGiveNoBookButTheirProblems() {
        // A rule without its @id: refused by the checks every ruleset passes before it can go live.
        RulesetLoader.Rules read = RulesetLoader.rules(Checkout.withRuleEdited(Checkout.bundle(), "signs.drl",
                "@id\\(\"[^\"]*\"\\)", ""));
        assertThat(read.ok()).isFalse();
        assertThat(read.problems()).isNotEmpty().anySatisfy(problem -> assertThat(problem.toString())
                .contains("rules/signs.drl").contains("@id"));
    }
}
