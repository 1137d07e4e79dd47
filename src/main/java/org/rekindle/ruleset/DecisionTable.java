package org.rekindle.ruleset;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.xls.PropertiesSheetListener.CaseInsensitiveMap;
import org.drools.template.model.Rule;
import org.drools.template.parser.DecisionTableParseException;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * Turns a coach's decision table ({@code rules/<topic>.drl.csv} or {@code .drl.xlsx}) into DRL with
 * Drools' own {@link SpreadsheetCompiler}, so a table goes through exactly the checks and the
 * compiler a {@code .drl} file does. The DRL's package is the topic (the file name), and each of its
 * lines maps back to the table row it came from: a rule's lines to the rule's row, the imports to the
 * row of their {@code Import} cell. Pure: a table that cannot be read, or that yields no rule, comes
 * back as problems, never as an exception.
 */
final class DecisionTable {

    /** The DRL of a table with its way back to rows, or null with the problems that stopped it. */
    record Translation(RuleSource source, List<Problem> problems) {
    }

    private static final String RULESET = "RuleSet";
    private static final Pattern CELL = Pattern.compile("\\b[A-Z]{1,3}(\\d+)\\b");
    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("\\bcells?\\s+\\[?[A-Z]{1,3}(\\d+)\\b");
    private static final Pattern HEADER_KEYWORD =
            Pattern.compile("^(package|import|global|function|query|declare)\\s+");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private DecisionTable() {
    }

    /** Whether {@code file} is a decision table by its name. */
    static boolean isTable(BundleFile file) {
        return file.path().endsWith(".drl.csv") || file.path().endsWith(".drl.xlsx");
    }

