package org.snnspark.models.testutil;

import org.snnspark.models.neuron.lif.LifKernel;

import java.util.Random;

/** Inputs the LIF-family kernel tests share. */
public final class LifFixtures {
    private LifFixtures() {
    }

    /** A random stored state [u, s, w] of mb samples: potentials, binary spikes, small adaptation. */
    public static double[][] initialState(Random r, int mb, int n) {
        double[][] initial = new double[3][mb * n];
        for (int i = 0; i < mb * n; i++) {
            initial[LifKernel.U][i] = r.nextGaussian();
            initial[LifKernel.S][i] = r.nextBoolean() ? 1.0 : 0.0;
            initial[LifKernel.W][i] = r.nextGaussian() * 0.1;
        }
        return initial;
    }

    /** {@code length} normal values times {@code scale}. */
    public static double[] gaussian(Random r, int length, double scale) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = r.nextGaussian() * scale;
        }
        return x;
    }

    /** Time-major row validity with sample {@code padded} padded from step {@code from} on. */
    public static boolean[] paddedFrom(int mb, int steps, int padded, int from) {
        boolean[] valid = new boolean[mb * steps];
        for (int row = 0; row < valid.length; row++) {
            valid[row] = !(row % mb == padded && row / mb >= from);
        }
        return valid;
    }
}
