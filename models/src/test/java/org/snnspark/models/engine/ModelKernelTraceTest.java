package org.snnspark.models.engine;

import org.snnspark.models.testutil.KernelParams;
import org.junit.jupiter.api.Test;
import org.snnspark.models.surrogate.ArcTan;
import org.snnspark.models.surrogate.FastSigmoid;
import org.snnspark.models.surrogate.MultiGaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.snnspark.models.neuron.alif.AlifKernel;
import org.snnspark.models.neuron.cuba.CubaKernel;
import org.snnspark.models.neuron.leaky.LeakyKernel;

/** Forward traces of the CUBA, ALIF and Leaky kernels, one neuron, small enough to follow by hand. */
class ModelKernelTraceTest {
    private static final double EPS = 1e-12;

    /**
     * Zenke's ordering: the spike is read off the membrane before the update, and the membrane takes
     * the current of the step before, so a pulse at t = 0 spikes at t = 2; the reset multiplies.
     * alpha = beta = 0.5, drive 4 at t = 0 only.
     */
    @Test
    void cubaSpikesTwoStepsAfterItsInputAndResetsByMultiplication() {
        CubaKernel k = new CubaKernel(1, false, 0.5, 0.5, 1.0, true, new FastSigmoid(100));
        k.setParameters(KernelParams.of(k, new double[0][]), null);
        k.forward(new double[]{4, 0, 0, 0, 0}, 1, 5, null);
        // syn: 4, 2, 1, 0.5, 0.25
        assertArrayEquals(new double[]{4, 2, 1, 0.5, 0.25}, k.state(CubaKernel.SYN), EPS);
        // mem_t = (0.5 mem_{t-1} + syn_{t-1}) (1 - s_t): 0, 4, (2 + 2) * 0 = 0, 1, 0.5 + 0.5 = 1
        assertArrayEquals(new double[]{0, 4, 0, 1, 1}, k.state(CubaKernel.MEM), EPS);
        // s_t = H(mem_{t-1} - 1): only mem_1 = 4 exceeds 1 (mem = 1 is not above it)
        assertArrayEquals(new double[]{0, 0, 1, 0, 0}, k.spikes(), 0.0);
    }

    /**
     * Yin's ALIF with alpha = rho = 0.5, b0 = 0.1, beta_a = 1, dt = 1; b starts at b0.
     * t0: b = 0.05, B = 0.15, u = 0.5 * 2 = 1 -> spike. t1: b = 0.025 + 0.5 = 0.525, B = 0.625,
     * u = 0.5 - 0.625 (reset by the threshold) = -0.125. t2: b = 0.2625, u = -0.0625.
     */
    @Test
    void alifRaisesItsThresholdAfterASpikeAndResetsByIt() {
        AlifKernel k = new AlifKernel(1, false, 0.1, 1.0, 1.0, new MultiGaussian(0.5));
        k.setParameters(KernelParams.of(k, new double[][]{{0.5}, {0.5}}), null);
        k.forward(new double[]{2, 0, 0}, 1, 3, null);
        assertArrayEquals(new double[]{0.05, 0.525, 0.2625}, k.state(AlifKernel.B), EPS);
        assertArrayEquals(new double[]{1, -0.125, -0.0625}, k.state(AlifKernel.U), EPS);
        assertArrayEquals(new double[]{1, 0, 0}, k.spikes(), 0.0);
    }

    /** snnTorch's Leaky, beta 0.9, threshold 1: mem 1.5 spikes, then 0.9 * 1.5 - 1 = 0.35, then 0.315. */
    @Test
    void leakySubtractsTheThresholdOneStepAfterTheSpike() {
        LeakyKernel k = new LeakyKernel(1, false, 0.9, 1.0, true, new ArcTan(2));
        k.setParameters(KernelParams.of(k, new double[0][]), null);
        k.forward(new double[]{1.5, 0, 0}, 1, 3, null);
        assertArrayEquals(new double[]{1.5, 0.35, 0.315}, k.state(LeakyKernel.MEM), EPS);
        assertArrayEquals(new double[]{1, 0, 0}, k.spikes(), 0.0);
    }
}