    static Translation translate(BundleFile table) {
        String path = table.path();
        String topic = table.baseName();
        DefaultRuleSheetListener listener = new DefaultRuleSheetListener(false, true);
        String generated;
        List<Rule> rules;
        CaseInsensitiveMap properties;
        try {
            generated = new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytesOf(table)),
                    path.endsWith(".drl.xlsx") ? InputType.XLS : InputType.CSV, listener);
            rules = listener.getRuleSet().getRules();
            properties = listener.getProperties();
        } catch (DecisionTableParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("No RuleTable")) {
                return failed(Problem.at(path, 1, "decision table produced no rules: no cell starts with "
                        + "'RuleTable'; put 'RuleTable <name>' above the table's header rows"));
            }
            if (e.getCause() != null) {
                return failed(unreadable(path, e.getCause()));
            }
            return failed(Problem.at(path, rowIn(message), "malformed decision table: " + message));
        } catch (RuntimeException e) {
            // POI and the CSV reader fail with their own exceptions on a damaged or mislabelled file.
            return failed(unreadable(path, e));
        }

        List<Problem> problems = new ArrayList<>();
        String ruleSet = single(properties, RULESET);
        if (ruleSet != null && !ruleSet.equals(topic)) {
            problems.add(Problem.at(path, propertyRow(properties, RULESET), "the table's RuleSet is '" + ruleSet
                    + "'; a table's RuleSet is its file name: write 'RuleSet," + topic + "' or leave the row out"));
        }
        List<Rule> written = rules.stream().filter(rule -> !isEmptyTable(rule)).toList();
        if (written.isEmpty()) {
            problems.add(Problem.at(path, 1, "decision table produced no rules: write each rule on a row of its "
                    + "own directly below the table's four header rows (column types, fact, code, labels)"));
            return new Translation(null, List.copyOf(problems));
        }
        for (Rule rule : rules) {
            if (isEmptyTable(rule)) {
                problems.add(Problem.at(path, rule.getSpreadsheetRowNumber(), "decision table produced no rules "
                        + "for the RuleTable above this row: write its rules on the rows directly below its four "
                        + "header rows"));
            }
        }
        if (!problems.isEmpty()) {
            return new Translation(null, List.copyOf(problems));
        }
        String drl = "package " + topic + ";\n" + generated;
        return new Translation(RuleSource.generated(path, drl, rowOfLine(drl, written, properties)), List.of());
    }

    /**
     * The row each DRL line came from: lines of a rule block to the rule's row, lines outside rules
     * (package, imports, globals, functions) to the row of the property cell holding their text.
     */
    private static int[] rowOfLine(String drl, List<Rule> rules, CaseInsensitiveMap properties) {
        DrlText text = new DrlText(drl);
        String[] lines = drl.split("\n", -1);
        int[] rows = new int[lines.length];
        List<DrlText.RuleBlock> blocks = text.rules();
        int[] owner = new int[lines.length];
        Arrays.fill(owner, -1);
        for (int i = 0; i < blocks.size(); i++) {
            DrlText.RuleBlock block = blocks.get(i);
            int last = text.lineAt(block.rhsOffset() + block.rhs().length());
            for (int line = block.line(); line <= last && line <= lines.length; line++) {
                owner[line - 1] = i;
            }
        }
        int lastRuleRow = 0;
        int headerRow = 1;
        for (int i = 0; i < lines.length; i++) {
            if (owner[i] >= 0) {
                lastRuleRow = rules.get(Math.min(owner[i], rules.size() - 1)).getSpreadsheetRowNumber();
                rows[i] = lastRuleRow;
                continue;
            }
            String line = lines[i].strip();
            if (line.startsWith("package ")) {
                rows[i] = propertyRow(properties, RULESET);
                continue;
            }
            String key = HEADER_KEYWORD.matcher(line).replaceFirst("").replaceFirst(";$", "").strip();
            int found = key.isEmpty() || line.startsWith("//") ? 0 : rowOfPropertyContaining(properties, key);
            if (found > 0) {
                headerRow = found;
            }
            // Further lines of a multi-line property (a function) keep its row; lines between rules the rule's.
            rows[i] = found > 0 ? found : lastRuleRow > 0 ? lastRuleRow : headerRow;
        }
        return rows;
    }

    /** Whether Drools made this rule for a RuleTable with no rows: nothing but its generated name. */
    private static boolean isEmptyTable(Rule rule) {
        return rule.getConditions().isEmpty() && rule.getConsequences().isEmpty() && rule.getMetadata().isEmpty()
                && rule.getName().replace("\"", "").endsWith("_" + rule.getSpreadsheetRowNumber());
    }

    private static String single(CaseInsensitiveMap properties, String key) {
        List<String> values = properties.getProperty(key);
        return values == null || values.isEmpty() ? null : values.get(0).strip();
    }

    private static int propertyRow(CaseInsensitiveMap properties, String key) {
        List<String> cells = properties.getPropertyCells(key);
        return cells == null || cells.isEmpty() ? 1 : rowOfCell(cells.get(0));
    }

    private static int rowOfPropertyContaining(CaseInsensitiveMap properties, String text) {
        for (String key : properties.keySet()) {
            List<String> values = properties.getProperty(key);
            List<String> cells = properties.getPropertyCells(key);
            for (int i = 0; values != null && cells != null && i < Math.min(values.size(), cells.size()); i++) {
                if (values.get(i) != null && values.get(i).contains(text)) {
                    return rowOfCell(cells.get(i));
                }
            }
        }
        return 0;
    }

    private static int rowOfCell(String cell) {
        Matcher m = cell == null ? null : CELL.matcher(cell);
        return m != null && m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** The row of the first cell a Drools message names ("in cell C7", "in cells [B1, B5]"), or 0. */
    private static int rowIn(String message) {
        Matcher m = CELL_IN_MESSAGE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The file's bytes, without the byte-order mark spreadsheet programs put before UTF-8 CSV. */
    private static byte[] bytesOf(BundleFile table) {
        byte[] bytes = table.bytes();
        if (table.path().endsWith(".csv") && bytes.length >= 3
                && Arrays.equals(Arrays.copyOf(bytes, 3), UTF8_BOM)) {
            return Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return bytes;
    }

    private static Problem unreadable(String path, Throwable cause) {
        return Problem.inFile(path, "could not read the decision table: " + cause.getMessage()
                + " (a .drl.csv must be comma-separated UTF-8 text, a .drl.xlsx an Excel workbook)");
    }

    private static Translation failed(Problem problem) {
        return new Translation(null, List.of(problem));
    }
}
