package org.snnspark.models.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits independent work over index ranges onto a few threads, the caller's among them. The
 * parts are chosen by the caller (not by the thread count), so anything summed per part gives the
 * same result on any machine. Threads: system property {@code snnspark.kernel.threads}, default
 * up to 2 (the available processors); 1 runs the parts one after the other on the caller's thread.
 */
public final class Parallel {
    /** Threads used, the caller's included. */
    public static final int THREADS = Math.max(1, Integer.getInteger("snnspark.kernel.threads",
            Math.min(2, Runtime.getRuntime().availableProcessors())));
    /** Below this many elements a split of elementwise work does not pay for the hand-over. */
    public static final int MIN_ELEMENTS = 1 << 16;
    private static ExecutorService pool;

    private Parallel() {
    }

    /** Work on indices {@code lo .. hi - 1}; {@code part} numbers the range (0, 1, ...). */
    @FunctionalInterface
    public interface Range {
        void run(int lo, int hi, int part);
    }

    /** Runs {@code work} on {@code parts} contiguous ranges of {@code 0 .. count - 1} and waits for all. */
    public static void run(int count, int parts, Range work) {
        if (parts <= 1 || count < parts) {
            work.run(0, count, 0);
            return;
        }
        boolean parallel = THREADS > 1;
        Future<?>[] others = new Future<?>[parts - 1];
        for (int c = 1; c < parts; c++) {
            int lo = (int) ((long) c * count / parts), hi = (int) ((long) (c + 1) * count / parts), part = c;
            if (parallel) {
                others[c - 1] = pool().submit(() -> work.run(lo, hi, part));
            } else {
                work.run(lo, hi, part);
            }
        }
        work.run(0, count / parts, 0);
        if (parallel) {
            for (Future<?> f : others) {
                await(f);
            }
        }
    }

    /** Elementwise work over {@code 0 .. count - 1}: split in two when large enough. */
    public static void elementwise(int count, Range work) {
        run(count, count >= MIN_ELEMENTS ? 2 : 1, work);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a kernel worker", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(THREADS - 1, r -> {
                Thread th = new Thread(r, "snnspark-kernel");
                th.setDaemon(true);
                return th;
            });
        }
        return pool;
    }
}
