package org.rekindle.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What the code under test logs while a test provokes an error on purpose, so that the test asserts
 * on the error instead of printing it, and a green run stays quiet. Rekindle logs through slf4j-simple
 * to standard error, looked up at every message: a capture swaps {@code System.err} and puts it back
 * when it ends.
 *
 * <p>Either around the provoking calls, {@code try (LogCapture log = LogCapture.start()) {...}}, or for
 * a whole class ({@code @RegisterExtension static final LogCapture LOG = LogCapture.perClass();}) when
 * the errors come from background threads at any moment (a watching server's reloads). A test of such
 * a class that fails gets what was logged so far printed after all.
 */
public final class LogCapture implements AutoCloseable, BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream original;

    private LogCapture() {
    }

    /** Captures from now until {@link #close}. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.begin();
        return capture;
    }

    /** Captures from before the class's {@code @BeforeAll} until after its {@code @AfterAll}. */
    public static LogCapture perClass() {
        return new LogCapture();
    }

    /** Everything logged (and printed to standard error) so far. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (original != null) {
            System.err.flush();
            System.setErr(original);
            original = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        begin();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void testFailed(ExtensionContext context, Throwable cause) {
        PrintStream to = original != null ? original : System.err;
        to.println("logged up to the failure of " + context.getDisplayName() + ":");
        to.print(text());
    }

    private synchronized void begin() {
        original = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }
}
