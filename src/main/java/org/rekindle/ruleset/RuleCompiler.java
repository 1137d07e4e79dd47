package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
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

    /**
     * The rule files read and checked, not compiled: the rules read, each file's checked descriptors (for
     * the compiler), the sources by path (to place the compiler's errors), the problems.
     */
    record Reading(List<CompiledRule> rules, Map<RuleSource, PackageDescr> checked, Map<String, RuleSource> sources,
            List<Problem> problems) {
    }

    private RuleCompiler() {
    }

    /**
     * Compiles {@code ruleFiles}: {@code .drl} files as written, decision tables ({@code .drl.csv},
     * {@code .drl.xlsx}) through the DRL {@link DecisionTable} makes of them. Either way the DRL passes
     * the same {@link RulePolicy}, reading and compiler, and every problem names the coach's file.
     */
    static Result compile(List<BundleFile> ruleFiles) {
        Reading read = read(ruleFiles);
        List<CompiledRule> rules = read.rules();
        List<Problem> problems = new ArrayList<>(read.problems());
        if (!problems.isEmpty()) {
            return new Result(null, rules, problems);
        }
        Map<String, RuleSource> sources = read.sources();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(RuleClassLoader.configuration());
        for (Map.Entry<RuleSource, PackageDescr> entry : read.checked().entrySet()) {
            try {
                // The checked descriptors themselves are compiled: what runs is exactly what was checked.
                builder.add(ResourceFactory.newDescrResource(entry.getValue()).setSourcePath(entry.getKey().path()),
                        ResourceType.DESCR);
            } catch (RuntimeException | StackOverflowError e) {
                // Drools reports some failures by throwing from add() rather than as errors.
                problems.add(Problem.inFile(entry.getKey().path(), "could not compile: " + e));
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
            KieBase kieBase = builder.newKieBase();
            CheckedConsequence.install(kieBase, rules);
            return new Result(kieBase, rules, problems);
        } catch (RuntimeException e) {
            problems.add(Problem.inFile("rules/", "could not build the rule base: " + e));
            return new Result(null, rules, problems);
        }
    }

    /**
     * Reads and checks {@code ruleFiles} as {@link #compile} does, without compiling them: the rules with
     * what the audit trail needs of each, and every problem that would stop the compile before Drools runs.
     */
    static Reading read(List<BundleFile> ruleFiles) {
        List<Problem> problems = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        Map<String, RuleSource> sources = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        Map<RuleSource, PackageDescr> checked = new LinkedHashMap<>();
        long totalBytes = 0;
        // Files in folders under rules/ after those directly in it, in the bundle's order otherwise: of two files
        // of one topic, the copy in a folder (rules/old/signs.drl) is the one refused, not the coach's file.
        List<BundleFile> ordered = ruleFiles.stream().sorted(Comparator.comparingLong(
                (BundleFile file) -> file.path().chars().filter(c -> c == '/').count())).toList();
        for (BundleFile file : ordered) {
            Problem tooLarge = RulesetSize.ofFile(file.path(), file.bytes().length);
            if (tooLarge != null) {
                problems.add(tooLarge); // refused unread: parsing it is already the cost the limit avoids
                continue;
            }
            String other = topics.putIfAbsent(file.baseName(), file.path());
            if (other != null) {
                boolean inFolder = other.indexOf('/', "rules/".length()) > 0
                        || file.path().indexOf('/', "rules/".length()) > 0;
                problems.add(new Problem(file.path(), 1, 1, "topic '" + file.baseName() + "' is already written in "
                        + other + "; a topic lives in one rule file, either its .drl or its decision table"
                        + (inFolder ? " (files in folders under rules/ are read too: move copies out of rules/)" : "")));
                continue;
            }
            if (!file.path().endsWith(".drl.xlsx")) { // a spreadsheet is binary; text files must be UTF-8
                var encoding = file.notUtf8();
                if (encoding.isPresent()) {
                    problems.add(encoding.get());
                    continue;
                }
            }
            if (file.text().isBlank()) {
                problems.add(new Problem(file.path(), 1, 1, "the file is empty; a rule file starts with 'package "
                        + file.baseName() + ";' and holds the topic's rules (docs/AUTHORING.md), so write them or "
                        + "delete the file"));
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
            Problem generatedTooLarge = RulesetSize.ofFile(source.path(), source.drl().length());
            if (generatedTooLarge != null) {
                problems.add(generatedTooLarge);
                continue;
            }
            totalBytes += source.drl().length();
            Problem tooMuch = RulesetSize.ofTotal(totalBytes);
            if (tooMuch != null) {
                problems.add(tooMuch);
                break;
            }
            sources.put(source.path(), source);
            PackageDescr pkg = parse(source, problems);
            if (pkg == null) {
                continue;
            }
            RulePolicy.Reading reading = RulePolicy.check(source, pkg, file.baseName());
            rules.addAll(reading.rules());
            problems.addAll(reading.problems());
            if (reading.problems().isEmpty()) {
                checked.put(source, pkg);
            }
        }
        // Everything that bounds what the rules can do is decided before Drools compiles anything:
        // compiling expands every 'or' into rules of its own, so an unbounded file is refused unbuilt.
        Problem tooMany = RulesetSize.ofRules(rules);
        if (tooMany != null) {
            problems.add(tooMany);
            return new Reading(rules, checked, sources, problems);
        }
        problems.addAll(FiringBound.problems(rules));
        return new Reading(rules, checked, sources, problems);
    }

    /**
     * Parses one file into Drools' descriptors after the character check; null (with the problems
     * added) when it has characters the policy refuses or does not parse.
     */
    private static PackageDescr parse(RuleSource source, List<Problem> problems) {
        List<Problem> characters = RulePolicy.checkCharacters(source);
        if (!characters.isEmpty()) {
            problems.addAll(characters);
            return null;
        }
        List<Problem> syntax = RuleSyntax.check(source);
        if (!syntax.isEmpty()) {
            problems.addAll(syntax); // said at the character to fix, rather than as Drools' follow-up errors
            return null;
        }
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.drl());
        } catch (DroolsParserException | RuntimeException e) {
            problems.add(Problem.inFile(source.path(), "could not be read: " + e.getMessage()));
            return null;
        } catch (StackOverflowError e) {
            problems.add(Problem.inFile(source.path(), "is nested too deeply to read; use fewer brackets"));
            return null;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                if (error.getMessage() != null && error.getMessage().contains("Parser returned a null Package")) {
                    continue;
                }
                if (!problems.isEmpty() && problems.get(problems.size() - 1).file().equals(source.path())) {
                    break; // the parser's later errors in a file follow from its first: fix that one first
                }
                int[] lines = error.getLines();
                int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
                int column = error instanceof ParserError parserError ? Math.max(parserError.getCol(), 0) + 1 : 0;
                String[] drlLines = source.drl().split("\n", -1);
                String text = line > 0 && line <= drlLines.length ? drlLines[line - 1] : "";
                problems.add(source.locate(new Problem(source.path(), line, column,
                        ParserMessage.of(error.getMessage(), text, column))));
            }
            if (pkg == null || parser.hasErrors()) {
                return null;
            }
        }
        return pkg;
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
