package org.snnspark.models.neuron.lif;

import org.junit.jupiter.api.Test;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.Boxcar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.snnspark.models.engine.ReadoutKernel;

/** Forward traces of the kernels on cases small enough to follow by hand. */
class LifKernelTest {
    private static final double EPS = 1e-12;

    /**
     * One LIF neuron, a = 0.9, constant drive 2: u_t = 2 (1 - 0.9^(t+1)) until it first exceeds the
     * threshold 1 at step 6 (u = 2 (1 - 0.9^7) = 1.0434062); then reset by subtraction:
     * u_7 = 0.9 (u_6 - 1) + 0.1 * 2.
     */
    @Test
    void lifChargesFiresAndResetsBySubtraction() {
        LifKernel k = new LifKernel(1, false, false, 1.0, new Boxcar(0.5));
        k.setParameters(new double[]{0.9}, null, null, null, null);
        double[] drive = new double[9];
        java.util.Arrays.fill(drive, 2.0);
        k.forward(drive, 1, 9, null);
        double[] u = k.membrane();
        for (int t = 0; t <= 6; t++) {
            assertEquals(2 * (1 - Math.pow(0.9, t + 1)), u[t], EPS, "u at step " + t);
        }
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0, 1, 0, 0}, k.spikes(), 0.0);
        double u7 = 0.9 * (u[6] - 1) + 0.1 * 2;
        assertEquals(u7, u[7], EPS);
        assertEquals(0.9 * u7 + 0.1 * 2, u[8], EPS);
    }

    /**
     * adLIF, one neuron, a = 0.9, b = 0.95, A = 0.5, B = 1: the adaptation current w follows the
     * membrane and jumps by B after a spike, and is subtracted inside the (1 - a) term.
     */
    @Test
    void adaptationFollowsMembraneAndSpikes() {
        LifKernel k = new LifKernel(1, false, true, 1.0, new Boxcar(0.5));
        k.setParameters(new double[]{0.9}, new double[]{0.95}, new double[]{0.5}, new double[]{1.0}, null);
        double[] drive = {15, 0, 0};
        k.forward(drive, 1, 3, null);
        double[] u = k.membrane();
        double[] w = k.adaptation();
        // step 0: w = 0, u = 0.1 * 15 = 1.5 -> spike
        assertEquals(0.0, w[0], EPS);
        assertEquals(1.5, u[0], EPS);
        assertEquals(1.0, k.spikes()[0], 0.0);
        // step 1: w = 0.95 * 0 + 0.5 * 1.5 + 1 * 1 = 1.75; u = 0.9 (1.5 - 1) + 0.1 (0 - 1.75)
        assertEquals(1.75, w[1], EPS);
        assertEquals(0.45 - 0.175, u[1], EPS);
        // step 2: w = 0.95 * 1.75 + 0.5 * u1 + 0; u = 0.9 u1 + 0.1 (0 - w2)
        double w2 = 0.95 * 1.75 + 0.5 * u[1];
        assertEquals(w2, w[2], EPS);
        assertEquals(0.9 * u[1] - 0.1 * w2, u[2], EPS);
    }

    /**
     * Recurrent input: a spike of neuron 0 adds row 0 of V to the drive at the next step. The kernel
     * uses V as given; sparch's zero diagonal is the layer's (LifLayerLayoutTest).
     */
    @Test
    void recurrentSpikesAddRowsOfV() {
        LifKernel k = new LifKernel(2, true, false, 1.0, new Boxcar(0.5));
        double[] v = {7, 3, -2, 9}; // V[0][0] = 7 (self), V[0][1] = 3
        k.setParameters(new double[]{0.9, 0.9}, null, null, null, v);
        double[] drive = {20, 0, 0, 0};
        k.forward(drive, 1, 2, null);
        assertEquals(1.0, k.spikes()[0], 0.0);
        assertEquals(0.9 * (2 - 1) + 0.1 * 7, k.membrane()[2], EPS, "neuron 0 gets V[0][0]");
        assertEquals(0.1 * 3, k.membrane()[3], EPS, "neuron 1 gets V[0][1]");
    }

    /** A padding step carries the state through and is skipped by the readout's reductions. */
    @Test
    void paddingStepsCarryStateAndDoNotCount() {
        ReadoutKernel r = new ReadoutKernel(1, ReadoutReduction.MEAN);
        r.setParameters(new double[]{0.5});
        // two samples, three steps; sample 1 has its middle step masked
        boolean[] valid = {true, true, true, false, true, true};
        double[] drive = {2, 2, 2, 100, 2, 2};
        r.forward(drive, 2, 3, valid);
        double[] u = r.membrane();
        assertArrayEquals(new double[]{1, 1, 1.5, 1, 1.75, 1.5}, u, EPS);
        assertEquals((1 + 1.5 + 1.75) / 3, r.output()[0], EPS);
        assertEquals((1 + 1.5) / 2, r.output()[1], EPS);

        ReadoutKernel last = new ReadoutKernel(1, ReadoutReduction.LAST);
        last.setParameters(new double[]{0.5});
        boolean[] endPadded = {true, true, true, false, true, false};
        last.forward(drive, 2, 3, endPadded);
        assertEquals(1.75, last.output()[0], EPS);
        assertEquals(1.0, last.output()[1], EPS, "LAST is the last valid step");
    }
}
