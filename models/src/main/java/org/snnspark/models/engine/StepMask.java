package org.snnspark.models.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's features mask [minibatch, T] (1 = real step, 0 = padding) as one flag per time-major row
 * {@code t * mb + b}.
 * <p>
 * Semantics shared by every layer here: a masked step does not exist for the neuron. Its state
 * is carried through unchanged, it emits nothing and it receives no gradient. This makes padding
 * at either end (the reversed direction of a bidirectional layer sees it in front) harmless, and
 * keeps a sample's result independent of how much padding its minibatch needed.
 */
public final class StepMask {
    private StepMask() {
    }

    /** The per-row flags, or null when there is no mask (every step valid). */
    public static boolean[] validRows(INDArray mask, long mb, long steps) {
        if (mask == null) {
            return null;
        }
        if (mask.rank() != 2 || mask.size(0) != mb || mask.size(1) != steps) {
            throw new IllegalArgumentException("features mask must be [minibatch=" + mb + ", T=" + steps
                    + "], got " + java.util.Arrays.toString(mask.shape()));
        }
        // [T, mb] in c order is exactly row order t * mb + b; the mask is small, one copy is cheap
        INDArray tb = mask.transpose().dup('c');
        double[] values = new double[(int) (mb * steps)];
        TimeMajor.read(tb, values);
        boolean[] valid = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            valid[i] = values[i] != 0;
        }
        return valid;
    }

    /** Number of valid rows (all rows when {@code valid} is null). */
    public static long count(boolean[] valid, long rows) {
        if (valid == null) {
            return rows;
        }
        long c = 0;
        for (boolean v : valid) {
            if (v) {
                c++;
            }
        }
        return c;
    }
}
