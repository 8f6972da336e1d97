package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java decoders, resampler and feature extractors against torchaudio / scipy on real speech
 * (espeak-ng fixtures; values from src/test/resources/audio/reference.py). Stated tolerances:
 * <ul>
 *   <li>decoding: bit-exact samples (the same integer scaling as torchaudio.load);
 *   <li>resampling (Hann and Kaiser): max abs error 1e-12 (both float64; [-1, 1] signals);
 *   <li>Kaldi fbank vs torchaudio in float64: max abs error 1e-5 on the log features (measured
 *       ~5e-7: the float32 rounding of the stored features); vs torchaudio in float32, which is what
 *       sparch computes: 1e-3 (measured up to 1.7e-4, torchaudio's own float32 rounding);
 *   <li>mel (log1p-max / log / dB, with deltas) vs torchaudio MelSpectrogram + scipy savgol_filter,
 *       float64: max abs error 1e-5 (measured ~1e-8 for Yin's log1p features, 4e-6 on dB values
 *       around -65: float32 storage).
 * </ul>
 * Column sums over all frames are held to the same tolerance per frame. The test prints the
 * measured errors.
 */
class AudioReferenceTest {

  @Test
  void decodingMatchesTorchaudioLoad() {
    JsonNode decode = AudioFixtures.reference().get("decode");
    assertTrue(decode.size() >= 11, "every fixture has reference values");
    for (Iterator<Map.Entry<String, JsonNode>> it = decode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode ref = e.getValue();
      PcmAudio a = AudioFixtures.decode(name);
      assertEquals(ref.get("sampleRate").asInt(), a.sampleRate(), name);
      assertEquals(ref.get("channels").asInt(), a.channels(), name);
      assertEquals(ref.get("frames").asInt(), a.frames(), name);
      for (int c = 0; c < a.channels(); c++) {
        double sum = 0;
        double sumSq = 0;
        for (float v : a.samples()[c]) {
          sum += v;
          sumSq += (double) v * v;
        }
        assertClose(ref.get("sum").get(c).asDouble(), sum, name + " channel " + c + " sum");
        assertClose(ref.get("sumSq").get(c).asDouble(), sumSq, name + " channel " + c + " sum of squares");
        JsonNode idx = ref.get("probeIndex");
        for (int k = 0; k < idx.size(); k++) {
          assertEquals((float) ref.get("probe").get(c).get(k).asDouble(), a.samples()[c][idx.get(k).asInt()],
              name + " channel " + c + " sample " + idx.get(k).asInt());
        }
      }
    }
  }

  @Test
  void flacAndWavOfTheSameAudioDecodeIdentically() {
    PcmAudio wav = AudioFixtures.decode("fmt_s24_stereo.wav");
    PcmAudio flac = AudioFixtures.decode("fmt_s24_stereo.flac");
    assertEquals("WAV PCM 24-bit", wav.encoding());
    assertEquals("FLAC 24-bit", flac.encoding());
    for (int c = 0; c < 2; c++) {
      assertArrayEquals(wav.samples()[c], flac.samples()[c]);
    }
  }

  @Test
  void resamplingMatchesTorchaudio() {
    for (JsonNode ref : AudioFixtures.reference().get("resample")) {
      String name = ref.get("file").asText();
      double[] x = AudioFixtures.decode(name).mono(false);
      Resampler r = new Resampler(ref.get("from").asInt(), ref.get("to").asInt(),
          ref.get("method").asText().equals("kaiser_window") ? Resampler.Window.KAISER : Resampler.Window.HANN,
          ref.get("lowpassFilterWidth").asInt(), ref.get("rolloff").asDouble(), Resampler.DEFAULT_BETA);
      double[] y = r.apply(x);
      String what = name + " " + ref.get("from") + " -> " + ref.get("to") + " " + ref.get("method");
      assertEquals(ref.get("length").asInt(), y.length, what);
      double maxErr = 0;
      JsonNode idx = ref.get("probeIndex");
      for (int k = 0; k < idx.size(); k++) {
        maxErr = Math.max(maxErr, Math.abs(ref.get("probe").get(k).asDouble() - y[idx.get(k).asInt()]));
      }
      double sum = 0;
      double sumSq = 0;
      for (double v : y) {
        sum += v;
        sumSq += v * v;
      }
      System.out.printf("resample %s: max abs error %.2e at %d probes, sum error %.2e%n", what, maxErr,
          idx.size(), Math.abs(sum - ref.get("sum").asDouble()));
      assertTrue(maxErr <= 1e-12, what + ": max abs error " + maxErr);
      assertClose(ref.get("sum").asDouble(), sum, what + " sum");
      assertClose(ref.get("sumSq").asDouble(), sumSq, what + " sum of squares");
    }
  }

  @Test
  void kaldiFbankMatchesTorchaudio() {
    for (JsonNode ref : AudioFixtures.reference().get("fbank")) {
      JsonNode o = ref.get("options");
      AudioPreprocessConfig cfg = torchaudioResample().setFeatures(AudioPreprocessConfig.Features.FBANK)
          .setSampleRate(ref.get("sampleRate").asInt())
          .setMelBins(o.path("num_mel_bins").asInt(23))
          .setFbankFrameLengthMs(o.path("frame_length").asDouble(25))
          .setFbankFrameShiftMs(o.path("frame_shift").asDouble(10))
          .setFbankLowFreq(o.path("low_freq").asDouble(20))
          .setFbankHighFreq(o.path("high_freq").asDouble(0))
          .setFbankPreemphasis(o.path("preemphasis_coefficient").asDouble(0.97))
          .setFbankRemoveDcOffset(o.path("remove_dc_offset").asBoolean(true))
          .setFbankWindow(KaldiFbank.Window.valueOf(o.path("window_type").asText("povey").toUpperCase()))
          .setFbankRoundToPowerOfTwo(o.path("round_to_power_of_two").asBoolean(true))
          .setFbankSnipEdges(o.path("snip_edges").asBoolean(true))
          .setFbankUsePower(o.path("use_power").asBoolean(true))
          .setFbankUseEnergy(o.path("use_energy").asBoolean(false))
          .setFbankEnergyFloor(o.path("energy_floor").asDouble(1.0));
      boolean f32 = ref.get("dtype").asText().equals("float32");
      compare("fbank " + ref.get("name").asText(), cfg, ref, f32 ? 1e-3 : 1e-5);
    }
  }

  @Test
  void melSpectrogramWithDeltasMatchesLibrosaRecipe() {
    for (JsonNode ref : AudioFixtures.reference().get("mel")) {
      JsonNode o = ref.get("options");
      AudioPreprocessConfig cfg = torchaudioResample().setFeatures(AudioPreprocessConfig.Features.MEL)
          .setSampleRate(ref.get("sampleRate").asInt())
          .setPeakNormalize(o.get("peak").asBoolean())
          .setClipSeconds(o.get("pad").asInt() / (double) ref.get("sampleRate").asInt())
          .setClipAlign(AudioPreprocessConfig.ClipAlign.CENTER)
          .setMelNFft(o.get("n_fft").asInt())
          .setMelHop(o.get("hop").asInt())
          .setMelWinLength(o.get("win").isNull() ? 0 : o.get("win").asInt())
          .setMelBins(o.get("n_mels").asInt())
          .setMelFmin(o.get("fmin").asDouble())
          .setMelFmax(o.get("fmax").asDouble())
          .setMelPower(o.get("power").asDouble())
          .setMelPadMode(MelSpectrogram.PadMode.valueOf(o.get("pad_mode").asText().toUpperCase()))
          .setMelNorm(o.get("norm").isNull() ? AudioPreprocessConfig.MelNorm.NONE : AudioPreprocessConfig.MelNorm.SLANEY)
          .setMelScale(MelSpectrogram.Scale.valueOf(o.get("scale").asText().toUpperCase()))
          .setMelLog(AudioPreprocessConfig.MelLog.valueOf(o.get("log").asText().toUpperCase()))
          .setMelDeltaOrder(o.get("deltas").asInt());
      compare("mel " + ref.get("name").asText(), cfg, ref, 1e-5);
    }
  }

  /** reference.py resamples (48 -> 16 kHz cases) with torchaudio.functional.resample's defaults. */
  private static AudioPreprocessConfig torchaudioResample() {
    return new AudioPreprocessConfig().setResampleWindow(Resampler.Window.HANN).setResampleLowpassWidth(6)
        .setResampleRolloff(0.99);
  }

  /** Within the 10 significant digits reference.py keeps of sums. */
  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
  }

  /** Runs the extractor on the case's file and compares probed rows and column sums. */
  private static void compare(String what, AudioPreprocessConfig cfg, JsonNode ref, double tolerance) {
    String file = ref.get("file").asText();
    FeatureExtractor.Result r = new FeatureExtractor(cfg).extract(AudioFixtures.decode(file), file, 0);
    int frames = ref.get("frames").asInt();
    int nf = ref.get("features").asInt();
    assertEquals(frames, r.frames(), what + ": frames");
    assertEquals(nf, r.numFeatures(), what + ": features");
    double maxErr = 0;
    double sumErr = 0;
    int count = 0;
    String where = "";
    for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("rows").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> row = it.next();
      int t = Integer.parseInt(row.getKey());
      for (int f = 0; f < nf; f++) {
        double err = Math.abs(row.getValue().get(f).asDouble() - r.features()[t * nf + f]);
        if (err > maxErr) {
          where = "frame " + t + " feature " + f + " (reference " + row.getValue().get(f).asDouble() + ")";
        }
        maxErr = Math.max(maxErr, err);
        sumErr += err;
        count++;
      }
    }
    double maxColErr = 0;
    for (int f = 0; f < nf; f++) {
      double s = 0;
      for (int t = 0; t < frames; t++) {
        s += r.features()[t * nf + f];
      }
      maxColErr = Math.max(maxColErr, Math.abs(s - ref.get("colSum").get(f).asDouble()) / frames);
    }
    System.out.printf("%s: max abs error %.2e at %s, mean %.2e (%d probed values), max column-mean error %.2e%n",
        what, maxErr, where, sumErr / count, count, maxColErr);
    assertTrue(maxErr <= tolerance, what + ": max abs error " + maxErr + " > " + tolerance);
    assertTrue(maxColErr <= tolerance, what + ": column mean error " + maxColErr + " > " + tolerance);
  }
}
