package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Frequency response of the resampler (48 kHz -> 16 kHz, new Nyquist 8 kHz): gain of pure tones,
 * measured away from the edges. Together with AudioReferenceTest (sample-exact agreement with
 * torchaudio) this checks that it is a proper anti-aliasing low-pass, not only torchaudio-shaped.
 */
class ResamplerTest {

  /** RMS gain of a unit sine at {@code freq} through the resampler. */
  private static double gain(Resampler r, double freq) {
    int n = 24000; // 0.5 s
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * freq * i / r.from());
    }
    double[] y = r.apply(x);
    double s = 0;
    int from = 1000;
    int to = y.length - 1000;
    for (int i = from; i < to; i++) {
      s += y[i] * y[i];
    }
    return Math.sqrt(s / (to - from)) / Math.sqrt(0.5);
  }

  private static double db(double g) {
    return 20 * Math.log10(g);
  }

  @Test
  void kaiserBestIsFlatInThePassBandAndRejectsAliasesBy140Db() {
    Resampler r = Resampler.kaiserBest(48000, 16000);
    for (double f : new double[] {100, 1000, 3000, 5000, 7000}) {
      assertEquals(0, db(gain(r, f)), 0.01, f + " Hz passes");
    }
    for (double f : new double[] {8500, 9000, 12000, 20000}) {
      assertTrue(db(gain(r, f)) < -140, f + " Hz is rejected: " + db(gain(r, f)) + " dB");
    }
  }

  @Test
  void torchaudioDefaultIsTheSofterFilterItIs() {
    // the documented price of torchaudio's default (Hann, 6 zero crossings, rolloff 0.99)
    Resampler r = Resampler.torchaudioDefault(48000, 16000);
    assertEquals(0, db(gain(r, 1000)), 0.01);
    assertEquals(-1.8, db(gain(r, 7000)), 0.1, "already attenuated below Nyquist");
    assertEquals(-16.8, db(gain(r, 9000)), 0.2, "aliases only weakly rejected");
    assertTrue(db(gain(r, 12000)) < -50);
  }

  @Test
  void lengthsAndIdentity() {
    Resampler down = Resampler.torchaudioDefault(48000, 16000);
    assertEquals(10335, down.outputLength(31005));
    assertEquals(2, down.outputLength(4), "ceil(n * L / M)");
    Resampler up = Resampler.torchaudioDefault(16000, 22050);
    assertEquals(15059, up.outputLength(10927));
    double[] x = {1, 2, 3};
    double[] same = new Resampler(16000, 16000, Resampler.Window.HANN, 6, 0.99, 0).apply(x);
    assertArrayEquals(x, same);
    assertNotSame(x, same);
    assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000, Resampler.Window.HANN, 6, 0.99, 0));
    assertThrows(IllegalArgumentException.class, () -> new Resampler(48000, 16000, Resampler.Window.HANN, 6, 1.5, 0));
  }

  @Test
  void besselI0() {
    assertEquals(1.0, Resampler.besselI0(0), 0);
    assertEquals(1.2660658777520082, Resampler.besselI0(1), 1e-15);
    assertEquals(271903.6406814566, Resampler.besselI0(14.769656459379492), 1e-14 * 271903.64); // scipy.special.i0
  }
}
