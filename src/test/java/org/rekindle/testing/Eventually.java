package org.rekindle.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until something holds, for tests of what happens in the background (reloads after a file edit). */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Polls {@code value} every 20 ms until it is non-null, and returns it.
     *
     * @throws AssertionError naming {@code what} when it stays null for {@code within}
     */
    public static <T> T await(Duration within, String what, Supplier<T> value) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T result = value.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toMillis() + " ms for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
