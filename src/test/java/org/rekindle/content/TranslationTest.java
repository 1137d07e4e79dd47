package org.rekindle.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.testing.Checkout;

/**
 * Translations ({@code content/locales/<tag>/}): the checkout's Spanish one, what falls back, and what
 * {@code validate} refuses, on copies of the checkout's content edited as a coach would.
 */
class TranslationTest {

    @TempDir
    Path dir;

    private int copies;

    @Test
    void theCheckoutsSpanishTranslationLoadsAndSaysWhatFallsBack() {
        ContentLoader.Result loaded = ContentLoader.load(Checkout.bundle());
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.content().locales()).containsExactly("en", "es");
        assertThat(loaded.notes()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).matches("translates \\d+ of \\d+ texts; the others are shown in English"))
                .anySatisfy(m -> assertThat(m).startsWith("falls back for paths.leaving"));
    }

    @Test
    void eachTextFallsBackOnItsOwn() {
        Content english = ContentLoader.load(Checkout.bundle()).content();
        Content spanish = english.in("es-MX");
        assertThat(spanish.locale()).isEqualTo("es");
        assertThat(spanish.questionnaire().question("safety_control").text())
                .isEqualTo("¿Tu pareja controla adónde vas, a quién ves, tu dinero o tu teléfono?");
        assertThat(spanish.questionnaire().question("therapy_status"))
                .isEqualTo(english.questionnaire().question("therapy_status"));
        assertThat(spanish.library().item("safety_help").title()).isEqualTo("Una nota solo para ti");
        assertThat(spanish.library().item("steps_acknowledge")).isEqualTo(english.library().item("steps_acknowledge"));
        assertThat(spanish.plan().path("safety").title()).isEqualTo("Solo para ti");
        assertThat(spanish.plan().path("reconnect").title()).isEqualTo(english.plan().path("reconnect").title());
        assertThat(spanish.plan().path("safety").keepOnly()).as("only texts change")
                .isEqualTo(english.plan().path("safety").keepOnly());
        assertThat(english.in("fr-FR")).isSameAs(english);
        assertThat(english.in(Locale.LanguageRange.parse("fr-CA, es;q=0.5"))).isSameAs(spanish);
        assertThat(english.in((String) null)).isSameAs(english);
    }

    @Test
    void theHelpLinesRegionComesFromTheLocalesCountry() {
        HelpLines lines = ContentLoader.load(Checkout.bundle()).content().helpLines();
        assertThat(lines.forLocale("en-GB").id()).isEqualTo("uk");
        assertThat(lines.forLocale("en-US").id()).isEqualTo("us");
        assertThat(lines.forLocale("en-IE").id()).isEqualTo("ireland");
        assertThat(lines.forLocale("es-ZZ").id()).isEqualTo("international");
        assertThat(lines.forLocale(null).id()).isEqualTo("international");
    }

    @Test
    void anUnknownIdInATranslationIsRefusedAtItsLine() {
        Path copy = copy();
        Checkout.edit(copy.resolve("content/locales/es/questionnaire/safety.yaml"), "- id: safety_hurt",
                "- id: safety_hurts");
        List<Problem> problems = load(copy);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("content/locales/es/questionnaire/safety.yaml");
            assertThat(p.line()).isEqualTo(lineOf(copy, "locales/es/questionnaire/safety.yaml", "- id: safety_hurts"));
            assertThat(p.message()).isEqualTo("names question 'safety_hurts', which content/questionnaire/safety.yaml "
                    + "does not have; a translation keeps the default's ids");
        });
    }

    @Test
    void aFileThatSaysItIsCompleteMustTranslateEveryText() {
        Path copy = copy();
        Checkout.edit(copy.resolve("content/locales/es/guidance/safety.yaml"), "    title: Cuidar de ti\n", "");
        List<Problem> problems = load(copy);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("content/locales/es/guidance/safety.yaml");
            assertThat(p.line()).isEqualTo(lineOf(copy, "locales/es/guidance/safety.yaml", "complete: true"));
            assertThat(p.message()).isEqualTo("says complete: true but does not translate "
                    + "safety_look_after_yourself.title; translate it, or remove complete: true to let it fall back");
        });
    }

    @Test
    void aPartialFileFallsBackWithANoteAndNoProblem() {
        Path copy = copy();
        Path file = copy.resolve("content/locales/es/guidance/safety.yaml");
        Checkout.edit(file, "complete: true\n", "");
        Checkout.edit(file, "    title: Cuidar de ti\n", "");
        ContentLoader.Result loaded = ContentLoader.load(Bundle.read(copy.resolve("rules"), copy.resolve("content")));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.notes()).anySatisfy(n -> {
            assertThat(n.file()).isEqualTo("content/locales/es/guidance/safety.yaml");
            assertThat(n.message()).isEqualTo("falls back for safety_look_after_yourself.title");
        });
        assertThat(loaded.content().in("es").library().item("safety_look_after_yourself").title())
                .isEqualTo("Looking after yourself");
    }

    @Test
    void anUnknownOptionFieldOrFileIsRefused() {
        Path copy = copy();
        write(copy, "content/locales/es/questionnaire/attachment.yaml", """
                questions:
                  - id: att_my_reaction
                    txt: ¿Qué haces?
                    options:
                      - {value: shout, label: Gritar}
                """);
        write(copy, "content/locales/es/notes.yaml", "title: nada\n");
        write(copy, "content/locales/xx-!/plan.yaml", "paths: []\n");
        List<String> messages = load(copy).stream().map(Problem::toString).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("content/locales/es/questionnaire/attachment.yaml:2:5: has field 'txt'"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("translates option 'shout' of question "
                + "'att_my_reaction', which has no such option; the values are [push, pull, neither]"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("content/locales/es/notes.yaml:0:0: a translation has "));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("content/locales/xx-!/:0:0: 'xx-!' is not a language tag"));
    }

    private Path copy() {
        Path copy = dir.resolve("copy" + copies++);
        Checkout.copyTo(copy);
        return copy;
    }

    private static List<Problem> load(Path copy) {
        return ContentLoader.load(Bundle.read(copy.resolve("rules"), copy.resolve("content"))).problems();
    }

    private static int lineOf(Path copy, String file, String text) {
        try {
            return ContentLoader.lineOf(Files.readString(copy.resolve("content").resolve(file)), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path copy, String file, String text) {
        try {
            Path path = copy.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
