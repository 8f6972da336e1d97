package org.snnspark.models.engine;

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
        byte[] a = SpikeDropout.kept(0.3, s, 1000, null);
        byte[] b = SpikeDropout.kept(0.3, SpikeDropout.streamSeed(42, 1, 7, 0), 1000, new byte[2000]);
        assertArrayEquals(a, java.util.Arrays.copyOf(b, 1000));
        long[] others = {SpikeDropout.streamSeed(43, 1, 7, 0), SpikeDropout.streamSeed(42, 2, 7, 0),
                SpikeDropout.streamSeed(42, 1, 8, 0), SpikeDropout.streamSeed(42, 1, 7, 1)};
        for (long o : others) {
            assertFalse(java.util.Arrays.equals(a, SpikeDropout.kept(0.3, o, 1000, null)));
        }
    }

    /** Element i is kept when its own 16 bits of the stream reach p 2^16, however the mask is drawn. */
    @Test
    void eachElementFollowsItsQuarterOfTheStream() {
        long s = SpikeDropout.streamSeed(3, 1, 4, 1);
        double p = 0.4;
        long threshold = (long) Math.ceil(p * 0x1p16);
        byte[] k = SpikeDropout.kept(p, s, 100_003, null);
        for (int i = 0; i < k.length; i++) {
            assertEquals(SpikeDropout.quarter(s, i) >= threshold ? 1 : 0, k[i], "element " + i);
        }
    }

    /** A long mask is drawn in parts, some starting at odd elements: it is the short mask, extended. */
    @Test
    void aMaskDrawnInPartsEqualsOneDrawnInOnePiece() {
        long s = SpikeDropout.streamSeed(7, 0, 3, 2);
        // 200,007 elements are cut into 8 parts (boundaries 25000, 50001, ...: not multiples of 4); 65,535 are not cut
        byte[] whole = SpikeDropout.kept(0.25, s, 200_007, null);
        byte[] prefix = SpikeDropout.kept(0.25, s, 65_535, null);
        assertArrayEquals(prefix, java.util.Arrays.copyOf(whole, prefix.length));
    }

    @Test
    void dropsTheRequestedFractionAndScalesTheRestByOneOverOneMinusP() {
        double p = 0.25;
        byte[] k = SpikeDropout.kept(p, SpikeDropout.streamSeed(1, 0, 0, 0), 100_000, null);
        int dropped = 0;
        for (byte kept : k) {
            assertTrue(kept == 0 || kept == 1, "a mask holds 0 and 1 only");
            dropped += 1 - kept;
        }
        // binomial standard deviation here is ~137 drops
        assertEquals(25_000, dropped, 700);
        assertEquals(1 / (1 - p), SpikeDropout.scale(p), 0.0);
        assertArrayEquals(new double[]{0.0, 1 / (1 - p)}, SpikeDropout.factors(p), 0.0);
        for (byte kept : SpikeDropout.kept(0.0, 5, 10, null)) {
            assertEquals(1, kept);
        }
    }

    @Test
    void workersOfOneRoundDrawDifferentMasksEachReproducibly() {
        long plain = SpikeDropout.streamSeed(42, 0, 7, 1);
        try {
            SpikeDropout.setWorkerStreamSource(() -> 1L);
            long first = SpikeDropout.streamSeed(42, 0, 7, 1);
            SpikeDropout.setWorkerStreamSource(() -> 2L);
            long second = SpikeDropout.streamSeed(42, 0, 7, 1);
            org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
            org.junit.jupiter.api.Assertions.assertNotEquals(plain, first);
            SpikeDropout.setWorkerStreamSource(() -> 1L);
            org.junit.jupiter.api.Assertions.assertEquals(first, SpikeDropout.streamSeed(42, 0, 7, 1));
        } finally {
            SpikeDropout.setWorkerStreamSource(() -> 0L);
        }
        org.junit.jupiter.api.Assertions.assertEquals(plain, SpikeDropout.streamSeed(42, 0, 7, 1));
    }
}
