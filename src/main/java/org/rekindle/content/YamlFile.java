package org.rekindle.content;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;

/**
 * One coach's YAML file (content, a translation, scenario cases), read the one way every check reads
 * them: UTF-8 only, each key once in a mapping (YAML would silently keep the last of two), and a file
 * that cannot be read reported in plain words at the character to fix, never in the YAML library's.
 * It remembers where each key and value is written, so that a check of the tree can name the line and
 * column of what it refuses.
 */
public final class YamlFile {

    /** Where something is written: 1-based line and column. */
    public record Spot(int line, int column) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;
    private final Map<String, Spot> keys;
    private final Map<String, Spot> values;

    private YamlFile(JsonNode root, Map<String, Spot> keys, Map<String, Spot> values) {
        this.root = root;
        this.keys = keys;
        this.values = values;
    }

    /**
     * Reads {@code file}; null, with the problem added, when it is empty, not UTF-8, not YAML, repeats a
     * key or does not hold a mapping at the top.
     *
     * @param unread what it means for the coach that the file is not read: "none of its cases run"
     */
    public static YamlFile read(BundleFile file, String unread, List<Problem> problems) {
        Optional<Problem> encoding = file.notUtf8();
        if (encoding.isPresent()) {
            problems.add(encoding.get());
            return null;
        }
        if (file.text().isBlank()) {
            problems.add(new Problem(file.path(), 1, 1, "the file is empty, so " + unread + "; write it as "
                    + "docs/AUTHORING.md shows, or delete the file"));
            return null;
        }
        Map<String, Spot> keys = new HashMap<>();
        Map<String, Spot> values = new HashMap<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.bytes())) {
            if (parser.nextToken() != null) {
                Problem repeated = walk(parser, "", keys, values, file.path());
                if (repeated != null) {
                    problems.add(new Problem(repeated.file(), repeated.line(), repeated.column(), repeated.message()
                            + "; until then " + unread));
                    return null;
                }
            }
            JsonNode root = YAML.readTree(file.bytes());
            if (root == null || !root.isObject()) {
                problems.add(new Problem(file.path(), 1, 1, "the file does not start with 'key: value' lines (such "
                        + "as the first lines docs/AUTHORING.md shows for it), so " + unread));
                return null;
            }
            return new YamlFile(root, Map.copyOf(keys), Map.copyOf(values));
        } catch (JsonProcessingException e) {
            problems.add(unreadable(file, e, unread));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(file.path(), 1, 1, "could not be read (" + e.getMessage() + "), so " + unread));
            return null;
        }
    }

    public JsonNode root() {
        return root;
    }

    /**
     * Where the key (or, for a list item, the value) at a JSON pointer such as {@code /cases/0/expect/cards/1}
     * is written; for a pointer the file does not have, the nearest enclosing key or item that it has.
     */
    public Spot spot(String pointer) {
        String at = pointer;
        while (true) {
            Spot spot = keys.containsKey(at) ? keys.get(at) : values.get(at);
            if (spot != null || at.isEmpty()) {
                return spot == null ? new Spot(1, 1) : spot;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }

    /**
     * Every key and list item written under {@code pointer}, by its path below it without the leading
     * {@code /} ({@code expect/cards/0} under {@code /cases/3}): a key's own spot rather than its value's.
     */
    public Map<String, Spot> spotsUnder(String pointer) {
        Map<String, Spot> under = new HashMap<>();
        String prefix = pointer + "/";
        values.forEach((at, spot) -> {
            if (at.startsWith(prefix)) {
                under.put(at.substring(prefix.length()), spot);
            }
        });
        keys.forEach((at, spot) -> {
            if (at.startsWith(prefix)) {
                under.put(at.substring(prefix.length()), spot);
            }
        });
        return Map.copyOf(under);
    }

    /** One segment of a JSON pointer: {@code ~} and {@code /} escaped as RFC 6901 says. */
    public static String segment(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Records where each key and value under the current token is written; returns the first key that a
     * mapping repeats, as a problem, or null.
     */
    private static Problem walk(JsonParser parser, String pointer, Map<String, Spot> keys, Map<String, Spot> values,
            String file) throws IOException {
        values.putIfAbsent(pointer, spot(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                String child = pointer + "/" + segment(name);
                Spot at = spot(parser.currentTokenLocation());
                if (!seen.add(name)) {
                    return new Problem(file, at.line(), at.column(), "'" + name + "' is written twice in the same "
                            + "place (the first is on line " + keys.get(child).line() + "); YAML would keep only this "
                            + "one and silently drop the other: keep one of them");
                }
                keys.put(child, at);
                parser.nextToken();
                Problem repeated = walk(parser, child, keys, values, file);
                if (repeated != null) {
                    return repeated;
                }
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Problem repeated = walk(parser, pointer + "/" + index++, keys, values, file);
                if (repeated != null) {
                    return repeated;
                }
            }
        }
        return null;
    }

    private static Spot spot(JsonLocation location) {
        return new Spot(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
    }

    /** A file YAML cannot read: what is wrong, in words, at the character the YAML reader stopped at. */
    private static Problem unreadable(BundleFile file, JsonProcessingException e, String unread) {
        MarkedYAMLException yaml = null;
        for (Throwable cause = e; cause != null && yaml == null; cause = cause.getCause()) {
            yaml = cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null ? marked : null;
        }
        if (yaml != null) {
            return new Problem(file.path(), yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1,
                    plain(String.valueOf(yaml.getProblem()), String.valueOf(yaml.getContext())) + "; until then "
                            + unread);
        }
        JsonLocation location = e.getLocation();
        Spot at = location == null ? new Spot(1, 1) : spot(location);
        return new Problem(file.path(), at.line(), at.column(), "YAML cannot read the file here; check the indentation "
                + "and the quotes of this line and the one above it; until then " + unread);
    }

    /** The YAML reader's complaint, as what the coach did and what to write instead. */
    static String plain(String problem, String context) {
        if (problem.contains("(TAB)") || problem.contains("\\t") || problem.contains("tab character")) {
            return "a tab is used to indent here, and YAML indents with spaces only; replace the tab with spaces";
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return "a ':' that YAML cannot read here; a text holding ': ' goes in quotes (title: \"Before: after\"), "
                    + "and a key must line up with the keys above it";
        }
        if (problem.startsWith("expected <block end>") || problem.startsWith("did not find expected key")) {
            return "this line is not lined up with the lines around it; indent each key like the keys beside it, "
                    + "and each list item ('- ') like the items beside it";
        }
        if (problem.startsWith("did not find expected '-' indicator")) {
            return "a list item is expected here; start it with '- ' lined up with the items above it";
        }
        if (problem.startsWith("could not find expected ':'")) {
            return "a line here is not 'key: value'; add the missing ':' after the key, or put a text that runs over "
                    + "several lines after '>' on the line of its key";
        }
        if (context.contains("quoted scalar")) {
            return "a text opened with a quote is never closed; add the closing quote where the text ends";
        }
        if (problem.startsWith("expected ',' or ']'")) {
            return "a list in [ ] is not closed, or its items are not separated by commas; write [first, second]";
        }
        if (problem.startsWith("expected ',' or '}'")) {
            return "a { } is not closed, or its entries are not separated by commas; write {key: value, other: value}";
        }
        if (problem.contains("that cannot start any token") || problem.startsWith("found undefined alias")) {
            return "a value starts with a character YAML reserves (such as @, `, * or %); put the value in quotes";
        }
        return "YAML cannot read the file here (" + problem.strip() + "); check the indentation and the quotes of "
                + "this line and the one above it";
    }
}
