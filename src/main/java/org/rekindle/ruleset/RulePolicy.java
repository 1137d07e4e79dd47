package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

import org.rekindle.bundle.Problem;
import org.rekindle.ruleset.RuleTokens.Kind;
import org.rekindle.ruleset.RuleTokens.Token;
import org.rekindle.ruleset.RuleTokens.Unreadable;
import org.rekindle.ruleset.RuleVocabulary.ValueType;

/**
 * What a coach's rule file may say: an allow-list, checked on the file as Drools parsed it. A file
 * is a package named after it, imports of the fact model, and rules; a rule is a sentence name,
 * {@code @key("text")} metadata, an optional whole-number salience, conditions built from patterns on
 * the model's facts (constraints by {@link ConstraintGrammar}) joined by and, or, not and exists, and
 * a consequence that only inserts the model's facts with literal ids. Everything else (functions,
 * globals, declarations, queries, eval, from, accumulate, dialects, any other type, method or
 * statement) is refused with its line and column, and so is any backslash in the file, since a
 * Unicode escape would be decoded by the Java compiler after this check.
 *
 * <p>Rules run inside the server: this check is what keeps a rule from running code, touching the
 * machine or stalling the server. The descriptors it checks are the ones that are compiled, so
 * nothing is parsed twice and what runs is what was checked.
 */
final class RulePolicy {

    /** What the policy read of one file: its rules, and what it refused. */
    record Reading(List<CompiledRule> rules, List<Problem> problems) {
    }

