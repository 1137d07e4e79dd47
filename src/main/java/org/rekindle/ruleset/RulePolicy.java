package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rekindle.bundle.Problem;

/**
 * What a coach's rule file may do. Rules run inside the server, so they may read the fact model and
 * work with plain values, and nothing else: no imports beyond {@code org.rekindle.model}, no globals,
 * no objects but the model's facts, no access to the system, reflection, threads, files or network.
 * The check reads code only (comments and string contents are blanked), so a rule may still
 * mention "System" in its reason.
 */
final class RulePolicy {

    private static final String MODEL_PACKAGE = "org.rekindle.model.";
    private static final Set<String> FACTS = Set.of("Show", "Finding", "Withhold", "Answers");
    private static final Set<String> FORBIDDEN = Set.of(
            "System", "Runtime", "Thread", "ThreadLocal", "ProcessBuilder", "Process", "Class", "ClassLoader",
            "getClass", "forName", "reflect", "Method", "Field", "Constructor", "invoke", "exec", "exit",
            "Files", "Paths", "Path", "File", "FileInputStream", "FileOutputStream", "RandomAccessFile",
            "Socket", "ServerSocket", "URL", "URI", "HttpClient", "InetAddress", "Executors", "ExecutorService",
            "CompletableFuture", "ForkJoinPool", "Timer", "kcontext", "drools", "java", "javax", "jdk", "sun",
            "org", "com", "MethodHandles", "Unsafe", "ObjectInputStream", "ScriptEngineManager", "JNDI",
            "InitialContext", "getRuntime", "setAccessible", "loadLibrary", "load");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");
    private static final Pattern NEW = Pattern.compile("\\bnew\\s+([A-Za-z_][\\w.]*)");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^[ \\t]*(global)\\b");
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^\\s*(package|import)\\b.*$");

    private RulePolicy() {
    }

    static List<Problem> check(String file, DrlText drl) {
        List<Problem> problems = new ArrayList<>();
        for (DrlText.Import anImport : drl.imports()) {
            if (!anImport.target().startsWith(MODEL_PACKAGE)) {
                problems.add(Problem.at(file, anImport.line(), "rule policy: import of '" + anImport.target()
                        + "' is not allowed; rule files may import only the fact model (org.rekindle.model.*)"));
            }
        }
        // Package and import lines were checked above; blank them so their dotted names are not flagged.
        String code = blank(drl.skeleton(), HEADER_LINE);
        Matcher global = GLOBAL.matcher(code);
        while (global.find()) {
            problems.add(Problem.at(file, drl.lineAt(global.start(1)),
                    "rule policy: globals are not allowed; rules read the Answers fact and insert facts"));
        }
        Matcher creation = NEW.matcher(code);
        while (creation.find()) {
            if (!FACTS.contains(creation.group(1))) {
                problems.add(new Problem(file, drl.lineAt(creation.start()), drl.columnAt(creation.start()),
                        "rule policy: 'new " + creation.group(1) + "' is not allowed; a consequence may only "
                                + "insert new Show(...), new Finding(...) or new Withhold(...)"));
            }
        }
        Matcher word = IDENTIFIER.matcher(code);
        while (word.find()) {
            if (FORBIDDEN.contains(word.group())) {
                problems.add(new Problem(file, drl.lineAt(word.start()), drl.columnAt(word.start()),
                        "rule policy: '" + word.group() + "' is not allowed in rule files; rules may use the "
                                + "fact model and plain values only (no system, reflection, threads, files or network)"));
            }
        }
        return problems;
    }

    private static String blank(String text, Pattern lines) {
        StringBuilder out = new StringBuilder(text);
        Matcher m = lines.matcher(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }
}
