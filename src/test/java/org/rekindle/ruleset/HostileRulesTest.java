package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.testing.HostileRules;
import org.rekindle.testing.HostileRules.Attack;

/**
 * Every hostile rule file is refused by the compiler every channel shares, at its line, before any of
 * it runs; and the second line of defence (the class loader of generated consequences) refuses what
 * the allow-list would have let through had it failed.
 */
class HostileRulesTest {

    static List<Attack> attacks() {
        return java.util.stream.Stream.concat(HostileRules.all().stream(), HostileRules.oversized().stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedAtItsLine(Attack attack) {
        RuleCompiler.Result result = RuleCompiler.compile(List.of(new BundleFile(HostileRules.FILE,
                attack.drl().getBytes(StandardCharsets.UTF_8))));
        assertThat(result.kieBase()).as("nothing refused may compile").isNull();
        assertThat(result.problems()).as(attack.name()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(HostileRules.FILE);
            if (attack.line() > 0) {
                assertThat(problem.line()).isEqualTo(attack.line());
            }
            assertThat(problem.message()).contains(attack.fragment());
        });
        assertThat(Files.exists(Path.of(HostileRules.MARKER))).isFalse();
    }

    @Test
    void wordsInReasonsAndCommentsAreNotCode() {
        String drl = """
                package policy;

                import org.rekindle.model.Answers;
                import org.rekindle.model.Show;

                // System.exit(0) in a comment is only a comment; so is /* new java.io.File("x") */
                rule "Mention the system in words"
                    @id("policy.words")
                    @source("Family Systems Theory, 2024")
                    @reason("The System of the two of you matters more than any Thread of argument.")
                when
                    Answers( yes("q") )  /* getClass() */
                then
                    insert(new Show("card"));
                end
                // Runtime.getRuntime() would be rejected as code
                """;
        List<Problem> problems = RuleCompiler.compile(List.of(new BundleFile("rules/policy.drl",
                drl.getBytes(StandardCharsets.UTF_8)))).problems();
        assertThat(problems).isEmpty();
    }

    @Test
    void aGuardedRuleThatInsertsWhatItTestsForIsNotACycle() {
        String drl = """
                package guard;
                import org.rekindle.model.Answers;
                import org.rekindle.model.Finding;
                rule "Once" @id("guard.once") @source("s") @reason("r")
                when Answers( yes("q") ) not Finding( name == "once" )
                then insert(new Finding("once")); end
                rule "Twice" @id("guard.twice") @source("s") @reason("r")
                when Answers( yes("q") ) not Finding( name == "once" )
                then insert(new Finding("once")); end
                """;
        assertThat(RuleCompiler.compile(List.of(new BundleFile("rules/guard.drl",
                drl.getBytes(StandardCharsets.UTF_8)))).problems()).isEmpty();
    }

    @Test
    void theConsequenceClassLoaderRefusesWhatTheAllowListWouldHaveRefused() {
        // Bypass the allow-list on purpose and compile straight through Drools with the rules' class
        // loader: a consequence naming java.io.File must not compile.
        String drl = """
                package bypass;
                import org.rekindle.model.Answers;
                rule "Bypass" when Answers() then new java.io.File("x").delete(); end
                """;
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(RuleClassLoader.configuration());
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                .setSourcePath("rules/bypass.drl"), ResourceType.DRL);
        assertThat(builder.hasErrors()).as("java.io.File must be out of reach of rule code").isTrue();

        KnowledgeBuilder plain = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(new Properties(),
                        HostileRulesTest.class.getClassLoader()));
        plain.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                .setSourcePath("rules/bypass.drl"), ResourceType.DRL);
        assertThat(plain.hasErrors()).as("the same rule compiles without the loader: the check above means "
                + "something").isFalse();
    }

    @Test
    void theLoaderAllowsTheModelAndPlainValuesOnly() {
        assertThat(RuleClassLoader.allows("org.rekindle.model.Show")).isTrue();
        assertThat(RuleClassLoader.allows("java.lang.String")).isTrue();
        assertThat(RuleClassLoader.allows("java.util.List")).isTrue();
        for (String refused : List.of("java.lang.Runtime", "java.lang.System", "java.lang.ProcessBuilder",
                "java.lang.Thread", "java.lang.ClassLoader", "java.lang.reflect.Method", "java.lang.invoke.MethodHandles",
                "java.io.File", "java.nio.file.Files", "java.net.Socket", "java.util.concurrent.Executors",
                "org.rekindle.api.RekindleApp", "javax.script.ScriptEngineManager", "sun.misc.Unsafe")) {
            assertThat(RuleClassLoader.allows(refused)).as(refused).isFalse();
        }
    }
}
