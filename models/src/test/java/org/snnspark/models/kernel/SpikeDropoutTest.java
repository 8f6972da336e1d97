package org.snnspark.models.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dropout stream is a function of its coordinates only, and drops the requested fraction. */
class SpikeDropoutTest {

    @Test
    void sameCoordinatesGiveTheSameMaskAndEachCoordinateChangesIt() {
        long s = SpikeDropout.streamSeed(42, 1, 7, 0);
        double[] a = SpikeDropout.multipliers(0.3, s, 1000, null);
        double[] b = SpikeDropout.multipliers(0.3, SpikeDropout.streamSeed(42, 1, 7, 0), 1000, new double[2000]);
        assertArrayEquals(a, java.util.Arrays.copyOf(b, 1000), 0.0);
        long[] others = {SpikeDropout.streamSeed(43, 1, 7, 0), SpikeDropout.streamSeed(42, 2, 7, 0),
                SpikeDropout.streamSeed(42, 1, 8, 0), SpikeDropout.streamSeed(42, 1, 7, 1)};
        for (long o : others) {
            assertFalse(java.util.Arrays.equals(a, SpikeDropout.multipliers(0.3, o, 1000, null)));
        }
    }

    @Test
    void dropsTheRequestedFractionAndScalesTheRest() {
        double p = 0.25;
        double[] k = SpikeDropout.multipliers(p, SpikeDropout.streamSeed(1, 0, 0, 0), 100_000, null);
        int dropped = 0;
        for (double v : k) {
            if (v == 0.0) {
                dropped++;
            } else {
                assertEquals(1 / (1 - p), v, 0.0);
            }
        }
        // binomial standard deviation here is ~137 drops
        assertEquals(25_000, dropped, 700);
        assertTrue(SpikeDropout.multipliers(0.0, 5, 10, null)[3] == 1.0);
    }
}
