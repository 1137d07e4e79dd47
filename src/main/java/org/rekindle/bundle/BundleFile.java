package org.rekindle.bundle;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One rule or content file: its path inside the bundle ({@code rules/...} or {@code content/...})
 * and its exact bytes, so that a stored bundle rebuilds the very ruleset it was read as.
 */
public record BundleFile(String path, byte[] bytes) {

    /** The mark some editors (Windows Notepad, Excel's "CSV UTF-8") put before the first character. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * The file's text, read as UTF-8, without the byte-order mark an editor may have saved before the
     * first character (it is not part of what the coach wrote, and positions do not count it). Bytes
     * that are not UTF-8 read as U+FFFD: check {@link #notUtf8()} first where that matters.
     */
    public String text() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * The first place where the bytes are not UTF-8, as a problem a coach can act on (a file saved as
     * Windows-1252 or Latin-1 reads as UTF-8 until its first accented letter, which it would silently
     * turn into U+FFFD); empty when the whole file is UTF-8.
     */
    public Optional<Problem> notUtf8() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError() && !decoder.flush(out).isError()) {
            return Optional.empty();
        }
        // The decoder stopped at the first bad byte: what it decoded before it places the problem.
        out.flip();
        int line = 1;
        int column = 1;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (c != BYTE_ORDER_MARK || i > 0) {
                column++;
            }
        }
        return Optional.of(new Problem(path, line, column, "the file is not saved as UTF-8 (this character is in "
                + "another encoding, such as Windows-1252 or Latin-1); save it as UTF-8, in most editors with Save "
                + "As and the encoding UTF-8"));
    }

    /** The file name without folders and extension, e.g. {@code signs} for {@code rules/signs.drl}. */
    public String baseName() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
