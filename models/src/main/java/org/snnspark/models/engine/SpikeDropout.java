package org.snnspark.models.engine;

import java.util.function.LongSupplier;

/**
 * Inverted-dropout masks (each element kept and scaled by 1 / (1 - p), or dropped) drawn from a random stream that belongs to the
 * layer and the training step, not to the thread that happens to run it.
 * <p>
 * Why not {@code Nd4j.getRandom()}: its state is per thread. Spark's parameter averaging runs
 * workers on whatever executor thread is free, and those threads' generators have seen different
 * histories (other tasks, other layers' initialisation), so the same seed would give different
 * masks — and different training results — from run to run. Here the stream is a pure function
 * of (network seed, layer index, iteration, epoch): the same configuration and step give the
 * same mask on any thread, executor or JVM.
 * <p>
 * The generator is SplitMix64 (Steele, Lea and Flood 2014), written out here so that the sequence
 * is fixed by this code and not by a JDK's implementation choices.
 */
public final class SpikeDropout {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /**
     * Which data-parallel worker the current computation trains for (0: none). Parameter-averaging
     * workers all start a round at the same iteration; without this they would draw identical masks
     * for their different minibatches. The trainer installs a source that answers with the Spark
     * task's partition, so the stream follows the data, not thread scheduling (models never sees
     * Spark, hence a supplier).
     */
    private static volatile LongSupplier workerStream = () -> 0L;

    private SpikeDropout() {
    }

    /** Installs where the worker stream comes from (JVM-wide; the default answers 0). */
    public static void setWorkerStreamSource(LongSupplier source) {
        workerStream = source;
    }

    /** The stream seed of one layer in one training step; every argument changes the whole stream. */
    public static long streamSeed(long networkSeed, int layerIndex, int iteration, int epoch) {
        long h = mix(networkSeed);
        h = mix(h + GOLDEN * (layerIndex + 1L));
        h = mix(h + GOLDEN * (iteration + 1L));
        long worker = workerStream.getAsLong();
        if (worker != 0) {
            h = mix(h + GOLDEN * worker);
        }
        return mix(h + GOLDEN * (epoch + 1L));
    }

    /** The multiplier of a kept element: 1 / (1 - p) (inverted dropout); dropped elements are multiplied by 0. */
    public static double scale(double p) {
        checkProbability(p);
        return 1.0 / (1.0 - p);
    }

    /**
     * Which of {@code length} elements are kept (1) or dropped (0): each dropped with probability p
     * (to within 2^-16). A byte per element, not a multiplier: the mask is read twice per step
     * (output, gradient), and as an index ({@code factor[kept[i]]}) it multiplies without a branch.
     *
     * @param buf reused if large enough
     */
    public static byte[] kept(double p, long streamSeed, long length, byte[] buf) {
        checkProbability(p);
        byte[] k = buf != null && buf.length >= length ? buf : new byte[Math.toIntExact(length)];
        // drop where 16 random bits fall below p * 2^16: one value of the stream serves four elements
        long threshold = (long) Math.ceil(p * 0x1p16);
        // elements 4m .. 4m+3 take the four 16-bit quarters (high first) of the (m+1)-th value of
        // the stream, so any range can be drawn on its own
        Parallel.elementwise((int) length, (lo, hi, part) -> {
            int i = lo;
            // a part's ends need not fall on a multiple of four: those elements one by one
            for (; i < hi && (i & 3) != 0; i++) {
                k[i] = keep(quarter(streamSeed, i), threshold);
            }
            for (; i + 4 <= hi; i += 4) {
                long bits = mix(streamSeed + GOLDEN * ((i >>> 2) + 1L));
                k[i] = keep(bits >>> 48, threshold);
                k[i + 1] = keep((bits >>> 32) & 0xFFFFL, threshold);
                k[i + 2] = keep((bits >>> 16) & 0xFFFFL, threshold);
                k[i + 3] = keep(bits & 0xFFFFL, threshold);
            }
            for (; i < hi; i++) {
                k[i] = keep(quarter(streamSeed, i), threshold);
            }
        });
        return k;
    }

    /** Element i's 16 random bits: quarter i mod 4 (high first) of the (i / 4 + 1)-th value of the stream. */
    static long quarter(long streamSeed, int i) {
        return (mix(streamSeed + GOLDEN * ((i >>> 2) + 1L)) >>> (48 - 16 * (i & 3))) & 0xFFFFL;
    }

    /** 1 (kept) when the 16 random bits r are at least the threshold: the sign of r - threshold, without a branch. */
    private static byte keep(long r, long threshold) {
        return (byte) (1 - ((r - threshold) >>> 63));
    }

    /** The multiplier of a mask value: {@code factors(p)[kept[i]]} is 0 or 1 / (1 - p). */
    public static double[] factors(double p) {
        return new double[]{0.0, scale(p)};
    }

    private static void checkProbability(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
        }
    }

    /** SplitMix64's output function (a bijection with good avalanche). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
