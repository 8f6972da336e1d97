package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** snnTorch's mse_count_loss by hand, with its integer targets. */
class SpikeCountMseTest {

    /**
     * Two samples, three classes, T = 10 and 7 valid steps; rates 0.75 / 0.2. Targets: sample 0
     * int(7.5) = 7 on, int(2) = 2 off; sample 1 int(5.25) = 5 on, int(1.4) = 1 off.
     */
    @Test
    void lossAndGradientByHand() {
        double[] counts = {6, 2, 5, 0, 1, 5};
        double[] labels = {1, 0, 0, 0, 0, 1};
        SpikeCountMse loss = new SpikeCountMse(0.75, 0.2);
        double[] per = loss.evaluate(counts, new double[]{10, 7}, labels, null, 2, 3);
        double l0 = ((6 - 7) * (6 - 7) + 0 + (5 - 2) * (5 - 2)) / 3.0 / 10;
        double l1 = ((0 - 1) * (0 - 1) + 0 + (5 - 5) * (5 - 5)) / 3.0 / 7;
        assertArrayEquals(new double[]{l0, l1}, per, 1e-15);
        assertEquals((l0 + l1) / 2, loss.mean(), 1e-15);
        assertEquals(2 * (6 - 7) / (3.0 * 10), loss.coefficient(0, 0), 1e-15);
        assertEquals(2 * (5 - 2) / (3.0 * 10), loss.coefficient(0, 2), 1e-15);
        assertEquals(2 * (0 - 1) / (3.0 * 7), loss.coefficient(1, 0), 1e-15);
    }

    /** With equal lengths the minibatch mean is snnTorch's MSELoss()(count, target) / num_steps. */
    @Test
    void equalLengthsGiveSnnTorchsFormula() {
        double[] counts = {3, 8, 1, 4};
        double[] labels = {0, 1, 1, 0};
        SpikeCountMse loss = new SpikeCountMse(1.0, 0.0);
        loss.evaluate(counts, new double[]{9, 9}, labels, null, 2, 2);
        double mse = ((3 - 0) * (3 - 0) + (8 - 9) * (8 - 9) + (1 - 9) * (1 - 9) + (4 - 0) * (4 - 0)) / 4.0;
        assertEquals(mse / 9, loss.mean(), 1e-15);
    }

    @Test
    void labelsMaskWeightsTermsAndEmptySamplesCostNothing() {
        SpikeCountMse loss = new SpikeCountMse(1.0, 0.0);
        double[] per = loss.evaluate(new double[]{2, 2, 5, 5}, new double[]{4, 0}, new double[]{1, 0, 1, 0},
                new double[]{0, 1, 1, 1}, 2, 2);
        assertArrayEquals(new double[]{(2 - 0) * (2 - 0) / 2.0 / 4, 0}, per, 1e-15);
        assertEquals(0.0, loss.coefficient(0, 0), 0.0);
        assertEquals(0.0, loss.coefficient(1, 1), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new SpikeCountMse(1.2, 0));
    }
}
