package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rate band penalty by hand, and its gradient against finite differences. */
class RateBandTest {

    /**
     * Two samples, two neurons, three steps; sample 1's last step is padding. Rates: sample 0
     * (2/3, 0), sample 1 (1/2, 1/2). Band [0.2, 0.6], strength 3: terms (2/3 - 0.6)^2 and
     * (0.2 - 0)^2 in sample 0, none in sample 1; mean over 4 (sample, neuron) cells.
     */
    @Test
    void penaltyByHand() {
        // rows t * 2 + b, 2 neurons each
        double[] s = {1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1};
        boolean[] valid = {true, true, true, true, true, false};
        RateBand band = new RateBand(0.2, 0.6, 3.0);
        double p = band.evaluate(s, valid, 2, 2, 2, 3);
        double expected = 3.0 * (Math.pow(2.0 / 3 - 0.6, 2) + Math.pow(0.2, 2)) / 4;
        assertEquals(expected, p, 1e-15);
        assertEquals(0.0, new RateBand(0.0, 1.0, 3.0).evaluate(s, valid, 2, 2, 2, 3), 0.0, "inside the band");
    }

    /** addGradient adds mb * dP/ds (DL4J's summed-loss convention) on valid rows and nothing on padding. */
    @Test
    void gradientMatchesFiniteDifferences() {
        int n = 3, kb = 4, mb = 2, steps = 5;
        Random r = new Random(3);
        double[] s = new double[kb * steps * n];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextDouble();
        }
        boolean[] valid = new boolean[kb * steps];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = i < 17 && i != 6;
        }
        RateBand band = new RateBand(0.45, 0.55, 2.0);
        band.evaluate(s, valid, n, kb, mb, steps);
        double[] g = new double[s.length];
        band.addGradient(g);
        double eps = 1e-6;
        for (int i = 0; i < s.length; i++) {
            double v = s[i];
            s[i] = v + eps;
            double plus = band.evaluate(s, valid, n, kb, mb, steps);
            s[i] = v - eps;
            double minus = band.evaluate(s, valid, n, kb, mb, steps);
            s[i] = v;
            assertEquals(mb * (plus - minus) / (2 * eps), g[i], 1e-8, "element " + i);
            if (!valid[i / n]) {
                assertEquals(0.0, g[i], 0.0);
            }
        }
    }

    @Test
    void rejectsAnEmptyBand() {
        assertThrows(IllegalArgumentException.class, () -> new RateBand(0.5, 0.4, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateBand(0.1, 0.4, -1));
    }
}
