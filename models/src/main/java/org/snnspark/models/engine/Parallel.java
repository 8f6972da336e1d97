package org.snnspark.models.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
    /**
     * Threads the calling thread may use, when it set a limit below {@link #THREADS}: several
     * data-parallel workers sharing one JVM's cores each take their share instead of all of them.
     */
    private static final ThreadLocal<Integer> LIMIT = new ThreadLocal<>();

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

    /**
     * Runs {@code work} on {@code parts} contiguous ranges of {@code 0 .. count - 1} and waits for
     * all. The threads take the next untaken range until none is left, so a thread that the
     * machine's other load slows down holds up the rest for one small range only.
     */
    public static void run(int count, int parts, Range work) {
        if (parts <= 1 || count < parts) {
            work.run(0, count, 0);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int c; (c = next.getAndIncrement()) < parts; ) {
                work.run((int) ((long) c * count / parts), (int) ((long) (c + 1) * count / parts), c);
            }
        };
        int helpers = Math.min(threads(), parts) - 1;
        Future<?>[] others = new Future<?>[helpers];
        // a helper runs only if it claims its slot before the caller does (below)
        AtomicBoolean[] claimed = new AtomicBoolean[helpers];
        for (int h = 0; h < helpers; h++) {
            AtomicBoolean slot = claimed[h] = new AtomicBoolean();
            others[h] = pool().submit(() -> {
                if (slot.compareAndSet(false, true)) {
                    drain.run();
                }
            });
        }
        Throwable failure = null;
        try {
            drain.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            // let the helpers stop after their current range
            next.set(parts);
        }
        for (int h = 0; h < helpers; h++) {
            // every part is taken: a helper that has not started would find none left. When other
            // callers keep the pool busy (Spark tasks sharing an executor), waiting for it would
            // wait for their work. (Future.cancel cannot tell: a running task is still cancellable.)
            if (claimed[h].compareAndSet(false, true)) {
                continue;
            }
            try {
                await(others[h]);
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    /** Limits the calling thread's kernels to {@code threads} threads, its own included (0: no limit). */
    public static void limitCurrentThread(int threads) {
        if (threads <= 0) {
            LIMIT.remove();
        } else {
            LIMIT.set(threads);
        }
    }

    /** Threads the calling thread's kernels use, its own included. */
    public static int threads() {
        Integer limit = LIMIT.get();
        return limit == null ? THREADS : Math.max(1, Math.min(limit, THREADS));
    }

    /** Parts elementwise work over {@code count} elements is cut into (1 when small). */
    public static int elementwiseParts(long count) {
        return count >= MIN_ELEMENTS ? 8 : 1;
    }

    /** Elementwise work over {@code 0 .. count - 1}, split when large enough. */
    public static void elementwise(int count, Range work) {
        run(count, elementwiseParts(count), work);
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
