package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The waveform stages around the features: mixdown, pad/crop, peak, dither, short clips. */
class FeatureExtractorTest {

  @Test
  void padAndCropAlignAtTheStartOrCentre() {
    double[] x = {1, 2, 3, 4, 5};
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 0, 0, 0}, FeatureExtractor.fit(x, 8, AudioPreprocessConfig.ClipAlign.START));
    // Yin's Pad: (size - n) // 2 zeros before, the rest after
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 0, 0}, FeatureExtractor.fit(x, 8, AudioPreprocessConfig.ClipAlign.CENTER));
    assertArrayEquals(new double[] {1, 2, 3}, FeatureExtractor.fit(x, 3, AudioPreprocessConfig.ClipAlign.START));
    assertArrayEquals(new double[] {2, 3, 4}, FeatureExtractor.fit(x, 3, AudioPreprocessConfig.ClipAlign.CENTER));
  }

  @Test
  void stereoMixdownAndFixedLengthAreReported() {
    PcmAudio stereo = AudioFixtures.decode("fmt_s24_stereo.wav"); // 22.05 kHz, right = left / 2
    AudioPreprocessConfig mean = new AudioPreprocessConfig().setClipSeconds(0.5);
    FeatureExtractor.Result a = new FeatureExtractor(mean).extract(stereo, "s", 0);
    assertTrue(a.resampled());
    assertEquals(22050, a.sourceRate());
    assertEquals(2, a.sourceChannels());
    assertEquals(6615 / 22050.0, a.sourceSeconds(), 1e-12);
    assertEquals(8000 - 4800, a.padded());
    assertEquals(48, a.frames());
    FeatureExtractor.Result first = new FeatureExtractor(new AudioPreprocessConfig().setClipSeconds(0.5)
        .setMixdown(AudioPreprocessConfig.Mixdown.FIRST)).extract(stereo, "s", 0);
    // the mean of (l, l/2) is 0.75 l: log mel energies differ by 2 ln(0.75) where there is signal
    int f = 10 * 40 + 5;
    assertEquals(2 * Math.log(0.75), a.features()[f] - first.features()[f], 1e-3);
  }

  @Test
  void peakNormalisationMakesFeaturesGainInvariant() {
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setPeakNormalize(true);
    PcmAudio yes = AudioFixtures.decode("gsc_yes.wav");
    float[] quiet = yes.samples()[0].clone();
    for (int i = 0; i < quiet.length; i++) {
      quiet[i] *= 0.125f; // exact in binary
    }
    float[] a = new FeatureExtractor(cfg).extract(yes, "a", 0).features();
    float[] b = new FeatureExtractor(cfg).extract(new PcmAudio(16000, new float[][] {quiet}, "x"), "b", 0).features();
    assertArrayEquals(a, b, 1e-5f);
  }

  @Test
  void ditherIsSeededAndSilenceIsFloored() {
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setFbankDither(1e-3);
    PcmAudio yes = AudioFixtures.decode("gsc_yes.wav");
    FeatureExtractor fx = new FeatureExtractor(cfg);
    assertArrayEquals(fx.extract(yes, "a", 7).features(), fx.extract(yes, "a", 7).features());
    assertFalse(java.util.Arrays.equals(fx.extract(yes, "a", 7).features(), fx.extract(yes, "a", 8).features()));
    // digital silence: every log energy at the floor ln(2^-23); MEL log1p(S / max) stays 0
    PcmAudio silence = new PcmAudio(16000, new float[][] {new float[16000]}, "x");
    for (float v : new FeatureExtractor(new AudioPreprocessConfig()).extract(silence, "s", 0).features()) {
      assertEquals((float) Math.log(KaldiFbank.EPSILON), v);
    }
    for (float v : new FeatureExtractor(new AudioPreprocessConfig().setFeatures(AudioPreprocessConfig.Features.MEL))
        .extract(silence, "s", 0).features()) {
      assertEquals(0f, v);
    }
  }

  @Test
  void tooShortForDeltasOrReflectPaddingIsABadSampleNamingTheFile() {
    PcmAudio tiny = new PcmAudio(16000, new float[][] {new float[800]}, "x"); // 6 centred frames < delta width 9
    AudioDataException e = assertThrows(AudioDataException.class, () -> new FeatureExtractor(
        new AudioPreprocessConfig().setFeatures(AudioPreprocessConfig.Features.MEL)).extract(tiny, "w/a.wav", 0));
    assertEquals("w/a.wav", e.getFile());
    assertTrue(e.getProblem().startsWith("too short for the features: 6 frames, fewer than the delta width 9"), e.getProblem());
    PcmAudio tinier = new PcmAudio(16000, new float[][] {new float[200]}, "x");
    assertTrue(assertThrows(AudioDataException.class, () -> new FeatureExtractor(new AudioPreprocessConfig()
        .setFeatures(AudioPreprocessConfig.Features.MEL).setMelDeltaOrder(0)).extract(tinier, "t", 0)).getProblem()
        .contains("reflect padding needs more than n_fft/2 = 240"));
  }
}
