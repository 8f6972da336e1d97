package org.snnspark.models.engine;

import java.util.Arrays;

/** Reusable Java working arrays: layers keep them between minibatches to spare the GC. */
public final class Buffers {
    private Buffers() {
    }

    /** {@code buf} if it holds at least {@code length} values, else a new array; contents unspecified. */
    public static double[] ensure(double[] buf, long length) {
        int n = checkedSize(length);
        return buf != null && buf.length >= n ? buf : new double[n];
    }

    /** Like {@link #ensure} but the first {@code length} values are zero. */
    public static double[] zeroed(double[] buf, long length) {
        double[] out = ensure(buf, length);
        Arrays.fill(out, 0, (int) length, 0.0);
        return out;
    }

    public static int checkedSize(long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("working array of " + length
                    + " values does not fit a Java array: use smaller minibatches or shorter sequences");
        }
        return (int) length;
    }
}
