package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;

import org.rekindle.bundle.Bundle;
import org.rekindle.engine.Decision;
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.model.Answers;
import org.rekindle.model.Finding;
import org.rekindle.model.Show;
import org.rekindle.testing.Checkout;

/**
 * A consequence runs as the statements the policy checked: findings go into the session, where other rules
 * match them; cards and withheld tags are recorded by the engine from the catalogue and never enter it.
 */
class CheckedConsequenceTest {

    /** One rule that inserts a finding between two cards, one that builds on the finding. */
    private static final String RULES = """

            rule "Probe mixed inserts"
                @id("next_move.probe_mixed")
                @source("Rekindle tests")
                @reason("You talk {talk_minutes_per_day} minutes a day.")
            when
                Answers( number("talk_minutes_per_day") == 13 )
            then
                insert(new Show("prevention_check_ins"));
                insert(new Finding("probe_finding"));
                insert(new Show("prevention_boundaries"));
            end

            rule "Probe building on the finding"
                @id("next_move.probe_after")
                @source("Rekindle tests")
                @reason("The probe drew its finding.")
            when
                Finding( name == "probe_finding" )
            then
                insert(new Show("prevention_ask_for_help"));
            end
            """;

    @TempDir
    Path dir;

    @Test
    void findingsEnterTheSessionAndCardsAreRecordedFromTheCatalogueInStatementOrder() throws IOException {
        Ruleset ruleset = probeRuleset();
        RuleInfo mixed = ruleset.rules().stream().filter(r -> r.id().equals("next_move.probe_mixed")).findFirst()
                .orElseThrow();
        assertThat(mixed.inserts()).extracting(RuleInfo.Insert::fact)
                .containsExactly("Show(prevention_check_ins)", "Finding(probe_finding)", "Show(prevention_boundaries)");

        Answers answers = ruleset.content().questionnaire().read(Map.of("talk_minutes_per_day", 13));
        KieSession session = ruleset.kieBase().newKieSession();
        List<Object> facts;
        try {
            session.insert(answers);
            session.fireAllRules();
            facts = List.copyOf(session.getObjects());
        } finally {
            session.dispose();
        }
        assertThat(facts).anySatisfy(fact -> assertThat(fact).isInstanceOf(Finding.class)
                .hasToString("Finding(probe_finding)"));
        assertThat(facts).as("no rule can match a card: it never enters the session")
                .noneSatisfy(fact -> assertThat(fact).isInstanceOf(Show.class));

        Decision decision = Engine.evaluate(ruleset, answers);
        Firing probe = firing(decision, "next_move.probe_mixed");
        Firing after = firing(decision, "next_move.probe_after");
        assertThat(probe.inserted())
                .containsExactly("Show(prevention_check_ins)", "Finding(probe_finding)", "Show(prevention_boundaries)");
        assertThat(after.dependsOn()).containsExactly(probe.seq());
        assertThat(decision.plan().cards()).filteredOn(card -> card.id().equals("prevention_ask_for_help"))
                .singleElement().satisfies(card -> assertThat(card.because()).extracting(b -> b.ruleId())
                        .contains("next_move.probe_after"));
        assertThat(decision.plan().cards()).filteredOn(card -> card.id().equals("prevention_boundaries"))
                .singleElement().satisfies(card -> assertThat(card.because()).extracting(b -> b.seq())
                        .contains(probe.seq()));
    }

    private Ruleset probeRuleset() throws IOException {
        Checkout.copyTo(dir);
        Files.writeString(dir.resolve("rules/next_move.drl"), RULES, StandardOpenOption.APPEND);
        RulesetLoader.Result loaded = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(loaded.problems()).isEmpty();
        return loaded.ruleset();
    }

    private static Firing firing(Decision decision, String ruleId) {
        return decision.trace().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }
}
