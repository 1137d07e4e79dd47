package org.rekindle.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.engine.Engine;
import org.rekindle.engine.Firing;
import org.rekindle.testing.Checkout;

/**
 * Decision tables ({@code rules/<topic>.drl.csv}, {@code .drl.xlsx}) compile through the same checks as
 * DRL and report every rule and every problem against the table's file and row.
 */
class DecisionTableTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/tables");
    private static final Path BROKEN = Path.of("src/test/resources/fixtures/tables-broken");

    @TempDir
    Path dir;

    @Test
    void aTableCompilesAndItsRulesCarryTheTableFileAndRow() {
        RulesetLoader.Result loaded = RulesetLoader.load(Bundle.read(FIXTURE.resolve("rules"),
                FIXTURE.resolve("content")));
        assertThat(loaded.problems()).isEmpty();
        Map<String, RuleInfo> rules = byId(loaded.ruleset());

        RuleInfo named = rules.get("feelings.effortless");
        assertThat(named.file()).isEqualTo("rules/feelings.drl.csv");
        assertThat(named.line()).isEqualTo(9);
        assertThat(named.name()).isEqualTo("Reframe the belief that love is effortless");
        assertThat(named.source()).isEqualTo("Fixture source, 2026");
        assertThat(named.cards()).containsExactly("effort_is_normal");
        assertThat(named.questions()).containsExactly("love_effortless");

        RuleInfo unnamed = rules.get("feelings.hidden");
        assertThat(unnamed.file()).isEqualTo("rules/feelings.drl.csv");
        assertThat(unnamed.line()).isEqualTo(10);
        assertThat(unnamed.name()).as("Drools names an unnamed row after its table and row").isEqualTo("Feelings_10");

        assertThat(rules.get("habits.talk_more").file()).isEqualTo("rules/habits.drl");
    }

    @Test
    void aTableRuleFiresWithItsRowAndReasonInTheTrace() {
        Ruleset ruleset = RulesetLoader.load(Bundle.read(FIXTURE.resolve("rules"), FIXTURE.resolve("content")))
                .ruleset();
        List<Firing> trace = Engine.evaluate(ruleset, ruleset.content().questionnaire().read(
                Map.of("love_effortless", "unsure", "hide_feelings", "no"))).trace();
        assertThat(trace).singleElement().satisfies(firing -> {
            assertThat(firing.ruleId()).isEqualTo("feelings.effortless");
            assertThat(firing.file()).isEqualTo("rules/feelings.drl.csv");
            assertThat(firing.line()).isEqualTo(9);
            assertThat(firing.reason()).isEqualTo("You answered “I'm not sure”.");
            assertThat(firing.inserted()).anySatisfy(fact -> assertThat(fact).contains("effort_is_normal"));
        });
    }

    @Test
    void theMythsSectionIsATableWithTheRuleIdsItHadAsDrl() {
        Map<String, RuleInfo> myths = Checkout.ruleset().rules().stream()
                .filter(rule -> rule.file().equals("rules/myths.drl.csv"))
                .collect(Collectors.toMap(RuleInfo::id, Function.identity()));
        assertThat(myths.keySet()).containsExactlyInAnyOrder("myths.love_effortless", "myths.time_heals",
                "myths.talking_fixes", "myths.intimacy_sex", "myths.independence",
                "myths.vulnerability_over_independence", "myths.vulnerability_hidden_feelings");
        assertThat(myths.get("myths.love_effortless").line()).isEqualTo(10);
        RuleInfo hidden = myths.get("myths.vulnerability_hidden_feelings");
        assertThat(hidden.line()).isEqualTo(16);
        assertThat(hidden.source()).isEqualTo("Dr. Brené Brown, 2023");
        assertThat(hidden.cards()).containsExactly("myth_vulnerability_power");
        assertThat(hidden.questions()).containsExactly("sa_hide_feelings");
    }

    @Test
    void anXlsxTableCompilesLikeItsCsvTwin() throws IOException {
        copyFixtureTo(dir);
        Path csv = dir.resolve("rules/feelings.drl.csv");
        writeXlsx(csv, dir.resolve("rules/feelings.drl.xlsx"));
        Files.delete(csv);
        RulesetLoader.Result loaded = RulesetLoader.load(Bundle.read(dir.resolve("rules"), dir.resolve("content")));
        assertThat(loaded.problems()).isEmpty();
        RuleInfo rule = byId(loaded.ruleset()).get("feelings.hidden");
        assertThat(rule.file()).isEqualTo("rules/feelings.drl.xlsx");
        assertThat(rule.line()).isEqualTo(10);
    }

    @Test
    void aCsvSavedWithAByteOrderMarkCompiles() throws IOException {
        byte[] csv = Files.readAllBytes(FIXTURE.resolve("rules/feelings.drl.csv"));
        byte[] withBom = new byte[csv.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(csv, 0, withBom, 3, csv.length);
        RulesetLoader.Result loaded = RulesetLoader.load(fixtureWith(new BundleFile("rules/feelings.drl.csv", withBom),
                false));
        assertThat(loaded.problems()).isEmpty();
        assertThat(byId(loaded.ruleset()).get("feelings.hidden").line()).isEqualTo(10);
    }

    @Test
    void aTableWithNoRuleRowsIsAProblemNotSilence() {
        assertThat(problemsWith("no_rows.drl.csv")).contains(
                new Problem("rules/no_rows.drl.csv", 1, 0, "decision table produced no rules: write each rule on a "
                        + "row of its own directly below the table's four header rows (column types, fact, code, "
                        + "labels)"));
    }

    @Test
    void aTableWithoutARuleTableCellIsAProblem() {
        assertThat(problemsWith("no_table.drl.csv")).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/no_table.drl.csv");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).startsWith("decision table produced no rules").contains("RuleTable");
        });
    }

    @Test
    void aMalformedTableIsAProblemNamingTheFileAndRow() {
        assertThat(problemsWith("malformed.drl.csv")).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/malformed.drl.csv");
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.message()).startsWith("malformed decision table").contains("B10");
        });
    }

    @Test
    void aDamagedWorkbookIsAProblemNamingTheFile() {
        assertThat(problemsWith("damaged.drl.xlsx")).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/damaged.drl.xlsx");
            assertThat(problem.message()).startsWith("could not read the decision table");
        });
    }

    @Test
    void aSyntaxErrorInATableCodeCellIsReportedAgainstTheRowsThatUseIt() {
        assertThat(problemsWith("syntax.drl.csv")).isNotEmpty()
                .filteredOn(problem -> problem.file().equals("rules/syntax.drl.csv"))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.line()).isEqualTo(9));
    }

    @Test
    void aPolicyViolationInATableActionIsRejectedWithTheTableFileAndRow() {
        List<Problem> problems = problemsWith("exits.drl.csv");
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/exits.drl.csv");
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.message()).startsWith("rule policy: 'System' is not allowed");
        });
        assertThat(problems).noneSatisfy(problem -> assertThat(problem.line()).isEqualTo(9));
    }

    @Test
    void aForbiddenImportInATableIsRejectedAtItsImportRow() {
        assertThat(problemsWith("imports_file.drl.csv")).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/imports_file.drl.csv");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).contains("import of 'java.io.File' is not allowed");
        });
    }

    @Test
    void aRuleSetOtherThanTheFileNameIsAProblem() throws IOException {
        byte[] renamed = Files.readAllBytes(FIXTURE.resolve("rules/feelings.drl.csv"));
        List<Problem> problems = RulesetLoader.load(fixtureWith(new BundleFile("rules/moods.drl.csv", renamed),
                false)).problems();
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/moods.drl.csv");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("RuleSet is 'feelings'").contains("'RuleSet,moods'");
        });
    }

    @Test
    void aTopicWrittenBothAsDrlAndAsATableIsAProblem() {
        BundleFile drl = new BundleFile("rules/feelings.drl", "package feelings;\n".getBytes(StandardCharsets.UTF_8));
        assertThat(RulesetLoader.load(fixtureWith(drl, true)).problems()).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("rules/feelings.drl.csv");
            assertThat(problem.message()).contains("topic 'feelings' is already written in rules/feelings.drl");
        });
    }

    @Test
    void aMisspeltQuestionInACellUsedTwiceIsOneProblem() throws IOException {
        String table = Files.readString(FIXTURE.resolve("rules/feelings.drl.csv"))
                .replace("\",love_effortless,,effort_is_normal", "\",love_effortles,,effort_is_normal");
        List<Problem> problems = RulesetLoader.load(fixtureWith(new BundleFile("rules/feelings.drl.csv",
                table.getBytes(StandardCharsets.UTF_8)), false)).problems();
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("rules/feelings.drl.csv");
            assertThat(problem.line()).isEqualTo(9);
            assertThat(problem.message()).contains("reads question 'love_effortles'", "did you mean 'love_effortless'");
        });
    }

    /** The problems of the fixture bundle with one broken table from {@code tables-broken} added. */
    private static List<Problem> problemsWith(String brokenTable) {
        try {
            BundleFile table = new BundleFile("rules/" + brokenTable, Files.readAllBytes(BROKEN.resolve(brokenTable)));
            RulesetLoader.Result loaded = RulesetLoader.load(fixtureWith(table, true));
            assertThat(loaded.ok()).isFalse();
            return loaded.problems();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bundle fixtureWith(BundleFile extra, boolean keepTable) {
        List<BundleFile> files = new ArrayList<>(Bundle.read(FIXTURE.resolve("rules"), FIXTURE.resolve("content"))
                .files());
        if (!keepTable) {
            files.removeIf(file -> file.path().equals("rules/feelings.drl.csv"));
        }
        files.add(extra);
        return new Bundle(files);
    }

    private static Map<String, RuleInfo> byId(Ruleset ruleset) {
        return ruleset.rules().stream().collect(Collectors.toMap(RuleInfo::id, Function.identity()));
    }

    private static void copyFixtureTo(Path target) throws IOException {
        try (var walk = Files.walk(FIXTURE)) {
            for (Path source : walk.toList()) {
                Path to = target.resolve(FIXTURE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to);
                }
            }
        }
    }

    /** Writes the cells of a simple CSV (quoted cells, doubled quotes, no line breaks in cells) as a workbook. */
    private static void writeXlsx(Path csv, Path xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = workbook.createSheet("Feelings");
            List<String> lines = Files.readAllLines(csv);
            for (int r = 0; r < lines.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = cells(lines.get(r));
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            workbook.write(out);
        }
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
