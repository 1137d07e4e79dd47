package org.rekindle.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;

/** Reads a JSON request body within the size limit, with the right content type, or says why not. */
final class RequestBody {

    private final int maxBytes;

    RequestBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    JsonNode json(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "send the body as JSON with the header "
                    + "Content-Type: application/json" + (type == null ? "" : " (got " + type + ")"));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = ctx.req().getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "", "the request body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("malformed_json", "", "the body is empty; send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            // Position only: the parser's own message can quote the body.
            throw ApiError.badRequest("malformed_json", "", "the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "", "the request body could not be read");
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "the request body is larger than " + maxBytes
                + " bytes; send only the answers");
    }
}
