package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event-driven products give what the dense ones give, at any count of spikes. */
class SpikeProductsTest {

    @Test
    void sumsOverSpikesEqualTheDenseProducts() {
        Random r = new Random(11);
        int n = 13;
        double[] v = new double[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        double[][] rows = SpikeProducts.rows(v, n, n, null);
        for (int spikes = 0; spikes <= n; spikes++) {
            // a row at offset 3 of a longer array, `spikes` of its neurons firing (one with a non-binary value)
            double[] s = new double[3 + n];
            for (int k = 0; k < spikes; k++) {
                s[3 + (k * 5) % n] = k == 2 ? 0.5 : 1.0;
            }
            int[] fired = new int[n];
            int count = SpikeProducts.fired(s, 3, n, fired);
            assertEquals(spikes, count);

            double[] rec = new double[n];
            SpikeProducts.addRows(rows, fired, count, s, 3, rec);
            double[] g = new double[n];
            for (int j = 0; j < n; j++) {
                g[j] = r.nextGaussian();
            }
            double[][] dV = new double[n][n];
            SpikeProducts.addOuter(fired, count, s, 3, g, dV);
            for (int j = 0; j < n; j++) {
                double dense = 0;
                for (int i = 0; i < n; i++) {
                    dense += s[3 + i] * v[i * n + j];
                }
                assertEquals(dense, rec[j], 1e-12, "s V at " + j + " with " + spikes + " spikes");
            }
            for (int i = 0; i < n; i++) {
                double[] expected = new double[n];
                for (int j = 0; j < n; j++) {
                    expected[j] = s[3 + i] * g[j];
                }
                assertArrayEquals(expected, dV[i], 0.0, "row " + i + " of s^T g");
            }
        }
    }
}
