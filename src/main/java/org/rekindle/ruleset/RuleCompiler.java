package org.rekindle.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Compiles rule files into a Drools {@link KieBase} and reads, beside Drools, what the audit trail
 * and the checks need of each rule. Pure: every failure comes back as a {@link Problem} with file and
 * line, never as an exception, and nothing global (such as the KIE repository) is touched, so
 * compiling a candidate ruleset never disturbs the live one.
 */
final class RuleCompiler {

    /** The outcome: a knowledge base when the files compiled, the rules read from them, the problems. */
    record Result(KieBase kieBase, List<CompiledRule> rules, List<Problem> problems) {
    }

    private static final Pattern METADATA = Pattern.compile("@(\\w+)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern QUESTION_CALL = Pattern.compile(
            "\\b(yes|no|is|choice|has|count|frequency|atLeast|number|answered)\\s*\\(\\s*\"([^\"]*)\"(?:\\s*,\\s*\"([^\"]*)\")?");
    private static final Pattern SECTION_CALL = Pattern.compile(
            "\\b(yesCount|answeredCount|countAtLeast)\\s*\\(\\s*\"([^\"]*)\"(?:\\s*,\\s*\"([^\"]*)\")?");
    private static final Pattern FINDING_USE = Pattern.compile("\\bFinding\\s*\\(\\s*name\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern INSERTS = Pattern.compile("\\bnew\\s+(Show|Finding|Withhold)\\s*\\(\\s*\"([^\"]+)\"");

    private RuleCompiler() {
    }

    /**
     * Compiles {@code ruleFiles}: {@code .drl} files as written, decision tables ({@code .drl.csv},
     * {@code .drl.xlsx}) through the DRL {@link DecisionTable} makes of them. Either way the DRL passes
     * the same {@link RulePolicy}, reading and compiler, and every problem names the coach's file.
     */
    static Result compile(List<BundleFile> ruleFiles) {
        List<Problem> problems = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        Map<String, RuleSource> sources = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (BundleFile file : ruleFiles) {
            String other = topics.putIfAbsent(file.baseName(), file.path());
            if (other != null) {
                problems.add(Problem.at(file.path(), 1, "topic '" + file.baseName() + "' is already written in "
                        + other + "; a topic lives in one rule file, either its .drl or its decision table"));
                continue;
            }
            RuleSource source;
            if (DecisionTable.isTable(file)) {
                DecisionTable.Translation table = DecisionTable.translate(file);
                problems.addAll(table.problems());
                if (table.source() == null) {
                    continue;
                }
                source = table.source();
            } else {
                source = RuleSource.of(file);
            }
            sources.put(source.path(), source);
            DrlText drl = new DrlText(source.drl());
            RulePolicy.check(source.path(), drl).forEach(problem -> problems.add(source.locate(problem)));
            rules.addAll(read(source, file.baseName(), drl, problems));
            Resource resource = ResourceFactory.newByteArrayResource(source.drl().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(source.path());
            try {
                // Always DRL: a table arrives here as the DRL made of it, whatever its file name says.
                builder.add(resource, ResourceType.DRL);
            } catch (RuntimeException e) {
                // Drools reports some failures by throwing from add() rather than as errors.
                problems.add(Problem.inFile(source.path(), "could not compile: " + e));
            }
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            Problem problem = toProblem(error);
            if (problem != null) {
                RuleSource source = sources.get(problem.file());
                problems.add(source == null ? problem : source.locate(problem));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, rules, problems);
        }
        try {
            return new Result(builder.newKieBase(), rules, problems);
        } catch (RuntimeException e) {
            problems.add(Problem.inFile("rules/", "could not build the rule base: " + e));
            return new Result(null, rules, problems);
        }
    }

    private static List<CompiledRule> read(RuleSource source, String expected, DrlText drl, List<Problem> problems) {
        String pkg = drl.packageName();
        if (!pkg.equals(expected)) {
            problems.add(Problem.at(source.path(), 1, "the file declares package '" + pkg
                    + "'; a rule file's package is its file name: write 'package " + expected + ";'"));
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (DrlText.RuleBlock block : drl.rules()) {
            Map<String, String> metadata = new LinkedHashMap<>();
            Matcher m = METADATA.matcher(block.header());
            while (m.find()) {
                metadata.put(m.group(1), m.group(2).replace("\\\"", "\""));
            }
            List<RuleReference> references = new ArrayList<>();
            collect(source, drl, block.lhs(), block.lhsOffset(), QUESTION_CALL, RuleReference.Kind.QUESTION,
                    references);
            collect(source, drl, block.lhs(), block.lhsOffset(), SECTION_CALL, RuleReference.Kind.SECTION,
                    references);
            Matcher use = FINDING_USE.matcher(block.lhs());
            while (use.find()) {
                int at = block.lhsOffset() + use.start(1);
                references.add(new RuleReference(RuleReference.Kind.FINDING_USED, use.group(1), null,
                        source.line(drl.lineAt(at)), source.column(drl.columnAt(at))));
            }
            Matcher insert = INSERTS.matcher(block.rhs());
            while (insert.find()) {
                int at = block.rhsOffset() + insert.start(2);
                RuleReference.Kind kind = switch (insert.group(1)) {
                    case "Show" -> RuleReference.Kind.CARD;
                    case "Finding" -> RuleReference.Kind.FINDING;
                    default -> RuleReference.Kind.WITHHOLD;
                };
                references.add(new RuleReference(kind, insert.group(2), null, source.line(drl.lineAt(at)),
                        source.column(drl.columnAt(at))));
            }
            int line = source.line(block.line());
            rules.add(new CompiledRule(pkg + "." + block.name(), block.name(), pkg, source.path(), line,
                    metadata, line, List.copyOf(references)));
        }
        return rules;
    }

    private static void collect(RuleSource source, DrlText drl, String text, int offset, Pattern pattern,
            RuleReference.Kind kind, List<RuleReference> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int at = offset + m.start(2);
            into.add(new RuleReference(kind, m.group(2), m.group(3), source.line(drl.lineAt(at)),
                    source.column(drl.columnAt(at))));
        }
    }

    private static Problem toProblem(KnowledgeBuilderError error) {
        String message = error.getMessage() == null ? "" : error.getMessage().strip();
        if (message.contains("Parser returned a null Package")) {
            return null; // noise Drools adds after every syntax error it already reported
        }
        Resource resource = error.getResource();
        String file = resource == null || resource.getSourcePath() == null ? "rules/" : resource.getSourcePath();
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
        int column = 0;
        if (error instanceof ParserError parserError) {
            column = Math.max(parserError.getCol(), 0) + 1;
        } else if (error instanceof DescrBuildError buildError) {
            line = buildError.getLine() > 0 ? buildError.getLine() : line;
            column = Math.max(buildError.getColumn(), 0) + 1;
        }
        return new Problem(file, line, column, message.replaceAll("\\s+", " "));
    }
}
