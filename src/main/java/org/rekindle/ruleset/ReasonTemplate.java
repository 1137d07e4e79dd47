package org.rekindle.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A rule's {@code @reason}, parsed once at compile time: literal text with {@code {question_id}}
 * and {@code {$binding}} holes that the engine fills for each firing.
 */
public final class ReasonTemplate {

    /** A piece of the template: literal text, or a hole naming an answer or a binding. */
    private record Part(String text, boolean hole) {
    }

    private final String source;
    private final List<Part> parts;

    private ReasonTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static ReasonTemplate parse(String source) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf('{', i);
            int close = open < 0 ? -1 : source.indexOf('}', open);
            if (open < 0 || close < 0) {
                parts.add(new Part(source.substring(i), false));
                break;
            }
            if (open > i) {
                parts.add(new Part(source.substring(i, open), false));
            }
            parts.add(new Part(source.substring(open + 1, close).strip(), true));
            i = close + 1;
        }
        return new ReasonTemplate(source, List.copyOf(parts));
    }

    /** The holes naming answers ({@code {question_id}}), for the cross-check. */
    public List<String> answerHoles() {
        return parts.stream().filter(p -> p.hole && !p.text.startsWith("$")).map(Part::text).toList();
    }

    /** The holes naming bindings ({@code {$name}}), without the dollar. */
    public List<String> bindingHoles() {
        return parts.stream().filter(p -> p.hole && p.text.startsWith("$")).map(p -> p.text.substring(1)).toList();
    }

    /**
     * Fills the holes. {@code fill} gets the hole's name ({@code "$yes"} or {@code "sign_daily_details"})
     * and returns its text, or null to leave "(not answered)".
     */
    public String render(Function<String, String> fill) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (!part.hole) {
                out.append(part.text);
            } else {
                String value = fill.apply(part.text);
                out.append(value == null ? "(not answered)" : value);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
