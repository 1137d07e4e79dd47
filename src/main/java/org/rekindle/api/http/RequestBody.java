package org.rekindle.api.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.javalin.http.Context;

import org.rekindle.json.Json;
import org.rekindle.content.FieldProblem;

/**
 * Reads a JSON request body within the size limit, with the right content type, or says why not. A
 * key given twice in one object is refused (with the last one winning, a client could not tell which
 * answer was used), as is any media type but the ones in {@link #MEDIA_TYPES}.
 */
public final class RequestBody {

    /**
     * The media types a body may be sent as, with or without {@code charset=utf-8} (JSON is UTF-8);
     * anything else, other JSON dialects such as {@code application/json-patch+json} included, is a 415.
     */
    public static final List<String> MEDIA_TYPES = List.of("application/json");

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** How much of an oversized body is read and discarded so that its sender still gets the 413. */
    private static final long DRAIN_LIMIT = 1 << 20;

    private final int maxBytes;

    public RequestBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    public JsonNode json(Context ctx) {
        return json(ctx, MEDIA_TYPES);
    }

    /**
     * The body of a route that takes other JSON media types too ({@code application/fhir+json}); the same
     * limits and rules apply.
     */
    public JsonNode json(Context ctx, List<String> mediaTypes) {
        if (java.util.Collections.list(ctx.req().getHeaders("Content-Type")).size() > 1) {
            // Which of two would be read differs from one reader to the next (a proxy may pick the other).
            throw new ApiError(415, "unsupported_media_type", "send one Content-Type header: "
                    + String.join(" or ", mediaTypes), List.of(new FieldProblem("Content-Type",
                            "given more than once")));
        }
        checkMediaType(ctx.contentType(), mediaTypes);
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            // Read as it is, a compressed body would only fail as malformed JSON; say what is wrong instead.
            throw new ApiError(415, "unsupported_media_type", "send the body uncompressed (no Content-Encoding)",
                    List.of(new FieldProblem("Content-Encoding", "not supported for request bodies")));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(ctx);
        }
        byte[] bytes;
        try {
            bytes = ctx.req().getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "", "the request body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(ctx);
        }
        try {
            JsonNode node = READER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("malformed_json", "", "the body is empty; send a JSON object");
            }
            return node;
        } catch (JsonParseException e) {
            JsonParser parser = e.getProcessor();
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    && parser != null) {
                String field = field(parser.getParsingContext().pathAsPointer().toString());
                throw ApiError.badRequest("duplicate_key", field, field + " is given more than once; send each "
                        + "key once");
            }
            throw malformed(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "", "the request body could not be read");
        }
    }

    /**
     * Accepts the given media types, compared without parameters and case; the only
     * parameter that matters, {@code charset}, must be UTF-8 if present.
     */
    private static void checkMediaType(String header, List<String> mediaTypes) {
        String type = header == null ? "" : header.strip();
        int semicolon = type.indexOf(';');
        String essence = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        String charset = null;
        if (semicolon >= 0) {
            for (String parameter : type.substring(semicolon + 1).split(";")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                    charset = parameter.substring(eq + 1).strip().replace("\"", "");
                }
            }
        }
        if (!mediaTypes.contains(essence) || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
            // The header is not quoted back: it is the caller's own, and any text could be in it.
            throw new ApiError(415, "unsupported_media_type", "send the body as JSON with the header Content-Type: "
                    + String.join(" or ", mediaTypes) + " (UTF-8, charset optional)", List.of(new FieldProblem(
                            "Content-Type", header == null ? "missing" : "not one of " + mediaTypes
                                    + " with charset utf-8 or none")));
        }
    }

    /** A JSON pointer as the dotted field path errors use: {@code /answers/sa_unseen} is {@code answers.sa_unseen}. */
    private static String field(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        return String.join(".", Arrays.stream(pointer.substring(1).split("/", -1))
                .map(segment -> segment.replace("~1", "/").replace("~0", "~")).toList());
    }

    private static ApiError malformed(JsonProcessingException e) {
        // Position only: the parser's own message can quote the body.
        var at = e.getLocation();
        return ApiError.badRequest("malformed_json", "", "the body is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    /**
     * The 413 for a body over the limit, after reading what is left of a moderately large one. A client is
     * usually still sending when the answer is ready; closing a connection with unread bytes makes TCP reset
     * it, and the client then loses the 413 itself ("received no bytes") instead of reading why.
     * Beyond {@link #DRAIN_LIMIT} the connection is closed as it is: reading that much helps nobody.
     */
    private ApiError tooLarge(Context ctx) {
        try {
            var in = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long read = 0;
            int n;
            while (read < DRAIN_LIMIT && (n = in.read(sink)) >= 0) {
                read += n;
            }
            if (read >= DRAIN_LIMIT) {
                ctx.header("Connection", "close");
            }
        } catch (IOException e) {
            ctx.header("Connection", "close");
        }
        // Said for every route that takes a body (an assessment's answers, a preview's files, feedback).
        return new ApiError(413, "payload_too_large", "the request body is larger than " + maxBytes
                + " bytes, the most this server takes (serve --max-body sets it; GET /health says it as maxBodyBytes);"
                + " send less: an assessment only its answers, a preview only the files that changed");
    }
}
