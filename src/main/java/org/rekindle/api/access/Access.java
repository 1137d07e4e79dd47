package org.rekindle.api.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens and their roles. Only SHA-256 hashes of the tokens are kept; a presented token is
 * hashed and compared to every known hash in constant time, so neither timing nor a heap dump gives
 * a token away. With no tokens configured the server runs open, and says so.
 */
public final class Access {

    /**
     * The caller, once authenticated: their role and the hash that identifies them as an owner.
     *
     * @param privateAnswers true when the token carries the scope to read answers to private questions
     */
    public record Caller(Role role, String tokenHash, boolean privateAnswers) {
    }

    private record Entry(byte[] hash, Role role, boolean privateAnswers) {
    }

    private final List<Entry> entries;

    private Access(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @param tokens role to the tokens that grant it */
    public static Access of(Map<Role, List<String>> tokens) {
        return of(tokens, List.of());
    }

    /**
     * @param tokens                role to the tokens that grant it
     * @param privateAuditorTokens  auditor tokens that may also read the answers to private questions
     */
    public static Access of(Map<Role, List<String>> tokens, List<String> privateAuditorTokens) {
        List<Entry> entries = new ArrayList<>();
        tokens.forEach((role, list) -> list.stream().map(String::strip).filter(t -> !t.isEmpty())
                .forEach(token -> entries.add(new Entry(sha256(token), role, false))));
        privateAuditorTokens.stream().map(String::strip).filter(t -> !t.isEmpty())
                .forEach(token -> entries.add(new Entry(sha256(token), Role.AUDITOR, true)));
        return new Access(entries);
    }

    public static Access open() {
        return new Access(List.of());
    }

    /** True when no token is configured: every route is open to everyone. */
    public boolean isOpen() {
        return entries.isEmpty();
    }

    /** The caller a bearer token identifies, or null when it is unknown. Constant time over all tokens. */
    public Caller identify(String token) {
        byte[] presented = sha256(token);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash, presented) && match == null) {
                match = entry;
            }
        }
        return match == null ? null : new Caller(match.role, HexFormat.of().formatHex(presented, 0, 16),
                match.privateAnswers);
    }

    /** Roles and how many tokens each has, for the start-up banner (never the tokens). */
    public Map<Role, Integer> summary() {
        Map<Role, Integer> counts = new LinkedHashMap<>();
        entries.forEach(e -> counts.merge(e.role, 1, Integer::sum));
        return counts;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
