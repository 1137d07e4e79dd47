package org.rekindle.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Rule files an attacker with a coach's token (or write access to {@code rules/}) might try, and
 * honest mistakes that would stall the server: each is {@value #FILE} as a whole, with the line and a
 * fragment of the message it must be refused with. Shared by the tests of every way rules are accepted
 * (the compiler, {@code validate}, preview, a watched file, replay of an archived version).
 *
 * <p>Every payload that would touch the machine aims at {@value #MARKER}: the tests check that it
 * never appears.
 */
public final class HostileRules {

    /** The file every attack is written to, as a coach's bundle path. */
    public static final String FILE = "rules/hostile.drl";
    /** The file a payload would create if it ran. */
    public static final String MARKER = "target/hostile-marker";

    /** One attack: a whole rule file, and where and how it must be refused. */
    public record Attack(String name, String drl, int line, String fragment) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String WRITE = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + MARKER
            + "\"), \"pwned\");";

    private HostileRules() {
    }

    /** Every attack. */
    public static List<Attack> all() {
        List<Attack> attacks = new ArrayList<>();
        // Code smuggled past a text scan.
        attacks.add(rhs("a Unicode escape in a comment", "// \\u000a " + WRITE + "\n    insert(new Show(\"x\"));",
                13, "backslash"));
        attacks.add(rhs("a Unicode escape in a string", "insert(new Show(\"x\\u0022\"));", 13, "backslash"));
        attacks.add(file("code after an import", TEMPLATE.replace("import org.rekindle.model.Answers;",
                "import org.rekindle.model.Answers; function void f() { " + WRITE + " }"), 2, "functions are not allowed"));
        attacks.add(file("a global after an import", TEMPLATE.replace("import org.rekindle.model.Answers;",
                "import org.rekindle.model.Answers; global java.util.List g;"), 2, "globals are not allowed"));
        attacks.add(file("a rule on an import line", TEMPLATE.replace("import org.rekindle.model.Show;",
                "import org.rekindle.model.Show; rule \"On the import line\" @id(\"hostile.import_line\") @reason(\"r\") "
                        + "when Answers( yes(\"q\") ) then insert(new Show(\"x\")); end"), 4,
                "a package or import line holds only that statement"));
        attacks.add(file("an import on the package line", TEMPLATE.replace("package hostile;",
                "package hostile; import org.rekindle.model.Withhold;"), 1,
                "a package or import line holds only that statement"));
        attacks.add(file("an import of a JDK class", TEMPLATE.replace("import org.rekindle.model.Finding;",
                "import java.io.File;"), 3, "import of 'java.io.File' is not allowed"));
        // Reflection, processes, files, network and threads in a consequence.
        attacks.add(rhs("a class loaded through the fact's class loader", "insert(new Finding(Finding.class"
                + ".getClassLoader().loadClass(\"java.io.FileWriter\").getName()));", 13, "not allowed"));
        attacks.add(rhs("a class name built from pieces", "Finding.class.getClassLoader().loadClass(\"java.lang.\" + "
                + "\"Runtime\");", 13, "'Finding' is not allowed"));
        attacks.add(rhs("another process killed", "ProcessHandle.of(1L).get().destroyForcibly();", 13,
                "'ProcessHandle' is not allowed"));
        attacks.add(rhs("a file read into a finding", "insert(new Finding(new String(Answers.class"
                + ".getProtectionDomain().getCodeSource().getLocation().openStream().readAllBytes())));", 13,
                "not allowed"));
        attacks.add(rhs("a file written", WRITE, 13, "'java' is not allowed"));
        attacks.add(rhs("System.exit", "System.exit(3);", 13, "'System' is not allowed"));
        attacks.add(rhs("a socket", "new java.net.Socket(\"127.0.0.1\", 9);", 13, "'new' is not allowed"));
        attacks.add(rhs("a thread put to sleep", "Thread.sleep(100000);", 13, "'Thread' is not allowed"));
        attacks.add(rhs("a busy loop", "while (true) { }", 13, "'while' is not allowed"));
        attacks.add(rhs("a wait on an interned string", "synchronized (\"x\") { \"x\".wait(3000); }", 13,
                "'synchronized' is not allowed"));
        attacks.add(rhs("an anonymous class", "insert(new Show(\"x\") { });", 13, "'{' is not allowed"));
        attacks.add(rhs("a computed id", "insert(new Show(\"a\" + \"b\"));", 13, "'+' is not allowed"));
        attacks.add(rhs("the session halted", "drools.halt();", 13, "'drools' is not allowed"));
        attacks.add(rhs("a fact updated", "update(kcontext);", 13, "'update' is not allowed"));
        attacks.add(rhs("a logical insert", "insertLogical(new Show(\"x\"));", 13, "'insertLogical' is not allowed"));
        attacks.add(rhs("another type inserted", "insert(new java.io.File(\"x\"));", 13, "not allowed"));
        attacks.add(rhs("no consequence at all", "", 6, "inserts nothing"));
        // Functions, declarations and queries.
        attacks.add(file("a recursive function", TEMPLATE.replace("\nrule \"Hostile\"",
                "function int deeper(int n) { return deeper(n + 1); }\nrule \"Hostile\""), 5,
                "functions are not allowed"));
        attacks.add(file("a type declaration", TEMPLATE.replace("\nrule \"Hostile\"",
                "declare Evil name : String end\nrule \"Hostile\""), 5, "declare is not allowed"));
        attacks.add(file("a query", TEMPLATE.replace("\nrule \"Hostile\"",
                "query \"everything\" Answers() end\nrule \"Hostile\""), 5, "queries are not allowed"));
        // Code in conditions, which Drools evaluates through MVEL on the real objects.
        attacks.add(lhs("the runtime reached from a condition",
                "Answers( java.lang.Runtime.getRuntime().availableProcessors() > 0 )", 11, "cannot reach into objects"));
        attacks.add(lhs("getClass in a condition", "Answers( getClass() != null )", 11, "'getClass(...)' is not allowed"));
        attacks.add(lhs("a method chained on a query", "Answers( choice(\"q\").length() > 3 )", 11, "'.' is not allowed"));
        attacks.add(lhs("this", "Answers( this != null )", 11, "'this' is not something"));
        attacks.add(lhs("the previous answers reached through the fact", "Previous( answers() != null )", 11,
                "Previous has no query 'answers'"));
        attacks.add(lhs("the previous assessment's id as a property", "Previous( id == \"x\" )", 11, "'id'"));
        attacks.add(lhs("a couple query asked of the previous answers", "Previous( both(\"q\") )", 11,
                "'both(...)' is not allowed"));
        attacks.add(lhs("eval", "eval( true )", 11, "eval is not allowed"));
        attacks.add(lhs("from", "Finding( name == \"x\" ) from new java.util.ArrayList()", 11, "'from'"));
        attacks.add(lhs("accumulate", "$n : Number() from accumulate( Finding(), count(1) )", 11, "not 'Number'"));
        attacks.add(lhs("an unknown fact type", "Person( )", 11, "not 'Person'"));
        attacks.add(lhs("a fully qualified fact type", "java.io.File( )", 11, "not 'java.io.File'"));
        attacks.add(lhs("conditions nested thousands deep", "(".repeat(3_000) + "Answers( yes(\"q\") )"
                + ")".repeat(3_000), 11, "brackets nest more than 64 deep"));
        attacks.add(lhs("a condition nested too deep", "Answers( " + "(".repeat(40) + "yes(\"q\")" + ")".repeat(40)
                + " )", 11, "nests more than"));
        // Metadata and attributes, which Drools evaluates through MVEL at compile time.
        attacks.add(file("an expression as metadata", TEMPLATE.replace("@reason(\"r\")",
                "@reason(java.lang.Runtime.getRuntime().exec(\"touch " + MARKER + "\"))"), 9, "not an expression"));
        attacks.add(file("a Java annotation as metadata", TEMPLATE.replace("@reason(\"r\")",
                "@reason(\"r\") @SuppressWarnings(\"x\")"), 9, "@SuppressWarnings is not metadata a rule may carry"));
        attacks.add(file("an annotation Drools reflects on", TEMPLATE.replace("@reason(\"r\")",
                "@reason(\"r\") @Deprecated(\"x\")"), 9, "@Deprecated is not metadata a rule may carry"));
        attacks.add(file("a computed salience", TEMPLATE.replace("@reason(\"r\")",
                "@reason(\"r\") salience ( java.lang.Runtime.getRuntime().availableProcessors() )"), 9,
                "whole number"));
        attacks.add(file("a dialect switch", TEMPLATE.replace("@reason(\"r\")", "@reason(\"r\") dialect \"mvel\""), 9,
                "dialect switches are not allowed"));
        attacks.add(file("a timer", TEMPLATE.replace("@reason(\"r\")", "@reason(\"r\") timer ( int: 1s 1s )"), 9,
                "'timer' is not allowed"));
        // Honest mistakes that would loop, multiply or never match.
        attacks.add(file("a rule that re-inserts its own trigger", TEMPLATE.replace("Answers( yes(\"q\") )",
                "Finding( name == \"loop\" )").replace("insert(new Show(\"x\"));", "insert(new Finding(\"loop\"));"),
                6, "without end"));
        attacks.add(file("findings that multiply", fanOut(), 0, "could fire up to"));
        attacks.add(file("a join that multiplies inside not", joinInsideNot(), 0, "sets of findings"));
        attacks.add(file("alternatives that multiply inside exists", TEMPLATE.replace("Answers( yes(\"q\") )",
                "Answers( yes(\"q\") ) exists( " + "( Answers( yes(\"q\") ) or Answers( no(\"q\") ) ) and ".repeat(17)
                        + "Answers( yes(\"q\") ) )"), 6, "alternatives"));
        attacks.add(lhs("a path pattern", "$a : /answers[ yes(\"q\") ]", 11, "paths such as"));
        attacks.add(rhs("code behind a comment in a consequence", "insert(new Show(\"x\")); // note\r"
                + "org.mvel2.MVEL.eval(\"1\");", 13, "carriage return"));
        attacks.add(rhs("a comment inside a consequence", "insert(new Show(\"x\")); /* note */", 13,
                "a comment is not allowed inside a consequence"));
        attacks.add(lhs("a number compared with a text", "Answers( number(\"q\") < \"5\" )", 11,
                "compares a number with a text"));
        attacks.add(lhs("a yes/no query compared with a number", "Answers( yes(\"q\") > 3 )", 11,
                "compares a condition with a number"));
        return List.copyOf(attacks);
    }

    /**
     * Rule files too large to compile within a reload's time limit (thousands of valid rules), each
     * refused before it is parsed. Larger than a request body may be, so they reach the server only
     * through the disk (a watched file, a restart, validate) or the archive.
     */
    public static List<Attack> oversized() {
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i < 1_001; i++) {
            many.append("rule \"Many ").append(i).append("\" @id(\"hostile.many_").append(i)
                    .append("\") @reason(\"r\") when Answers( yes(\"q\") ) then insert(new Show(\"x\")); end\n");
        }
        StringBuilder large = new StringBuilder(HEADER).append("rule \"Large\" @id(\"hostile.large\") @reason(\"r\") when\n");
        while (large.length() < 300 * 1024) {
            large.append("    Answers( yes(\"q\") )\n");
        }
        large.append("then insert(new Show(\"x\")); end\n");
        String ands = HEADER + "rule \"Long\" @id(\"hostile.long\") @reason(\"r\") when\n    Answers( "
                + String.join(" && ", java.util.Collections.nCopies(8_000, "yes(\"q\")"))
                + " )\nthen insert(new Show(\"x\")); end\n";
        return List.of(file("more rules than a ruleset may hold", many.toString(), 1_004, "at most 1000 rules"),
                file("a rule of thousands of conditions", ands, 4, "a rule may have at most"),
                file("a rule file larger than a rule file may be", large.toString(), 0, "a rule file may hold at most"));
    }

    private static final String HEADER = "package hostile;\nimport org.rekindle.model.Answers;\n"
            + "import org.rekindle.model.Show;\n";

    private static final String TEMPLATE = """
            package hostile;
            import org.rekindle.model.Answers;
            import org.rekindle.model.Finding;
            import org.rekindle.model.Show;

            rule "Hostile"
                @id("hostile.rule")
                @source("s")
                @reason("r")
            when
                Answers( yes("q") )
            then
                insert(new Show("x"));
            end
            """;

    private static Attack rhs(String name, String consequence, int line, String fragment) {
        return file(name, TEMPLATE.replace("insert(new Show(\"x\"));", consequence), line, fragment);
    }

    private static Attack lhs(String name, String condition, int line, String fragment) {
        return file(name, TEMPLATE.replace("Answers( yes(\"q\") )", condition), line, fragment);
    }

    private static Attack file(String name, String drl, int line, String fragment) {
        return new Attack(name, drl, line, fragment);
    }

    /** One rule inserting a finding 200 times, and a rule testing four of them inside not: 200^4 joins. */
    private static String joinInsideNot() {
        return "package hostile;\nimport org.rekindle.model.Answers;\nimport org.rekindle.model.Finding;\n"
                + "import org.rekindle.model.Show;\n"
                + "rule \"Seed\" @id(\"hostile.seed\") @source(\"s\") @reason(\"r\") when Answers( yes(\"q\") ) then "
                + "insert(new Finding(\"boom\")); ".repeat(200) + "end\n"
                + "rule \"Join\" @id(\"hostile.join\") @source(\"s\") @reason(\"r\") when Answers( yes(\"q\") ) "
                + "not( Finding( name == \"boom\" ) and Finding( name == \"boom\" ) and Finding( name == \"boom\" ) "
                + "and Finding( name == \"boom\" ) ) then insert(new Show(\"x\")); end\n";
    }

    /** Twenty rules inserting one finding and a rule matching it four times: 20^4 firings. */
    private static String fanOut() {
        StringBuilder drl = new StringBuilder("package hostile;\nimport org.rekindle.model.Answers;\n"
                + "import org.rekindle.model.Finding;\nimport org.rekindle.model.Show;\n");
        for (int i = 0; i < 20; i++) {
            drl.append("rule \"Insert ").append(i).append("\" @id(\"hostile.insert_").append(i)
                    .append("\") @source(\"s\") @reason(\"r\") when Answers( yes(\"q\") ) then "
                            + "insert(new Finding(\"many\")); end\n");
        }
        drl.append("rule \"Match four\" @id(\"hostile.match\") @source(\"s\") @reason(\"r\") when "
                + "Finding( name == \"many\" ) Finding( name == \"many\" ) Finding( name == \"many\" ) "
                + "Finding( name == \"many\" ) then insert(new Show(\"x\")); end\n");
        return drl.toString();
    }
}
