package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Rule files may read the fact model and work with plain values, nothing else; each violation is
 * reported with the file and line, and words inside reasons and comments are not code.
 */
class RulePolicyTest {

    private static final String FILE = "rules/policy.drl";

    @Test
    void importingAnythingButTheFactModelIsRejected() {
        List<Problem> problems = compile("""
                package policy;

                import org.rekindle.model.Answers;
                import java.io.File;
                """ + SHOW_RULE);
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(FILE);
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.message()).contains("import of 'java.io.File' is not allowed");
        });
    }

    @Test
    void callingSystemExitIsRejectedAtItsLine() {
        assertRejected(withConsequence("System.exit(0);"), 11, "'System'");
        assertRejected(withConsequence("System.exit(0);"), 11, "'exit'");
    }

    @Test
    void openingASocketIsRejectedAtItsLine() {
        assertRejected(withConsequence("new java.net.Socket(\"example.org\", 80);"), 11, "'new java.net.Socket'");
    }

    @Test
    void startingAThreadIsRejectedAtItsLine() {
        assertRejected(withConsequence("Thread.sleep(1000);"), 11, "'Thread'");
    }

    @Test
    void reflectionIsRejectedAtItsLine() {
        assertRejected(withCondition("Answers( getClass() != null )"), 9, "'getClass'");
    }

    @Test
    void globalsAreRejected() {
        assertRejected("package policy;\nimport org.rekindle.model.Answers;\nglobal java.util.List out;\n"
                + SHOW_RULE, 3, "globals are not allowed");
    }

    @Test
    void systemInAReasonOrACommentIsNotCode() {
        List<Problem> problems = compile("""
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
                    insert(new Show("card"));  // Runtime.getRuntime() would be rejected as code
                end
                """);
        assertThat(problems).isEmpty();
    }

    private static final String SHOW_RULE = """

            rule "Show the card"
                @id("policy.show")
                @source("s")
                @reason("r")
            when
                Answers( yes("q") )
            then
                insert(new Show("card"));
            end
            """;

    /** A valid file whose single rule's consequence (on line 11) is {@code consequence}. */
    private static String withConsequence(String consequence) {
        return HEADER + """
                rule "Do something"
                    @id("policy.something")
                    @source("s")
                    @reason("r")
                when
                    Answers( yes("q") )
                then
                    %s
                end
                """.formatted(consequence);
    }

    /** A valid file whose single rule's condition (on line 9) is {@code condition}. */
    private static String withCondition(String condition) {
        return HEADER + """
                rule "Look at something"
                    @id("policy.look")
                    @source("s")
                    @reason("r")
                when
                    %s
                then
                    insert(new Show("card"));
                end
                """.formatted(condition);
    }

    private static final String HEADER = """
            package policy;
            import org.rekindle.model.Answers;
            import org.rekindle.model.Show;
            """;

    private static void assertRejected(String drl, int line, String fragment) {
        assertThat(compile(drl)).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(FILE);
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.message()).startsWith("rule policy:").contains(fragment);
        });
    }

    /** Problems of compiling one DRL file (policy and compiler; content is not involved here). */
    private static List<Problem> compile(String drl) {
        return RuleCompiler.compile(List.of(new BundleFile(FILE, drl.getBytes(StandardCharsets.UTF_8)))).problems();
    }
}
