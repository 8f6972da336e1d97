package org.snnspark.models.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recurrent term of BPTT for a whole step, {@code adj(s_{t-1}) += gDrive_t V^T} over all
 * samples, as one double-precision GEMM [mb, n] x [n, n]^T.
 * <p>
 * Used when the surrogate's derivative is nowhere zero (fast sigmoid, ATan, multi-Gaussian) in
 * layers of more than {@link LoopKernel#DENSE_ADJOINT_ABOVE} neurons: then every neuron's adjoint
 * is needed, and the per-neuron dot products of the event-driven path read all of V for every
 * sample's row where a GEMM keeps blocks of it in cache (at 128 neurons the dot products are
 * still ahead). The steps of BPTT depend on each
 * other, so the product runs once per step, between the steps' elementwise work. Double precision
 * keeps the kernels' arithmetic (and their gradient checks) as they are.
 * The arrays live outside DL4J's workspaces and are reused while the shape stays.
 */
final class DenseAdjoint {
    private final int mb;
    private final int n;
    private final INDArray g;
    private final INDArray v;
    private final INDArray out;
    private final double[] sum;

    DenseAdjoint(int mb, int n) {
        this.mb = mb;
        this.n = n;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            g = Nd4j.create(DataType.DOUBLE, new long[]{mb, n}, 'c');
            v = Nd4j.create(DataType.DOUBLE, new long[]{n, n}, 'c');
            out = Nd4j.create(DataType.DOUBLE, new long[]{mb, n}, 'c');
        }
        sum = new double[mb * n];
    }

    boolean fits(int mb, int n) {
        return this.mb == mb && this.n == n;
    }

    /** V, row-major [n, n] (row i = the effect of neuron i's spike). */
    void setWeights(double[] weights) {
        TimeMajor.write(weights, 0, v);
    }

    /** adj[b * n + i] += sum_j gDrive[from + b * n + j] V[i, j] for every sample b of the step. */
    void add(double[] gDrive, int from, double[] adj) {
        TimeMajor.write(gDrive, from, g);
        Nd4j.gemm(g, v, out, false, true, 1.0, 0.0);
        TimeMajor.read(out, sum);
        for (int k = 0; k < sum.length; k++) {
            adj[k] += sum[k];
        }
    }
}
