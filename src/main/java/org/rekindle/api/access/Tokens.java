package org.rekindle.api.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The bearer tokens a server is given: one comma-separated variable per role
 * ({@code REKINDLE_APP_TOKENS}, {@code REKINDLE_AUDITOR_TOKENS}, {@code REKINDLE_COACH_TOKENS},
 * {@code REKINDLE_OPS_TOKENS}, {@code REKINDLE_AUDITOR_PRIVATE_TOKENS}) and the lines of
 * {@code REKINDLE_TOKENS_FILE}, read once at start-up.
 */
public final class Tokens {

    /** The variable naming the tokens file. */
    public static final String FILE_VARIABLE = "REKINDLE_TOKENS_FILE";

    private Tokens() {
    }

    /**
     * The access the variables in {@code env} grant; open when they name no token.
     *
     * @throws IllegalArgumentException naming the tokens file (and the line) when it cannot be read or a line
     *                                  is not {@code role=token}
     */
    public static Access fromEnvironment(Map<String, String> env) {
        Map<Role, List<String>> tokens = new EnumMap<>(Role.class);
        tokens.put(Role.APP, split(env.get("REKINDLE_APP_TOKENS")));
        tokens.put(Role.AUDITOR, split(env.get("REKINDLE_AUDITOR_TOKENS")));
        tokens.put(Role.COACH, split(env.get("REKINDLE_COACH_TOKENS")));
        tokens.put(Role.OPS, split(env.get("REKINDLE_OPS_TOKENS")));
        List<String> privateAuditors = split(env.get("REKINDLE_AUDITOR_PRIVATE_TOKENS"));
        String file = env.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            readFile(Path.of(file), tokens, privateAuditors);
        }
        return Access.of(tokens, privateAuditors);
    }

    /**
     * Lines of {@code role=token} ({@code app}, {@code auditor}, {@code coach}, {@code ops}, or
     * {@code auditor+private} for an auditor who may read private answers); '#' starts a comment.
     */
    private static void readFile(Path file, Map<Role, List<String>> tokens, List<String> privateAuditors) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_VARIABLE + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("auditor+private")
                    && !line.substring(eq + 1).isBlank()) {
                privateAuditors.add(line.substring(eq + 1).strip());
                continue;
            }
            Role role = eq < 0 ? null : Arrays.stream(Role.values())
                    .filter(r -> r != Role.ANYONE && r.name().equalsIgnoreCase(line.substring(0, eq).strip()))
                    .findFirst().orElse(null);
            if (role == null || line.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": expected role=token with role app, auditor, coach or ops (or auditor+private, an auditor who "
                        + "may read private answers)");
            }
            tokens.computeIfAbsent(role, r -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList());
    }
}
