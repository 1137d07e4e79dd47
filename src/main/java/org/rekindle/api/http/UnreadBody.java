package org.rekindle.api.http;

import java.io.IOException;
import java.io.InputStream;

import io.javalin.http.Context;

/**
 * Reads what is left of a request body before the answer goes out, for every route: the ones that take
 * no body (an erasure, a reload), and the ones that answer before reading it (a 401, a 404, a 415).
 *
 * <p>Jetty aborts a connection when an exchange completes while part of the request body has not been
 * received: it closes without the half-close and draining of RFC 9112 section 9.6, even when the
 * client asked for {@code Connection: close}. The body bytes that are still on their way then reach a
 * closed socket and the server's TCP resets the connection; the RFC warns that a reset can erase an
 * answer the client has not read yet ("closed without an answer"). Reading the body first leaves
 * nothing unread, so the connection ends in an orderly close. Only a body within {@link #maxBytes} is
 * read; a larger one is not worth the wait, and Jetty closes its connection as before.
 */
public final class UnreadBody {

    private final int maxBytes;

    public UnreadBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** An after-handler: reads and discards the rest of the body, if there is one this server would take. */
    public void drain(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        boolean chunked = ctx.header("Transfer-Encoding") != null;
        if ((declared <= 0 && !chunked) || declared > maxBytes) {
            return;
        }
        String expect = ctx.header("Expect");
        if (expect != null && expect.strip().equalsIgnoreCase("100-continue")) {
            // The client waits to be asked for the body; reading would ask for one nobody needs.
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long read = 0;
            int n;
            while (read <= maxBytes && (n = in.read(sink)) >= 0) {
                read += n;
            }
            if (read > maxBytes) {
                ctx.header("Connection", "close");
            }
        } catch (IOException | IllegalStateException stopped) {
            // The client stopped sending (or the body was taken as a reader): nothing more can be read.
        }
    }
}
