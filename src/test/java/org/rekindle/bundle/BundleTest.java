package org.rekindle.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.rekindle.testing.Checkout;

/** A candidate bundle made by writing files over another, as the impact preview does. */
class BundleTest {

    @Test
    void aCandidateIsTheBundleWithItsFilesReplacedAddedAndRemoved() {
        Bundle live = Checkout.bundle();
        Bundle candidate = live.with(Map.of("rules/signs.drl", bytes("package signs;"),
                "content/guidance/extra.yaml", bytes("topic: extra")), List.of("rules/stories.drl"));
        assertThat(candidate.version()).isNotEqualTo(live.version());
        assertThat(candidate.files()).extracting(BundleFile::path).contains("content/guidance/extra.yaml")
                .doesNotContain("rules/stories.drl").isSorted();
        assertThat(candidate.files("rules/", "signs.drl").get(0).text()).isEqualTo("package signs;");
        assertThat(candidate.files()).hasSize(live.files().size());

        assertThat(live.with(Map.of(), List.of()).version()).as("no edit, same version").isEqualTo(live.version());
    }

    @Test
    void onlyFilesARulesetIsReadFromCanBeWritten() {
        assertThat(Bundle.belongs("rules/signs.drl")).isTrue();
        assertThat(Bundle.belongs("rules/myths.drl.csv")).isTrue();
        assertThat(Bundle.belongs("rules/signs.cases.yaml")).isTrue();
        assertThat(Bundle.belongs("content/guidance/signs.yaml")).isTrue();
        assertThat(Bundle.belongs("rules/notes.txt")).isFalse();
        assertThat(Bundle.belongs("rules/../content/x.yaml")).isFalse();
        assertThat(Bundle.belongs("rules/.hidden.drl")).isFalse();
        assertThat(Bundle.belongs("/rules/signs.drl")).isFalse();
        assertThat(Bundle.belongs("other/signs.drl")).isFalse();
        assertThat(Bundle.belongs("rules//signs.drl")).isFalse();

        Bundle live = Checkout.bundle();
        assertThatThrownBy(() -> live.with(Map.of("rules/notes.txt", bytes("x")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules/notes.txt");
        assertThatThrownBy(() -> live.with(Map.of(), List.of("rules/nope.drl")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules/nope.drl");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