    private static final String PREFIX = "rule policy: ";
    private static final Pattern TEXT_LITERAL = Pattern.compile("\"[^\"\\\\\\n]*\"");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,6}");
    private static final Pattern ID_LITERAL = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    /** A file name DRL can take as its package: letters, digits and underscores, not starting with a digit. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PACKAGE_LINE = Pattern.compile("(?m)^[ \t]*package\\b");
    private static final Pattern RULE_NAME = Pattern.compile("[\\p{L}\\p{N} _,.'’()%:;?!&+=<>-]{1,300}");
    /** A line that starts a package or import statement. */
    private static final Pattern DECLARATION_START = Pattern.compile("(?s)\\s*(package|import)\\b.*");
    /** What such a line may be: the statement alone, its name dotted words ({@code ;} optional, as in DRL). */
    private static final Pattern DECLARATION_LINE =
            Pattern.compile("\\s*(package|import)\\s+[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*\\s*;?\\s*");

    private final RuleSource source;
    private final String text;
    private final List<Problem> problems = new ArrayList<>();
    private final int[] lineStarts;

    private RulePolicy(RuleSource source) {
        this.source = source;
        this.text = source.drl();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Checks the characters of a file before it is parsed: no backslash (a Unicode escape would reach
     * the Java compiler as code) and no control character. Problems are located in the coach's file.
     */
    static List<Problem> checkCharacters(RuleSource source) {
        RulePolicy policy = new RulePolicy(source);
        String text = source.drl();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                policy.refuse(i, "a backslash is not allowed anywhere in a rule file (it can hide code from "
                        + "this check); inside a text write typographic quotes “ ” instead of \\\"");
                break;
            }
            if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                // Java ends a comment at a lone carriage return, the check's reading would not: refuse it.
                policy.refuse(i, "a carriage return not followed by a line feed is not allowed in a rule file; "
                        + "save the file with ordinary line endings");
                break;
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                policy.refuse(i, "the control character U+" + String.format("%04X", (int) c)
                        + " is not allowed in a rule file; remove it");
                break;
            }
        }
        return List.copyOf(policy.problems);
    }

    /** Checks a parsed file against the allow-list and reads its rules for the cross-check and audit. */
    static Reading check(RuleSource source, PackageDescr pkg, String expectedPackage) {
        RulePolicy policy = new RulePolicy(source);
        try {
            return policy.read(pkg, expectedPackage);
        } catch (RuntimeException | StackOverflowError e) {
            // Drools' parser accepts shapes this walk has not met: refuse them rather than fail.
            return new Reading(List.of(), List.of(Problem.inFile(source.path(), PREFIX + "this file uses a form of "
                    + "DRL that rules may not use (" + e.getClass().getSimpleName() + "); write rules as "
                    + "docs/AUTHORING.md shows")));
        }
    }

    private Reading read(PackageDescr pkg, String expectedPackage) {
        declarationLines();
        if (!TOPIC.matcher(expectedPackage).matches()) {
            // Its rules are not read: a copy ("signs copy.drl") would only repeat every id of the original.
            problems.add(new Problem(source.path(), 1, 1, "'" + expectedPackage + "' cannot be a topic: a rule file "
                    + "is named for its topic in snake_case, such as rules/signs.drl; rename the file, or move it out "
                    + "of rules/ if it is a copy"));
            return new Reading(List.of(), List.copyOf(problems));
        }
        if (pkg.getName() == null || pkg.getName().isBlank()) {
            problems.add(new Problem(source.path(), 1, 1, "the file has no package line; start it with 'package "
                    + expectedPackage + ";' (a rule file's package is its file name)"));
        } else if (!expectedPackage.equals(pkg.getName())) {
            Matcher declared = PACKAGE_LINE.matcher(source.drl());
            int at = declared.find() ? declared.end() - "package".length() : 0;
            int line = (int) source.drl().substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            int column = at - source.drl().lastIndexOf('\n', at - 1);
            problems.add(new Problem(source.path(), source.line(line), source.column(column), "the file declares "
                    + "package '" + pkg.getName() + "'; a rule file's package is its file name: write 'package "
                    + expectedPackage + ";'"));
        }
        for (ImportDescr anImport : pkg.getImports()) {
            String target = anImport.getTarget();
            String type = target.startsWith(RuleVocabulary.MODEL_PACKAGE + ".")
                    ? target.substring(RuleVocabulary.MODEL_PACKAGE.length() + 1) : null;
            if (type == null || !RuleVocabulary.importable(type)) {
                refuse(anImport, "import of '" + target + "' is not allowed; rule files may import only the fact "
                        + "model: " + RuleVocabulary.MODEL_PACKAGE + ".Answers, Couple, Finding, Show and Withhold");
            }
        }
        refuseAll(pkg.getFunctionImports(), "function imports are not allowed");
        refuseAll(pkg.getAccumulateImports(), "accumulate imports are not allowed");
        refuseAll(pkg.getGlobals(), "globals are not allowed; rules read the Answers fact and insert facts");
        refuseAll(pkg.getFunctions(), "functions are not allowed; a rule's conditions ask Answers, and its "
                + "consequence inserts facts");
        refuseAll(pkg.getTypeDeclarations(), "declare is not allowed; rules use the fact model as it is");
        refuseAll(pkg.getEnumDeclarations(), "enum declarations are not allowed");
        refuseAll(pkg.getEntryPointDeclarations(), "entry points are not allowed");
        refuseAll(pkg.getWindowDeclarations(), "windows are not allowed");
        refuseAll(pkg.getAttributes(), "package attributes (such as dialect) are not allowed");
        if (pkg.getUnit() != null) {
            problems.add(Problem.at(source.path(), 1, PREFIX + "rule units are not allowed"));
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            CompiledRule read = rule(pkg.getName(), rule);
            if (read != null) {
                rules.add(read);
            }
        }
        return new Reading(rules, List.copyOf(problems));
    }

    /**
     * A package or import line holds that statement and nothing else: Drools reads on after its ';'
     * (an import line once carried a function), and what follows belongs on a line of its own where
     * a reader sees it. Comments are blanked first, so a trailing comment is allowed.
     */
    private void declarationLines() {
        String code = new DrlText(text).code();
        for (int line = 0; line < lineStarts.length; line++) {
            int start = lineStarts[line];
            int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : code.length();
            String written = code.substring(start, end);
            if (DECLARATION_START.matcher(written).matches() && !DECLARATION_LINE.matcher(written).matches()) {
                int semicolon = written.indexOf(';');
                refuse(semicolon >= 0 ? start + semicolon + 1 + leadingSpace(written, semicolon + 1) : start,
                        "a package or import line holds only that statement, such as 'import "
                        + RuleVocabulary.MODEL_PACKAGE + ".Show;'; put what follows on a line of its own");
            }
        }
    }

    private static int leadingSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private CompiledRule rule(String pkg, RuleDescr rule) {
        int before = problems.size();
        if (rule.isQuery()) {
            refuse(rule, "queries are not allowed; write a rule that inserts a Finding instead");
            return null;
        }
        String tooLong = rule.getStartCharacter() >= 0 && rule.getEndCharacter() > rule.getStartCharacter()
                ? RulesetSize.ofRule(rule.getEndCharacter() - rule.getStartCharacter()) : null;
        if (tooLong != null) {
            refuse(rule, tooLong); // before its conditions are walked: what the limit keeps from Drools, it keeps from here
            return null;
        }
        if (!RULE_NAME.matcher(rule.getName()).matches()) {
            refuse(rule, "a rule's name is a sentence of letters, digits, spaces and _ . , ' ( ) % : ; ? ! & + = < > -; "
                    + "rename \"" + rule.getName() + "\"");
        }
        if (rule.getUnit() != null) {
            refuse(rule, "rule units are not allowed");
        }
        if (rule.getParentName() != null) {
            refuse(rule, "rule inheritance (extends) is not allowed; repeat the conditions instead");
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            refuse(rule, "named consequences (then[...]) are not allowed; a rule has one consequence");
        }
        for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
            String name = attribute.getKey();
            String value = attribute.getValue().getValue();
            if (!RuleVocabulary.ATTRIBUTES.contains(name)) {
                refuse(attribute.getValue(), name.equals("dialect") ? "dialect switches are not allowed"
                        : "the attribute '" + name + "' is not allowed; a rule may only set salience");
            } else if (value == null || !WHOLE_NUMBER.matcher(value.strip()).matches()) {
                refuse(attribute.getValue(), name + " must be a whole number, such as " + name + " 100");
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            String value = metadataValue(rule, annotation);
            if (value != null) {
                metadata.put(annotation.getName(), value);
            }
        }
        List<RuleReference> references = new ArrayList<>();
        Map<String, ValueType> bindings = new HashMap<>();
        Condition when = condition(rule.getLhs(), bindings, references);
        List<Condition.Pattern> inserts = consequence(rule, references);
        if (problems.size() > before) {
            return null;
        }
        int line = source.line(rule.getLine());
        int column = source.column(Math.max(rule.getColumn(), 0) + 1);
        return new CompiledRule(pkg + "." + rule.getName(), rule.getName(), pkg, source.path(), line, column, metadata,
                line,
                List.copyOf(references), when, List.copyOf(inserts), RuleConditions.read(rule.getLhs()));
    }

    /** A metadata value: one text in double quotes (or a whole number), read as its contents. */
    private String metadataValue(RuleDescr rule, AnnotationDescr annotation) {
        String name = annotation.getName();
        // Drools gives metadata no position: find it after the rule's start.
        int at = rule.getStartCharacter() >= 0 ? text.indexOf("@" + name, rule.getStartCharacter()) : -1;
        if (!RuleVocabulary.METADATA.contains(name)) {
            // Drools resolves any other name as an annotation class and reflects on it while compiling.
            refuseMetadata(rule, at, "@" + name + " is not metadata a rule may carry; a rule has @id(\"...\"), "
                    + "@reason(\"...\") and, when it cites its own source, @source(\"...\")");
            return null;
        }
        if (name.contains(".") || annotation.getFullyQualifiedName() != null) {
            refuseMetadata(rule, at, "@" + name + " is not allowed; metadata is @name(\"text\")");
            return null;
        }
        Map<String, Object> values = annotation.getValueMap();
        Object raw = values.size() == 1 ? values.get("value") : null;
        String value = raw == null ? null : raw.toString().strip();
        if (value == null) {
            refuseMetadata(rule, at, "@" + name + " takes one text in double quotes, such as @" + name + "(\"...\")");
            return null;
        }
        if (TEXT_LITERAL.matcher(value).matches()) {
            return value.substring(1, value.length() - 1);
        }
        if (WHOLE_NUMBER.matcher(value).matches()) {
            return value;
        }
        refuseMetadata(rule, at, "@" + name + " takes one text in double quotes, such as @" + name
                + "(\"...\"), not an expression");
        return null;
    }

    private void refuseMetadata(RuleDescr rule, int at, String message) {
        if (at >= 0) {
            refuse(at, message);
        } else {
            refuse(rule, message);
        }
    }

    private Condition condition(BaseDescr descr, Map<String, ValueType> bindings, List<RuleReference> references) {
        if (descr instanceof AndDescr and) {
            return new Condition.All(parts(and.getDescrs(), bindings, references));
        }
        if (descr instanceof OrDescr or) {
            return new Condition.Any(parts(or.getDescrs(), bindings, references));
        }
        if (descr instanceof NotDescr not) {
            return new Condition.Test(new Condition.All(parts(not.getDescrs(), bindings, references)));
        }
        if (descr instanceof ExistsDescr exists) {
            return new Condition.Test(new Condition.All(parts(exists.getDescrs(), bindings, references)));
        }
        if (descr instanceof PatternDescr pattern) {
            return pattern(pattern, bindings, references);
        }
        refuse(descr, what(descr) + " is not allowed in a rule's conditions; use patterns such as Answers( ... ) "
                + "and Finding( name == \"...\" ), joined by and, or, not and exists");
        return new Condition.All(List.of());
    }

    /** The parts of a group; some of Drools' groups ({@code not}) hand their parts out as a raw list. */
    private List<Condition> parts(List<?> descrs, Map<String, ValueType> bindings,
            List<RuleReference> references) {
        List<Condition> parts = new ArrayList<>(descrs.size());
        for (Object descr : descrs) {
            parts.add(condition((BaseDescr) descr, bindings, references));
        }
        return parts;
    }

    private Condition pattern(PatternDescr pattern, Map<String, ValueType> bindings,
            List<RuleReference> references) {
        String type = pattern.getObjectType();
        if (type == null || pattern.isUnification() || !pattern.getBehaviors().isEmpty()) {
            refuse(pattern, "paths such as /answers[...], unification (:=) and windows are not allowed; write a "
                    + "pattern such as Answers( yes(\"question_id\") )");
            return new Condition.Pattern("", null);
        }
        boolean queried = RuleVocabulary.QUERIES.containsKey(type);
        if (!queried && !RuleVocabulary.MATCHABLE.containsKey(type)) {
            refuse(pattern, "a rule may match Answers( ... ), Previous( ... ), Couple( ... ) or " + String.join(", ", RuleVocabulary.MATCHABLE.keySet()
                    .stream().map(t -> t + "( " + RuleVocabulary.MATCHABLE.get(t).property() + " == \"...\" )")
                    .toList()) + ", not '" + type + "'" + Spelling.suggest(String.valueOf(type),
                    java.util.stream.Stream.concat(RuleVocabulary.QUERIES.keySet().stream(),
                            RuleVocabulary.MATCHABLE.keySet().stream()).toList()));
            return new Condition.Pattern(String.valueOf(type), null);
        }
        if (pattern.getSource() != null) {
            refuse(pattern, "'from', 'collect', 'accumulate' and entry points are not allowed; a pattern matches "
                    + "the facts in the session");
        }
        if (pattern.isQuery() || !pattern.getAnnotations().isEmpty()) {
            refuse(pattern, "pattern annotations and queries are not allowed");
        }
        if (pattern.getIdentifier() != null) {
            declare(pattern, pattern.getIdentifier(), bindings);
        }
        String key = null;
        for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expression)
                    || expression.getType() != ExprConstraintDescr.Type.NAMED) {
                refuse(constraint, "write each constraint as a condition, such as yes(\"question_id\"); positional "
                        + "constraints are not allowed");
                continue;
            }
            try {
                ConstraintGrammar.Reading reading = ConstraintGrammar.read(expression.getExpression(), type, bindings);
                if (reading.binds() != null) {
                    bindings.put(reading.binds(), reading.bindsType());
                }
                if (reading.key() != null && key == null) {
                    key = reading.key();
                }
                for (ConstraintGrammar.Literal literal : reading.mentions()) {
                    int at = offsetOf(expression, literal.offset());
                    references.add(new RuleReference(literal.kind(), literal.value(), literal.option(),
                            source.line(lineAt(at)), source.column(columnAt(at)), literal.query()));
                }
            } catch (Unreadable e) {
                refuse(offsetOf(expression, e.offset()), e.getMessage());
            }
        }
        return new Condition.Pattern(type, key);
    }

    private void declare(BaseDescr at, String binding, Map<String, ValueType> bindings) {
        if (!binding.startsWith("$")) {
            refuse(at, "a binding's name starts with $, such as $answers");
        } else if (bindings.putIfAbsent(binding, ValueType.NULL) != null) {
            refuse(at, "'" + binding + "' is already bound in this rule; choose another name");
        }
    }

    /**
     * The consequence: {@code insert(new Type("literal"));} for the insertable facts, and nothing else,
     * checked as an exact token sequence (a tree check once let an anonymous class body through).
     */
    private List<Condition.Pattern> consequence(RuleDescr rule, List<RuleReference> references) {
        Object consequence = rule.getConsequence();
        String code = consequence instanceof String s ? s : "";
        int start = consequenceOffset(rule, code);
        List<Condition.Pattern> inserts = new ArrayList<>();
        int comment = commentIn(code);
        if (comment >= 0) {
            // The token check and the Java compiler must read the same thing: no comments between them.
            refuse(start + comment, "a comment is not allowed inside a consequence; put it above the rule");
            return inserts;
        }
        List<Token> tokens;
        try {
            tokens = RuleTokens.read(code);
        } catch (Unreadable e) {
            // Name the statement's first word when it is not an insert: "'System' is not allowed" says more
            // than the dot after it.
            int statement = code.lastIndexOf(';', Math.max(0, e.offset() - 1)) + 1;
            while (statement < code.length() && Character.isWhitespace(code.charAt(statement))) {
                statement++;
            }
            int end = statement;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
            String word = code.substring(statement, end);
            boolean named = !word.isEmpty() && !word.equals("insert") && statement < e.offset();
            refuse(start + (named ? statement : e.offset()),
                    consequenceAdvice(named ? "'" + word + "' is not allowed here" : e.getMessage()));
            return inserts;
        }
        int i = 0;
        while (tokens.get(i).kind() != Kind.END) {
            int statement = i;
            Token type = tokens.get(Math.min(i + 3, tokens.size() - 1));
            boolean shape = tokens.get(i).is("insert") && tokens.get(i + 1).is("(") && tokens.get(i + 2).is("new")
                    && type.kind() == Kind.NAME;
            RuleVocabulary.Insertable insertable = shape ? RuleVocabulary.INSERTABLE.get(type.text()) : null;
            if (insertable == null) {
                Token at = shape ? type : tokens.get(statement);
                refuse(start + at.offset(), consequenceAdvice(shape ? "'new " + type.text() + "' is not allowed"
                        : "'" + at.text() + "' is not allowed here"));
                return inserts;
            }
            Token literal = tokens.get(Math.min(i + 5, tokens.size() - 1));
            boolean rest = tokens.get(i + 4).is("(") && literal.kind() == Kind.STRING
                    && tokens.get(Math.min(i + 6, tokens.size() - 1)).is(")")
                    && tokens.get(Math.min(i + 7, tokens.size() - 1)).is(")")
                    && tokens.get(Math.min(i + 8, tokens.size() - 1)).is(";");
            if (!rest) {
                boolean missingSemicolon = tokens.get(i + 4).is("(") && literal.kind() == Kind.STRING
                        && tokens.get(Math.min(i + 6, tokens.size() - 1)).is(")")
                        && tokens.get(Math.min(i + 7, tokens.size() - 1)).is(")");
                if (missingSemicolon) {
                    Token close = tokens.get(i + 7);
                    refuse(start + close.offset() + 1, "a ';' is missing at the end of this statement; write insert(new "
                            + type.text() + "(\"" + literal.text() + "\"));");
                } else {
                    refuse(start + tokens.get(i + 4).offset(), consequenceAdvice("this statement is not allowed as "
                            + "written"));
                }
                return inserts;
            }
            if (!ID_LITERAL.matcher(literal.text()).matches()) {
                refuse(start + literal.offset(), "an id is letters, digits, '_', '.', ':' or '-' (at most 200); "
                        + "'" + literal.text() + "' is not");
                return inserts;
            }
            int at = start + literal.offset();
            references.add(new RuleReference(insertable.kind(), literal.text(), null, source.line(lineAt(at)),
                    source.column(columnAt(at))));
            inserts.add(new Condition.Pattern(insertable.type(), literal.text()));
            i += 9;
        }
        if (inserts.isEmpty()) {
            refuse(rule, "rule \"" + rule.getName() + "\" inserts nothing; its consequence should insert "
                    + "new Show(\"...\"), new Finding(\"...\") or new Withhold(\"...\")");
        }
        return inserts;
    }

    /** The offset of the first comment in a consequence (outside texts), or -1. */
    private static int commentIn(String code) {
        boolean inText = false;
        for (int i = 0; i + 1 < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                inText = !inText;
            } else if (!inText && c == '/' && (code.charAt(i + 1) == '/' || code.charAt(i + 1) == '*')) {
                return i;
            }
        }
        return -1;
    }

    private static String consequenceAdvice(String what) {
        return what + "; a consequence only inserts facts, one statement a line: insert(new Show(\"card_id\")); "
                + "insert(new Finding(\"name\")); or insert(new Withhold(\"tag\"));";
    }

    /** Where the consequence text starts in the file: after the {@code then} Drools reports. */
    private int consequenceOffset(RuleDescr rule, String code) {
        int line = Math.max(rule.getConsequenceLine(), 1);
        int from = lineStarts[Math.min(line, lineStarts.length) - 1];
        int found = code.isEmpty() ? -1 : text.indexOf(code.strip(), from);
        return found >= 0 ? found : from;
    }

    /** The file offset of a position inside a constraint's expression text. */
    private int offsetOf(ExprConstraintDescr expression, int inExpression) {
        int start = expression.getStartCharacter();
        if (start < 0 || start >= text.length()) {
            return Math.max(0, lineStarts[Math.max(0, Math.min(expression.getLine(), lineStarts.length) - 1)]);
        }
        // The descriptor's text is the expression as written, from its first character.
        int found = text.indexOf(expression.getExpression(), start);
        return (found >= 0 && found - start < 8 ? found : start) + inExpression;
    }

    private void refuseAll(java.util.Collection<? extends BaseDescr> descrs, String message) {
        for (BaseDescr descr : descrs) {
            refuse(descr, message);
        }
    }

    private void refuse(BaseDescr at, String message) {
        if (at.getStartCharacter() >= 0 && at.getStartCharacter() < text.length()) {
            refuse(at.getStartCharacter(), message);
        } else {
            problems.add(new Problem(source.path(), source.line(Math.max(at.getLine(), 0)),
                    source.column(Math.max(at.getColumn(), 0) + 1), PREFIX + message));
        }
    }

    private void refuse(int offset, String message) {
        problems.add(new Problem(source.path(), source.line(lineAt(offset)), source.column(columnAt(offset)),
                PREFIX + message));
    }

    private int lineAt(int offset) {
        int index = java.util.Arrays.binarySearch(lineStarts, offset);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    private int columnAt(int offset) {
        return offset - lineStarts[lineAt(offset) - 1] + 1;
    }

    private static String what(BaseDescr descr) {
        String name = descr.getClass().getSimpleName().replace("Descr", "");
        return switch (name) {
            case "Eval" -> "eval";
            case "Forall" -> "forall";
            case "Accumulate" -> "accumulate";
            case "Collect" -> "collect";
            case "From" -> "from";
            default -> "'" + name.toLowerCase(java.util.Locale.ROOT) + "'";
        };
    }
}
