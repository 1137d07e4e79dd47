package org.rekindle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.rekindle.api.access.Access;
import org.rekindle.api.access.Role;
import org.rekindle.server.Rekindle;
import org.rekindle.testing.Configs;

/**
 * A body that arrives after the route has its answer (the route ignores it, or refuses the request
 * before reading it) is read before the answer goes out, so the connection ends in an orderly close.
 * Closed with the body unread, the connection was reset by the server's TCP as the rest arrived, and a
 * reset can cost a client the answer it has not read yet: one generated request in HttpFuzzTest got
 * "closed without an answer" that way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadBodyTest {

    private static final int BODY = 3_346;
    private static final int FIRST_PART = 100;

    @TempDir
    static Path dir;

    private Rekindle server;

    /** The answer's status line and whether the connection then ended in a reset instead of an orderly close. */
    private record Ending(String statusLine, boolean reset) {
    }

    @BeforeAll
    void start() {
        server = Rekindle.start(Configs.onFreePort().withDb(dir.resolve("unread.db").toString())
                .withAccess(Access.of(Map.of(Role.APP, List.of("app-token")))).withMaxBodyBytes(16 * 1024));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "DELETE, /v1/subjects/{uuid}, Bearer app-token, 200", // the route never reads its body
        "GET, /v1/ruleset, , 401", // refused before the body is read
        "POST, /v1/no-such-route, Bearer app-token, 404",
    })
    void aBodyThatArrivesAfterTheAnswerIsReadAndTheConnectionClosesInOrder(String method, String target,
            String authorization, int status) throws Exception {
        String head = method + " " + target.replace("{uuid}", UUID.randomUUID().toString()) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + BODY + "\r\n\r\n";
        byte[] body = ("{\"padding\": \"" + "x".repeat(BODY - 15) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isEqualTo(BODY);

        Ending ending = sendSlowly(head.getBytes(StandardCharsets.ISO_8859_1), body);

        assertThat(ending.statusLine()).startsWith("HTTP/1.1 " + status + " ");
        assertThat(ending.reset()).as("the connection was reset instead of closed in order").isFalse();
    }

    /**
     * Sends the head with the start of the body; once the route has had time to answer, all but the last
     * byte; then, once a reset would have come back, the last byte. Half-closes and reads to the end.
     */
    private Ending sendSlowly(byte[] head, byte[] body) throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body, 0, FIRST_PART);
            out.flush();
            Thread.sleep(300);
            boolean reset = false;
            try {
                out.write(body, FIRST_PART, body.length - FIRST_PART - 1);
                out.flush();
                Thread.sleep(200);
                out.write(body, body.length - 1, 1);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                reset = true;
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                reset = true;
            }
            byte[] bytes = answer.toByteArray();
            int lineEnd = indexOfCrlf(bytes);
            String statusLine = lineEnd < 0 ? "" : new String(Arrays.copyOf(bytes, lineEnd), StandardCharsets.ISO_8859_1);
            return new Ending(statusLine, reset);
        }
    }

    private static int indexOfCrlf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
