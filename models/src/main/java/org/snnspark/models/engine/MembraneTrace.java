package org.snnspark.models.engine;

/** Cuts one sequence's trace out of a time-major state array ([(t * batch + b) * n + j]). */
public final class MembraneTrace {
    private MembraneTrace() {}

    /** The trace of sequence {@code b} as [neuron][step]. */
    public static double[][] of(double[] timeMajor, int batch, int steps, int n, int b) {
        double[][] out = new double[n][steps];
        for (int t = 0; t < steps; t++) {
            int base = (t * batch + b) * n;
            for (int j = 0; j < n; j++) {
                out[j][t] = timeMajor[base + j];
            }
        }
        return out;
    }
}
