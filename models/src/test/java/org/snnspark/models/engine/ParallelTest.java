package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Parts run once each, and a caller never waits for another caller's work. */
class ParallelTest {

    @Test
    void everyPartRunsOnceOverItsRange() {
        int count = 1_000;
        int[] hits = new int[count];
        AtomicInteger parts = new AtomicInteger();
        Parallel.run(count, 7, (lo, hi, part) -> {
            parts.incrementAndGet();
            for (int i = lo; i < hi; i++) {
                hits[i]++;
            }
        });
        assertEquals(7, parts.get());
        for (int i = 0; i < count; i++) {
            assertEquals(1, hits[i], "index " + i);
        }
    }

    /** A part the pool's thread is still running when the caller has done its own is waited for. */
    @Test
    void returnsOnlyWhenEveryPartHasFinished() {
        assumeTrue(Parallel.THREADS == 2, "needs exactly one pool thread");
        for (int round = 0; round < 20; round++) {
            AtomicInteger finished = new AtomicInteger();
            Parallel.run(2, 2, (lo, hi, part) -> {
                if (Thread.currentThread().getName().equals("snnspark-kernel")) {
                    sleep(20);
                }
                finished.incrementAndGet();
            });
            assertEquals(2, finished.get(), "round " + round);
        }
    }

    /**
     * Two callers share the kernel threads, as Spark tasks of one executor do. While the first
     * caller's part holds the pool's thread, a second caller does all of its parts itself and
     * returns, instead of waiting until the pool's thread is free to find nothing left to do.
     */
    @Test
    void aCallerDoesNotWaitForTheOtherCallersWork() throws Exception {
        assumeTrue(Parallel.THREADS == 2, "needs exactly one pool thread");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch poolBusy = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> Parallel.run(2, 2, (lo, hi, part) -> {
            if (Thread.currentThread().getName().equals("snnspark-kernel")) {
                poolBusy.countDown();
                await(release);
            } else {
                // the caller's own part is slow enough for the pool's thread to take the other
                await(poolBusy);
            }
        }));
        try {
            assertEquals(true, poolBusy.await(10, TimeUnit.SECONDS), "the pool's thread took a part");
            AtomicInteger done = new AtomicInteger();
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> Parallel.run(100, 4, (lo, hi, part) -> done.addAndGet(hi - lo)));
            assertEquals(100, done.get());
        } finally {
            release.countDown();
        }
        first.get(10, TimeUnit.SECONDS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
