package org.snnspark.models.engine;

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
 * the same event-driven sums as the recurrent products ({@link SpikeProducts}), in float32 for
 * float32 layers (as the sgemm would sum) and double for double ones, each row's terms in input
 * order (the same bits on any machine and thread count). The forward pass reads X a chunk of rows
 * at a time and keeps only the non-zero entries it found, which the weight gradient of the same X
 * then reads instead of X.
 * <p>
 * Whether it pays depends on the density of X: {@link #use} estimates it from a fixed sample of
 * rows and takes this path up to {@link #MAX_DENSITY} (the crossover against ND4J's sgemm; the
 * bench's {@code input/} rows measure the products alone). The input gradient {@code G W^T} is
 * dense either way and stays a GEMM. The system property {@value #PROPERTY} = {@code auto} (default), {@code on} or
 * {@code off} decides, read at every forward pass; auto also requires the Java kernels (ND4J's CPU
 * backend, {@link KernelChoice}): on a GPU the GEMM stays on the device.
 */
public final class InputEvents {
    public static final String PROPERTY = "snnspark.kernel.eventInput";
    /**
     * Densest input (fraction of non-zero values) the event-driven product is used for by default:
     * about where its forward and weight gradient together cost what the two sgemms cost (float32,
     * 700 x 128, the bench's {@code input_product} lines); inside the layer it also skips reading
     * the GEMM's output back.
     */
    public static final double MAX_DENSITY = 0.15;
    /** Values of X read per chunk: a few tens of KB. */
    private static final int CHUNK_VALUES = 8192;
    /** Rows the density estimate reads at most. */
    private static final int SAMPLE_ROWS = 256;

    private final int nIn;
    private final int nOut;
    /** W as its rows, read at every forward pass (float32 layers: {@link #wSingle}). */
    private double[][] w;
    private float[][] wSingle;
    /** dW per part of the rows (float32 layers: {@link #partsSingle}). */
    private double[][][] parts = new double[0][][];
    private float[][][] partsSingle = new float[0][][];
    /** dW, the parts summed. */
    private double[][] total;
    /** The non-zero entries the last {@link #product} found, per part of its rows, and what it read. */
    private PartEvents[] kept = new PartEvents[0];
    private Source keptFor;
    /** Whether the last {@link #weightGradient} used the kept entries (for tests). */
    private boolean replayed;

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

    /**
     * out[r, :] = bias + row r of x W for all rows, time-major [rows, nOut] (bias may be null).
     * A float32 x and W are summed in float32 (as ND4J's sgemm would), the bias added in double.
     * The non-zero entries found are kept for {@link #weightGradient} of the same x.
     */
    public void product(INDArray x, int rows, INDArray weights, double[] bias, double[] out) {
        boolean single = isSingle(x, weights);
        w = rowsOf(weights, w);
        if (single) {
            wSingle = toFloat(w, wSingle);
        }
        double[][] wd = w;
        float[][] wf = wSingle;
        Nd4j.getAffinityManager().ensureLocation(x, AffinityManager.Location.HOST);
        int partCount = Parallel.elementwiseParts((long) rows * nIn);
        if (kept.length < partCount) {
            kept = Arrays.copyOf(kept, partCount);
        }
        PartEvents[] keep = kept;
        Parallel.run(rows, partCount, (lo, hi, part) -> {
            Rows in = new Rows(x, nIn);
            PartEvents events = keep[part] = PartEvents.reuse(keep[part], lo, single);
            float[] acc = single ? new float[nOut] : null;
            for (int row = lo; row < hi; row++) {
                int at = row * nOut;
                int count = in.events(row);
                events.add(in, count);
                if (single) {
                    Arrays.fill(acc, 0f);
                    SpikeProducts.addRows(wf, in.index, count, in.floatValue, in.offset, acc, 0, nOut);
                    for (int j = 0; j < nOut; j++) {
                        out[at + j] = bias != null ? acc[j] + bias[j] : acc[j];
                    }
                } else {
                    if (bias != null) {
                        System.arraycopy(bias, 0, out, at, nOut);
                    } else {
                        Arrays.fill(out, at, at + nOut, 0.0);
                    }
                    SpikeProducts.addRows(wd, in.index, count, in.value, in.offset, out, at, nOut);
                }
            }
        });
        // Parallel.run cuts the rows by (rows, parts) alone: weightGradient's parts are these
        keptFor = new Source(x, rows, partCount);
    }

    /**
     * Writes dW = x^T g over all rows into {@code gradW} ([nIn, nOut], any ordering). The rows are
     * cut into the parts {@link Parallel#elementwiseParts} fixes by size alone, each summed into an
     * array of its own (float32 when x and the gradient are), then added in part order in double:
     * the same sums on any machine. The entries of x come from the last {@link #product} when it
     * read this same x (its rows are not scanned again), else from a scan.
     *
     * @param g time-major [rows, nOut]
     */
    public void weightGradient(INDArray x, int rows, double[] g, INDArray gradW) {
        Nd4j.getAffinityManager().ensureLocation(x, AffinityManager.Location.HOST);
        boolean single = isSingle(x, gradW);
        int partCount = Parallel.elementwiseParts((long) rows * nIn);
        boolean replay = keptFor != null && keptFor.matches(x, rows, partCount);
        replayed = replay;
        if (single && partsSingle.length < partCount) {
            partsSingle = new float[partCount][nIn][nOut];
        } else if (!single && parts.length < partCount) {
            parts = new double[partCount][nIn][nOut];
        }
        double[][][] sums = parts;
        float[][][] sumsSingle = partsSingle;
        PartEvents[] keep = kept;
        Parallel.run(rows, partCount, (lo, hi, p) -> {
            for (int i = 0; i < nIn; i++) {
                if (single) {
                    Arrays.fill(sumsSingle[p][i], 0f);
                } else {
                    Arrays.fill(sums[p][i], 0.0);
                }
            }
            EventRows in = replay ? keep[p].replay(nIn) : new Rows(x, nIn);
            double[] gRow = single ? null : new double[nOut];
            float[] gSingle = single ? new float[nOut] : null;
            for (int row = lo; row < hi; row++) {
                int count = in.events(row);
                if (count == 0) {
                    continue;
                }
                int at = row * nOut;
                if (single) {
                    for (int j = 0; j < nOut; j++) {
                        gSingle[j] = (float) g[at + j];
                    }
                    SpikeProducts.addOuter(in.index, count, in.floatValue, in.offset, gSingle, sumsSingle[p]);
                } else {
                    System.arraycopy(g, at, gRow, 0, nOut);
                    SpikeProducts.addOuter(in.index, count, in.value, in.offset, gRow, sums[p]);
                }
            }
        });
        if (total == null || total.length != nIn) {
            total = new double[nIn][nOut];
        }
        double[][] dW = total;
        // each row of dW summed over the parts in part order, whichever thread sums it
        Parallel.run(nIn, Parallel.elementwiseParts((long) nIn * nOut * partCount), (lo, hi, part) -> {
            for (int i = lo; i < hi; i++) {
                double[] dst = dW[i];
                Arrays.fill(dst, 0.0);
                for (int p = 0; p < partCount; p++) {
                    if (single) {
                        float[] src = sumsSingle[p][i];
                        for (int j = 0; j < nOut; j++) {
                            dst[j] += src[j];
                        }
                    } else {
                        double[] src = sums[p][i];
                        for (int j = 0; j < nOut; j++) {
                            dst[j] += src[j];
                        }
                    }
                }
            }
        });
        writeRows(dW, gradW);
    }

    /** Whether the last {@link #weightGradient} used the entries its {@link #product} kept. */
    boolean replayedLastGradient() {
        return replayed;
    }

    /** float32 sums when both operands are float32 (a float32 layer on the CPU). */
    private static boolean isSingle(INDArray x, INDArray other) {
        return x.dataType() == DataType.FLOAT && other.dataType() == DataType.FLOAT;
    }

    /** Rows as float32 rows (into {@code into} when it fits). */
    private static float[][] toFloat(double[][] rows, float[][] into) {
        int nIn = rows.length;
        int nOut = nIn == 0 ? 0 : rows[0].length;
        float[][] out = into != null && into.length == nIn && (nIn == 0 || into[0].length == nOut)
                ? into : new float[nIn][nOut];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) {
                out[i][j] = (float) rows[i][j];
            }
        }
        return out;
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
     * The non-zero entries of rows visited in increasing order: their indices, and the row's values
     * at {@code offset + index} of {@link #value} (DOUBLE data) or {@link #floatValue} (FLOAT), the
     * form {@link SpikeProducts} reads.
     */
    private abstract static class EventRows {
        final int[] index;
        double[] value;
        float[] floatValue;
        int offset;

        EventRows(int width) {
            this.index = new int[width];
        }

        /** Lists the non-zero entries of row {@code row} (rows in increasing order); returns their count. */
        abstract int events(int row);
    }

    /**
     * Rows of x read a chunk at a time and scanned for their non-zero entries ({@link IndexScan}).
     * FLOAT data is scanned as it is: converting every value to double first cost more than the
     * products.
     */
    private static final class Rows extends EventRows {
        private final INDArray x;
        private final int width;
        private final int perChunk;
        private final float[] floats;
        private final double[] doubles;
        /** The rows in the chunk: {@code first .. first + count - 1}. */
        private int first;
        private int count;

        Rows(INDArray x, int width) {
            super(width);
            this.x = x;
            this.width = width;
            this.perChunk = Math.max(1, CHUNK_VALUES / Math.max(1, width));
            boolean isFloat = x.dataType() == DataType.FLOAT;
            this.floats = isFloat ? new float[perChunk * width] : null;
            this.doubles = isFloat ? null : new double[perChunk * width];
            // the values are read where the chunk holds them
            this.floatValue = floats;
            this.value = doubles;
        }

        @Override
        int events(int row) {
            if (row < first || row >= first + count) {
                read(row);
            }
            int off = (row - first) * width;
            offset = off;
            return floats == null ? IndexScan.nonZero(doubles, off, width, index)
                    : IndexScan.nonZero(floats, off, width, index);
        }

        /** Reads the chunk that starts at {@code row}. */
        private void read(int row) {
            int rows = Math.toIntExact(Math.min(perChunk, x.size(0) - row));
            long from = (long) row * width;
            int len = rows * width;
            if (floats != null) {
                FloatBuffer b = x.data().asNioFloat();
                b.get(Math.toIntExact(b.position() + from), floats, 0, len);
            } else {
                TimeMajor.readRange(x, from, len, doubles, 0, null);
            }
            first = row;
            count = rows;
        }
    }

    /**
     * Which x the kept entries are of: where its memory starts, its rows, how they were cut into
     * parts. By address, not by object: a layer's backward pass reads its input through new view
     * objects of the same memory (DL4J's input of a layer is unchanged between its forward and
     * backward passes).
     */
    private record Source(long address, long offset, int rows, int parts) {
        Source(INDArray x, int rows, int parts) {
            this(x.data().address(), x.offset(), rows, parts);
        }

        boolean matches(INDArray x, int rows, int parts) {
            return address == x.data().address() && offset == x.offset() && this.rows == rows && this.parts == parts;
        }
    }

    /**
     * The non-zero entries of a part's rows as {@link #product} found them, compressed (row starts,
     * then indices and values one after the other), replayed by {@link #weightGradient}.
     */
    private static final class PartEvents {
        private int firstRow;
        private boolean single;
        private int rows;
        private int[] rowStart = new int[16];
        private int[] index = new int[64];
        private float[] floats = new float[0];
        private double[] doubles = new double[0];

        /** {@code kept} (or a new one when null) emptied for rows from {@code firstRow}. */
        static PartEvents reuse(PartEvents kept, int firstRow, boolean single) {
            PartEvents e = kept != null ? kept : new PartEvents();
            e.firstRow = firstRow;
            e.single = single;
            e.rows = 0;
            e.rowStart[0] = 0;
            return e;
        }

        /** Appends the next row's {@code count} entries as {@code in} lists them. */
        void add(Rows in, int count) {
            int start = rowStart[rows];
            int end = start + count;
            if (end > index.length) {
                index = Arrays.copyOf(index, Math.max(end, 2 * index.length));
            }
            if (single && end > floats.length) {
                floats = Arrays.copyOf(floats, index.length);
            } else if (!single && end > doubles.length) {
                doubles = Arrays.copyOf(doubles, index.length);
            }
            for (int e = 0; e < count; e++) {
                int i = in.index[e];
                index[start + e] = i;
                if (single) {
                    floats[start + e] = in.floatValue[in.offset + i];
                } else {
                    doubles[start + e] = in.value[in.offset + i];
                }
            }
            if (rows + 2 > rowStart.length) {
                rowStart = Arrays.copyOf(rowStart, 2 * rowStart.length);
            }
            rowStart[++rows] = end;
        }

        /** The kept rows in the form {@link EventRows} gives them. */
        EventRows replay(int width) {
            double[] row = single ? null : new double[width];
            float[] floatRow = single ? new float[width] : null;
            return new EventRows(width) {
                {
                    value = row;
                    floatValue = floatRow;
                }

                @Override
                int events(int row) {
                    int r = row - firstRow;
                    int start = rowStart[r];
                    int count = rowStart[r + 1] - start;
                    for (int e = 0; e < count; e++) {
                        int i = PartEvents.this.index[start + e];
                        index[e] = i;
                        if (single) {
                            floatValue[i] = floats[start + e];
                        } else {
                            value[i] = doubles[start + e];
                        }
                    }
                    return count;
                }
            };
        }
    }
}
