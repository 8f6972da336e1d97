package org.snnspark.models.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A layer's input product over the non-zero inputs only. The input of a spiking network is spikes
 * (binned SHD/SSC frames: a few percent of the (channel, step) bins are non-zero) and so is every
 * hidden layer's; a GEMM multiplies all the zeros. Over the time-major input matrix X [T * mb, nIn]:
 * <pre>
 *   forward   row r of X W    = sum of the rows of W of the inputs non-zero in row r, times their values
 *   backward  dW             += X^T G: row r of G added to the rows of dW of the inputs non-zero in row r
 * </pre>
 * the same event-driven sums as the recurrent products ({@link SpikeProducts}), in double
 * precision, each row's terms in input order (the same bits on any machine and thread count). Each
 * pass reads X a chunk of rows at a time; nothing of size T * mb * nIn is kept.
 * <p>
 * Whether it pays depends on the density of X: {@link #use} estimates it from a fixed sample of
 * rows and takes this path up to {@link #MAX_DENSITY} (the crossover against ND4J's sgemm; the
 * bench's {@code input/} rows measure the products alone). The input gradient {@code G W^T} is dense either way and
 * stays a GEMM. The system property {@value #PROPERTY} = {@code auto} (default), {@code on} or
 * {@code off} decides, read at every forward pass; auto also requires the Java kernels (ND4J's CPU
 * backend, {@link KernelChoice}): on a GPU the GEMM stays on the device.
 */
public final class InputEvents {
    public static final String PROPERTY = "snnspark.kernel.eventInput";
    /**
     * Densest input (fraction of non-zero values) the event-driven product is used for by default:
     * where the RadLIF training step (700 -> 2 x 128, batch 128, T 100) stopped gaining from it
     * (5% dense: -10% CPU a step; 10%: +4%), the products alone crossing over between 4 and 8%.
     */
    public static final double MAX_DENSITY = 0.08;
    /** Rows of X read per chunk: a few tens of KB of doubles. */
    private static final int CHUNK_VALUES = 8192;
    /** Rows the density estimate reads at most. */
    private static final int SAMPLE_ROWS = 256;

    private final int nIn;
    private final int nOut;
    /** W as its rows, read at every forward pass. */
    private double[][] w;
    /** dW per part of the rows, then their sum in {@code parts[0]}. */
    private double[][][] parts = new double[0][][];

    public InputEvents(int nIn, int nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
    }

    /** Whether the layer takes the event-driven path for the input matrix {@code x} [rows, nIn]. */
    public boolean use(INDArray x, int rows) {
        switch (System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT)) {
            case "on":
                return true;
            case "off":
                return false;
            case "auto":
            case "":
                return KernelChoice.current() == KernelChoice.JAVA && density(x, rows, nIn) <= MAX_DENSITY;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, on or off, got "
                        + System.getProperty(PROPERTY));
        }
    }

    /** Fraction of non-zero values in up to {@link #SAMPLE_ROWS} evenly spaced rows of x [rows, width]. */
    public static double density(INDArray x, int rows, int width) {
        if (rows == 0 || width == 0) {
            return 0.0;
        }
        Nd4j.getAffinityManager().ensureLocation(x, AffinityManager.Location.HOST);
        int stride = Math.max(1, rows / SAMPLE_ROWS);
        double[] row = new double[width];
        float[] scratch = new float[width];
        int[] nonZero = new int[width];
        long count = 0;
        long seen = 0;
        for (int r = 0; r < rows; r += stride) {
            TimeMajor.readRange(x, (long) r * width, width, row, 0, scratch);
            count += SpikeProducts.fired(row, 0, width, nonZero);
            seen += width;
        }
        return (double) count / seen;
    }

    /** out[r, :] = bias + row r of x W for all rows, time-major [rows, nOut] (bias may be null). */
    public void product(INDArray x, int rows, INDArray weights, double[] bias, double[] out) {
        w = rowsOf(weights, w);
        double[][] wr = w;
        Nd4j.getAffinityManager().ensureLocation(x, AffinityManager.Location.HOST);
        Parallel.run(rows, Parallel.elementwiseParts((long) rows * nIn), (lo, hi, part) -> {
            Rows in = new Rows(x, nIn);
            for (int first = lo; first < hi; first += in.perChunk) {
                int len = in.read(first, Math.min(in.perChunk, hi - first));
                for (int k = 0; k < len; k++) {
                    int at = (first + k) * nOut;
                    if (bias != null) {
                        System.arraycopy(bias, 0, out, at, nOut);
                    } else {
                        Arrays.fill(out, at, at + nOut, 0.0);
                    }
                    int count = in.events(k);
                    SpikeProducts.addRows(wr, in.index, count, in.value, 0, out, at, nOut);
                    in.clear(count);
                }
            }
        });
    }

    /**
     * Writes dW = x^T g over all rows into {@code gradW} ([nIn, nOut], any ordering). The rows are
     * cut into the parts {@link Parallel#elementwiseParts} fixes by size alone, each summed into an
     * array of its own, then added in part order: the same sums on any machine.
     *
     * @param g time-major [rows, nOut]
     */
    public void weightGradient(INDArray x, int rows, double[] g, INDArray gradW) {
        Nd4j.getAffinityManager().ensureLocation(x, AffinityManager.Location.HOST);
        int partCount = Parallel.elementwiseParts((long) rows * nIn);
        if (parts.length < partCount) {
            parts = new double[partCount][nIn][nOut];
        }
        double[][][] sums = parts;
        for (int p = 0; p < partCount; p++) {
            for (double[] row : sums[p]) {
                Arrays.fill(row, 0.0);
            }
        }
        Parallel.run(rows, partCount, (lo, hi, p) -> {
            Rows in = new Rows(x, nIn);
            double[] gRow = new double[nOut];
            for (int first = lo; first < hi; first += in.perChunk) {
                int len = in.read(first, Math.min(in.perChunk, hi - first));
                for (int k = 0; k < len; k++) {
                    int count = in.events(k);
                    if (count > 0) {
                        System.arraycopy(g, (first + k) * nOut, gRow, 0, nOut);
                        SpikeProducts.addOuter(in.index, count, in.value, 0, gRow, sums[p]);
                        in.clear(count);
                    }
                }
            }
        });
        double[][] total = sums[0];
        for (int p = 1; p < partCount; p++) {
            for (int i = 0; i < nIn; i++) {
                double[] src = sums[p][i];
                double[] dst = total[i];
                for (int j = 0; j < nOut; j++) {
                    dst[j] += src[j];
                }
            }
        }
        writeRows(total, gradW);
    }

    /** A [nIn, nOut] matrix (any ordering, FLOAT or DOUBLE) as its rows, into {@code into} when it fits. */
    static double[][] rowsOf(INDArray w, double[][] into) {
        int nIn = Math.toIntExact(w.size(0));
        int nOut = Math.toIntExact(w.size(1));
        double[][] rows = into != null && into.length == nIn && (nIn == 0 || into[0].length == nOut)
                ? into : new double[nIn][nOut];
        // layers keep W in 'f' order: its transpose is then a c-contiguous [nOut, nIn] view
        INDArray t = w.transpose();
        if (TimeMajor.isCContiguous(t.shape(), t.stride())) {
            double[] flat = new double[nIn * nOut];
            TimeMajor.read(t, flat);
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    rows[i][j] = flat[j * nIn + i];
                }
            }
        } else {
            double[] flat = new double[nIn * nOut];
            TimeMajor.read(w.dup('c'), flat);
            for (int i = 0; i < nIn; i++) {
                System.arraycopy(flat, i * nOut, rows[i], 0, nOut);
            }
        }
        return rows;
    }

    /** Writes rows [nIn][nOut] into a [nIn, nOut] array of any ordering (a gradient view, say). */
    static void writeRows(double[][] rows, INDArray target) {
        int nIn = rows.length;
        int nOut = nIn == 0 ? 0 : rows[0].length;
        INDArray t = target.transpose();
        double[] flat = new double[nIn * nOut];
        if (TimeMajor.isCContiguous(t.shape(), t.stride())) {
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    flat[j * nIn + i] = rows[i][j];
                }
            }
            TimeMajor.write(flat, t);
        } else {
            for (int i = 0; i < nIn; i++) {
                System.arraycopy(rows[i], 0, flat, i * nOut, nOut);
            }
            target.assign(Nd4j.create(flat, new long[]{nIn, nOut}, 'c').castTo(target.dataType()));
        }
    }

    /**
     * Rows of x read a chunk at a time, and the non-zero entries of one row of the chunk: their
     * input indices in {@link #index}, their values at those indices of {@link #value} (a row of
     * zeros otherwise: the form {@link SpikeProducts} reads). FLOAT data is scanned as it is, eight
     * values per SIMD compare: converting every value to double first cost more than the products.
     */
    private static final class Rows {
        private final INDArray x;
        private final int width;
        final int perChunk;
        private final float[] floats;
        private final double[] doubles;
        final int[] index;
        final double[] value;

        Rows(INDArray x, int width) {
            this.x = x;
            this.width = width;
            this.perChunk = Math.max(1, CHUNK_VALUES / Math.max(1, width));
            boolean isFloat = x.dataType() == DataType.FLOAT;
            this.floats = isFloat ? new float[perChunk * width] : null;
            this.doubles = isFloat ? null : new double[perChunk * width];
            this.index = new int[width];
            this.value = new double[width];
        }

        /** Rows {@code first .. first + count - 1} into the chunk; returns count. */
        int read(int first, int count) {
            long from = (long) first * width;
            int len = count * width;
            if (floats != null) {
                FloatBuffer b = x.data().asNioFloat();
                b.get(Math.toIntExact(b.position() + from), floats, 0, len);
            } else {
                TimeMajor.readRange(x, from, len, doubles, 0, null);
            }
            return count;
        }

        /** Lists the non-zero entries of row {@code k} of the chunk; returns their count. */
        int events(int k) {
            int off = k * width;
            if (floats == null) {
                int count = SpikeProducts.fired(doubles, off, width, index);
                for (int e = 0; e < count; e++) {
                    value[index[e]] = doubles[off + index[e]];
                }
                return count;
            }
            return VectorSupport.ENABLED ? Simd.nonZero(floats, off, width, index, value)
                    : nonZeroScalar(floats, off, width, index, value);
        }

        /** Zeroes {@link #value} again after a row's {@code count} events were used. */
        void clear(int count) {
            for (int e = 0; e < count; e++) {
                value[index[e]] = 0.0;
            }
        }
    }

    /** The scalar twin of {@link Simd#nonZero}: the same indices and values. */
    static int nonZeroScalar(float[] x, int off, int n, int[] index, double[] value) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            if (v != 0f) {
                index[count++] = i;
                value[i] = v;
            }
        }
        return count;
    }

    /** Linked only when {@link VectorSupport#ENABLED}. */
    static final class Simd {
        private Simd() {
        }

        /**
         * Lists the i < n with {@code x[off + i] != 0} in {@code index} (increasing) and sets
         * {@code value[i]} to them; tests eight values per compare and looks closer only at groups
         * holding one (inputs are sparse).
         */
        static int nonZero(float[] x, int off, int n, int[] index, double[] value) {
            var sp = SimdLanes.EIGHT_FLOATS;
            int bound = sp.loopBound(n);
            int count = 0;
            int i = 0;
            for (; i < bound; i += 8) {
                if (FloatVector.fromArray(sp, x, off + i).compare(VectorOperators.NE, 0f).anyTrue()) {
                    for (int k = i; k < i + 8; k++) {
                        float v = x[off + k];
                        if (v != 0f) {
                            index[count++] = k;
                            value[k] = v;
                        }
                    }
                }
            }
            for (; i < n; i++) {
                float v = x[off + i];
                if (v != 0f) {
                    index[count++] = i;
                    value[i] = v;
                }
            }
            return count;
        }
    }
}
