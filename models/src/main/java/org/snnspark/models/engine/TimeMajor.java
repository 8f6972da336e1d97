package org.snnspark.models.engine;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Moving sequence data between DL4J's [minibatch, channels, time] (NCW) arrays and the time-major
 * layout the layers compute in: row (t, b) of a [T * minibatch, channels] matrix, index
 * {@code (t * mb + b) * channels + c}.
 * <p>
 * Why time-major: the per-step loop then reads one contiguous block per step, and the input
 * product for all steps is one GEMM on a plain matrix. The layers hand their outputs (and input
 * gradients) to DL4J as NCW <em>views</em> of time-major arrays, so the next layer in a stack gets
 * its input without a transpose; {@link #matrix} recognises such views and copies only when the
 * data really is laid out differently (a transpose of the input moves as many bytes as the GEMM reads).
 */
public final class TimeMajor {
    /** FLOAT arrays are converted through a Java chunk of this many values and moved in bulk. */
    private static final int CHUNK = 8192;

    private TimeMajor() {
    }

    /**
     * An NCW view [mb, channels, T] of a new time-major array, allocated in the given workspace.
     * Its {@link #matrix} is free (a view).
     */
    public static INDArray allocateNcw(LayerWorkspaceMgr ws, ArrayType type, DataType dt, long mb, long channels,
                                       long steps) {
        return ws.createUninitialized(type, dt, new long[]{steps, mb, channels}, 'c').permute(1, 2, 0);
    }

    /** True when an NCW array's memory is time-major contiguous, i.e. {@link #matrix} needs no copy. */
    public static boolean isTimeMajor(INDArray ncw) {
        long[] shape = {ncw.size(2), ncw.size(0), ncw.size(1)};
        long[] stride = {ncw.stride(2), ncw.stride(0), ncw.stride(1)};
        return isCContiguous(shape, stride);
    }

    /** c-contiguity that ignores strides of size-1 dimensions (ND4J sets those arbitrarily). */
    static boolean isCContiguous(long[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * The time-major matrix [T * mb, channels] of an NCW array: a view when the memory already is
     * time-major, else a copy into {@code type} memory of the workspace.
     */
    public static INDArray matrix(INDArray ncw, LayerWorkspaceMgr ws, ArrayType type) {
        long mb = ncw.size(0), ch = ncw.size(1), steps = ncw.size(2);
        INDArray tbc = ncw.permute(2, 0, 1);
        if (!isTimeMajor(ncw)) {
            INDArray copy = ws.createUninitialized(type, ncw.dataType(), new long[]{steps, mb, ch}, 'c');
            copy.assign(tbc);
            tbc = copy;
        }
        return tbc.reshape('c', steps * mb, ch);
    }

    /** Copies a c-contiguous array (any rank, FLOAT or DOUBLE) into {@code dst[0 .. length)}. */
    public static void read(INDArray contiguous, double[] dst) {
        read(contiguous, dst, 0);
    }

    /** Copies a c-contiguous array (any rank, FLOAT or DOUBLE) into {@code dst[from .. from + length)}. */
    public static void read(INDArray contiguous, double[] dst, int from) {
        int n = checkedLength(contiguous, dst.length - from);
        DataType dt = contiguous.dataType();
        // on a GPU backend the newest values may be on the device (a no-op on the CPU backend)
        Nd4j.getAffinityManager().ensureLocation(contiguous, AffinityManager.Location.HOST);
        // the NIO view of an array's buffer starts at the array's own offset (its position)
        if (dt == DataType.DOUBLE) {
            contiguous.data().asNioDouble().get(dst, from, n);
        } else if (dt == DataType.FLOAT) {
            Parallel.elementwise(n, (lo, hi, part) -> {
                float[] chunk = new float[Math.min(hi - lo, CHUNK)];
                for (int done = lo; done < hi; done += chunk.length) {
                    readRange(contiguous, done, Math.min(chunk.length, hi - done), dst, from + done, chunk);
                }
            });
        } else {
            throw new IllegalArgumentException("only FLOAT and DOUBLE are supported, got " + dt);
        }
    }

    /**
     * Copies elements {@code from .. from + len - 1} of a c-contiguous FLOAT or DOUBLE array into
     * {@code dst[at ..]}, floats through {@code scratch} (length >= len): for passes that read a
     * large ND4J array a chunk at a time instead of converting all of it first. Safe to call for
     * disjoint ranges at once. On a GPU backend the caller first makes the host copy current
     * ({@code AffinityManager.ensureLocation}), once for all ranges.
     */
    public static void readRange(INDArray contiguous, long from, int len, double[] dst, int at, float[] scratch) {
        DataType dt = contiguous.dataType();
        if (dt == DataType.DOUBLE) {
            DoubleBuffer b = contiguous.data().asNioDouble();
            b.get(Math.toIntExact(b.position() + from), dst, at, len);
        } else if (dt == DataType.FLOAT) {
            FloatBuffer b = contiguous.data().asNioFloat();
            b.get(Math.toIntExact(b.position() + from), scratch, 0, len);
            for (int i = 0; i < len; i++) {
                dst[at + i] = scratch[i];
            }
        } else {
            throw new IllegalArgumentException("only FLOAT and DOUBLE are supported, got " + dt);
        }
    }

    /** Copies {@code src[0 .. length)} into a c-contiguous array (any rank, FLOAT or DOUBLE). */
    public static void write(double[] src, INDArray contiguous) {
        write(src, 0, contiguous);
    }

    /** Copies {@code src[from .. from + length)} into a c-contiguous array (any rank, FLOAT or DOUBLE). */
    public static void write(double[] src, int from, INDArray contiguous) {
        int n = checkedLength(contiguous, src.length - from);
        DataType dt = contiguous.dataType();
        if (dt == DataType.DOUBLE) {
            DoubleBuffer b = contiguous.data().asNioDouble();
            b.put(src, from, n);
        } else if (dt == DataType.FLOAT) {
            FloatBuffer b = contiguous.data().asNioFloat();
            int base = b.position();
            // absolute bulk transfers leave the buffer's position alone: disjoint ranges may run at once
            Parallel.elementwise(n, (lo, hi, part) -> {
                float[] chunk = new float[Math.min(hi - lo, CHUNK)];
                for (int done = lo; done < hi; done += chunk.length) {
                    int len = Math.min(chunk.length, hi - done);
                    for (int i = 0; i < len; i++) {
                        chunk[i] = (float) src[from + done + i];
                    }
                    b.put(base + done, chunk, 0, len);
                }
            });
        } else {
            throw new IllegalArgumentException("only FLOAT and DOUBLE are supported, got " + dt);
        }
        // the host copy is now the newest: a GPU backend must upload it before its next use
        Nd4j.getAffinityManager().tagLocation(contiguous, AffinityManager.Location.HOST);
    }

    /** Computes the values of one row of a time-major matrix. */
    @FunctionalInterface
    public interface RowValues {
        /** Writes the {@code width} values of row {@code row} to {@code out[at ..]}. */
        void compute(int row, double[] out, int at);
    }

    /**
     * Fills a c-contiguous [rows, width] array (FLOAT or DOUBLE) with values computed row by row
     * into a small Java chunk and moved in bulk, on {@link Parallel}'s threads: an output that is
     * a function of other arrays reaches ND4J memory without a full-size Java array in between.
     */
    public static void writeRows(INDArray contiguous, int rows, int width, RowValues values) {
        long n = checkedLength(contiguous, Integer.MAX_VALUE);
        if (n != (long) rows * width) {
            throw new IllegalArgumentException("array of length " + n + " is not " + rows + " x " + width);
        }
        DataType dt = contiguous.dataType();
        if (dt != DataType.DOUBLE && dt != DataType.FLOAT) {
            throw new IllegalArgumentException("only FLOAT and DOUBLE are supported, got " + dt);
        }
        int rowsPerChunk = Math.max(1, CHUNK / Math.max(1, width));
        DoubleBuffer db = dt == DataType.DOUBLE ? contiguous.data().asNioDouble() : null;
        FloatBuffer fb = dt == DataType.FLOAT ? contiguous.data().asNioFloat() : null;
        int base = db != null ? db.position() : fb.position();
        Parallel.run(rows, Parallel.elementwiseParts(n), (lo, hi, part) -> {
            double[] chunk = new double[rowsPerChunk * width];
            float[] floats = fb != null ? new float[chunk.length] : null;
            for (int first = lo; first < hi; first += rowsPerChunk) {
                int last = Math.min(hi, first + rowsPerChunk);
                for (int row = first; row < last; row++) {
                    values.compute(row, chunk, (row - first) * width);
                }
                int len = (last - first) * width;
                if (db != null) {
                    db.put(base + first * width, chunk, 0, len);
                } else {
                    for (int i = 0; i < len; i++) {
                        floats[i] = (float) chunk[i];
                    }
                    fb.put(base + first * width, floats, 0, len);
                }
            }
        });
        Nd4j.getAffinityManager().tagLocation(contiguous, AffinityManager.Location.HOST);
    }

    private static int checkedLength(INDArray a, int capacity) {
        long len = a.length();
        if (len > capacity) {
            throw new IllegalArgumentException("array of length " + len + " does not fit " + capacity);
        }
        long[] shape = a.shape();
        if (!isCContiguous(shape, a.stride())) {
            throw new IllegalArgumentException("array is not c-contiguous: shape "
                    + java.util.Arrays.toString(shape) + " stride " + java.util.Arrays.toString(a.stride()));
        }
        return (int) len;
    }
}
