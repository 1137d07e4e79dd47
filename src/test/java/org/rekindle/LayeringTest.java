package org.rekindle;

import static org.assertj.core.api.Assertions.assertThat;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering README.md's "Layout" describes, held for the production classes: no package cycles;
 * {@code model} and {@code bundle} at the bottom; {@code api} and {@code cli} at the top, with the
 * server that wires them and {@code Main} above; the decision and its stored form ({@code decision})
 * below everything that reads or writes decisions.
 */
class LayeringTest {

    private static final String ROOT = "org.rekindle";
    private static final String API = "org.rekindle.api..";
    private static final String CLI = "org.rekindle.cli..";
    private static final String SERVER = "org.rekindle.server..";

    /**
     * The packages as README.md's "Layout" lists them, bottom to top: each uses only those before it.
     */
    private static final List<String> BOTTOM_TO_TOP = List.of("model", "bundle", "json", "content", "ruleset",
            "engine", "decision", "explain", "scenario", "audit", "live", "replay", "api", "server", "cli");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /**
     * Every package is placed: one left out of the list would be held to nothing, and the layering would be
     * written down in two places that disagree.
     */
    @Test
    void everyPackageIsInTheLayoutAndTheReadmeListsThemInItsOrder() throws IOException {
        Set<String> packages = new TreeSet<>();
        classes.forEach(type -> {
            String name = type.getPackageName();
            if (name.startsWith(ROOT + ".")) {
                packages.add(name.substring(ROOT.length() + 1).split("\\.")[0]);
            }
        });
        assertThat(packages).as("the packages under %s", ROOT).containsExactlyInAnyOrderElementsOf(BOTTOM_TO_TOP);

        String readme = Files.readString(Path.of("README.md"));
        String layout = readme.substring(readme.indexOf("## Layout"));
        layout = layout.substring(0, layout.indexOf("\n```", layout.indexOf("```") + 3));
        List<String> listed = new ArrayList<>();
        Matcher entry = Pattern.compile("(?m)^  ([a-z]+)/").matcher(layout);
        while (entry.find()) {
            listed.add(entry.group(1));
        }
        assertThat(listed).as("README.md's Layout, bottom to top").containsExactlyElementsOf(BOTTOM_TO_TOP);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("org.rekindle.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowItInTheLayout() {
        for (int i = 0; i < BOTTOM_TO_TOP.size(); i++) {
            String name = BOTTOM_TO_TOP.get(i);
            String[] above = BOTTOM_TO_TOP.subList(i + 1, BOTTOM_TO_TOP.size()).stream()
                    .map(p -> ROOT + "." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + name + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .check(classes);
        }
    }

    @Test
    void noFeatureOfTheApiDependsOnItselfThroughAnother() {
        slices().matching("org.rekindle.api.(*)..").namingSlices("api.$1")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void theApiFeaturesNeverReachUpToTheAppFactoryAboveThem() {
        noClasses().that().resideInAPackage("org.rekindle.api.*..")
                .should().dependOnClassesThat().resideInAPackage("org.rekindle.api")
                .check(classes);
    }

    @Test
    void modelAndBundleAreAtTheBottom() {
        noClasses().that().resideInAnyPackage("org.rekindle.model..", "org.rekindle.bundle..")
                .should().dependOnClassesThat(resideInAPackage("org.rekindle..")
                        .and(not(resideInAnyPackage("org.rekindle.model..", "org.rekindle.bundle.."))))
                .check(classes);
    }

    @Test
    void nothingBelowTheApiImportsIt() {
        noClasses().that().resideOutsideOfPackages(API, CLI, SERVER, ROOT)
                .should().dependOnClassesThat().resideInAPackage(API)
                .check(classes);
    }

    @Test
    void onlyMainUsesTheCommandLine() {
        noClasses().that().resideOutsideOfPackages(CLI, ROOT)
                .should().dependOnClassesThat().resideInAPackage(CLI)
                .check(classes);
    }

    @Test
    void onlyTheCommandLineAndMainStartTheServer() {
        noClasses().that().resideOutsideOfPackages(SERVER, CLI, ROOT)
                .should().dependOnClassesThat().resideInAPackage(SERVER)
                .check(classes);
    }

    @Test
    void nothingDependsOnMain() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(classes);
    }

    /** Said twice on purpose: the decision's place is the point of the layering, worth its own failure message. */
    @Test
    void theDecisionIsBelowEverythingThatReadsOrWritesDecisions() {
        noClasses().that().resideInAPackage("org.rekindle.decision..")
                .should().dependOnClassesThat().resideInAnyPackage(API, "org.rekindle.replay..",
                        "org.rekindle.audit..", "org.rekindle.explain..", CLI, SERVER, ROOT)
                .check(classes);
    }
}
