package org.rekindle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Erasures share their follow-up: one run serves every caller that asked before it started. */
class CoalescedTest {

    @Test
    void concurrentCallersShareRunsAndEachReturnsAfterARunThatStartedAfterItAsked() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicLong lastStart = new AtomicLong();
        Coalesced follow = new Coalesced(() -> {
            runs.incrementAndGet();
            lastStart.set(System.nanoTime());
            pause(50);
        });
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(pool.submit(() -> {
                go.await();
                long asked = System.nanoTime();
                follow.await();
                return new long[] {asked, lastStart.get()};
            }));
        }
        go.countDown();
        for (Future<long[]> result : results) {
            long[] times = result.get(10, TimeUnit.SECONDS);
            assertThat(times[1]).as("a run started after the call").isGreaterThanOrEqualTo(times[0]);
        }
        pool.shutdown();
        assertThat(runs.get()).as("runs for %d concurrent callers", callers).isBetween(1, 3);

        follow.await();
        assertThat(runs.get()).as("a later call gets a run of its own").isBetween(2, 4);
    }

    @Test
    void aFailedRunFailsItsRunnerAndTheNextCallRunsAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Coalesced follow = new Coalesced(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new SQLException("vacuum failed");
            }
        });

        assertThatThrownBy(follow::await).isInstanceOf(SQLException.class).hasMessage("vacuum failed");
        follow.await();

        assertThat(runs.get()).isEqualTo(2);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
