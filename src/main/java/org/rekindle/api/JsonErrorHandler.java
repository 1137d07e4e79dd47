package org.rekindle.api;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.http.ApiError;
import org.rekindle.json.Json;

/**
 * Jetty's own error responses as our JSON error shape. Requests that Jetty rejects before Javalin
 * sees them (a malformed request line or path, {@code %00}, a bad percent-escape, a URI or headers
 * over the limits, conflicting {@code Transfer-Encoding}/{@code Content-Length}, a request target
 * outside the context such as {@code OPTIONS *}) get {@code {code, message, errors}} with a stable
 * code, never Jetty's HTML page. Installed on the server and on the servlet context, so that
 * whichever layer rejects the request answers alike.
 *
 * <p>Nothing here logs the request: its path may carry a pseudonym.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    /**
     * Jetty's reason phrases are fixed texts ("Bad UTF-8 encoding", "Multiple Content-Lengths"):
     * passed on when they look like one, dropped when they could quote the request (a path has a
     * slash, a query an ampersand, an escape a percent sign).
     */
    private static final Pattern SAFE_REASON = Pattern.compile("[A-Za-z0-9 ,.;:!='()+-]{1,80}");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (response.isCommitted()) {
            callback.succeeded();
            return true;
        }
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String reason = request.getAttribute(ERROR_MESSAGE) instanceof String text ? text : null;
        ApiError error = of(status, reason);
        if (status >= 500 && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            Object cause = request.getAttribute(ERROR_EXCEPTION);
            LOG.error("HTTP layer answered {} ({})", status, cause == null ? "no exception"
                    : cause.getClass().getName());
        }
        response.setStatus(error.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes(error)), callback);
        return true;
    }

    /** Jetty's status and reason phrase as an error with a stable code. */
    static ApiError of(int status, String reason) {
        String why = reason != null && SAFE_REASON.matcher(reason).matches()
                && !reason.equalsIgnoreCase(HttpStatus.getMessage(status)) ? " (" + reason + ")" : "";
        return switch (status) {
            case 400 -> new ApiError(400, "malformed_request", "the request is not well-formed HTTP" + why
                    + "; check the request line, the percent-escapes in the path and the headers");
            case 404 -> new ApiError(404, "not_found", "no such route; GET /openapi.json lists the routes");
            case 405 -> new ApiError(405, "method_not_allowed", "method not allowed; GET /openapi.json lists the "
                    + "routes");
            case 408 -> new ApiError(408, "request_timeout", "the request did not arrive in time" + why);
            case 413 -> new ApiError(413, "payload_too_large", "the request body is too large; send at most the "
                    + "size GET /health reports as maxBodyBytes");
            case 414 -> new ApiError(414, "uri_too_long", "the request line is too long; ids are at most "
                    + Pseudonym.MAX_LENGTH + " characters");
            case 417 -> new ApiError(417, "expectation_failed", "the Expect header is not supported" + why
                    + "; send only Expect: 100-continue, or no Expect header");
            case 431 -> new ApiError(431, "headers_too_large", "the request headers are too large" + why);
            case 500 -> new ApiError(500, "internal_error", "something went wrong on our side; retry, and report "
                    + "it if it persists");
            // A version this server never speaks (HTTP/1.5, HTTP/2.0 as text, the HTTP/2 preface) is the
            // client's mistake: a 400, since no bad request gets a 5xx, with the code saying what to fix.
            case 426, 505 -> new ApiError(400, "http_version_not_supported", "send HTTP/1.1 (or HTTP/1.0)" + why);
            default -> new ApiError(status, "http_" + status, "the request could not be served" + why);
        };
    }

    private static byte[] bytes(ApiError error) {
        try {
            return Json.MAPPER.writeValueAsBytes(error.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serialisable", e);
        }
    }
}
