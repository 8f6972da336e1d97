package org.snnspark.preprocess.audio;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.OptionValues;

/**
 * Every option of the audio preprocessing job ({@link AudioPreprocessJob}) — its key, default and
 * one-line documentation live in {@link #keys()}, the only place they are defined. Field
 * initialisers are the defaults. A CLI or preset applies {@code key = value} strings with
 * {@link #set(String, String)}; {@link #toMap()} is what a run used (written into the manifest).
 *
 * <p>The defaults reproduce the two reference recipes: {@code features=FBANK} is sparch's input
 * (torchaudio.compliance.kaldi.fbank with 40 mel bins, variable length); {@code features=MEL} with
 * {@code peakNormalize=true, clipSeconds=1, clipAlign=CENTER} is Yin et al.'s GSC input (librosa mel
 * spectrogram, log1p(S / max), deltas 1 and 2 stacked).
 */
public final class AudioPreprocessConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Corpus layouts. */
  public enum Corpus {
    /** GSC when the root has validation_list.txt and testing_list.txt, HD when it has train_filenames.txt, else FOLDERS. */
    AUTO,
    /** Google Speech Commands: word/speaker_nohash_n.wav, splits from validation_list.txt / testing_list.txt. */
    GSC,
    /** Heidelberg Digits: audio/lang-L_speaker-S_trial-T_digit-D.flac, splits from train_/test_filenames.txt. */
    HD,
    /** class-per-folder WAV/FLAC, splits drawn by seeded per-class fractions. */
    FOLDERS
  }

  /** Label sets of Speech Commands. */
  public enum GscTask {
    /** every word folder is a class (30 in v0.01, 35 in v0.02), sorted by name, as sparch does. */
    ALL_WORDS,
    /** the keywords, then _silence_ and _unknown_ (other words), the standard 12-class task. */
    KWS12
  }

  /** Feature types. */
  public enum Features {
    /** Kaldi log mel filterbank (torchaudio.compliance.kaldi.fbank). */
    FBANK,
    /** librosa-style mel spectrogram with log scaling and deltas. */
    MEL
  }

  /** How multi-channel audio becomes mono. */
  public enum Mixdown {
    /** the mean of the channels. */
    MEAN,
    /** the first channel (what kaldi.fbank reads of a multi-channel tensor). */
    FIRST
  }

  /** Where a clip sits in its fixed-length window (clipSeconds > 0). */
  public enum ClipAlign {
    /** audio from the start; zeros appended, or the tail cut. */
    START,
    /** centred (Yin's Pad): zeros split before/after (the extra one after), or the middle kept. */
    CENTER
  }

  /** Log scaling of the mel spectrogram. */
  public enum MelLog {
    /** log1p(S / max S) over the whole sample (Yin et al.); all zeros stay zero. */
    LOG1P_MAX,
    /** ln(max(S, 1e-10)). */
    LOG,
    /** 10 log10(max(S, 1e-10)): librosa.power_to_db(S, ref=1, amin=1e-10, top_db=None). */
    DB,
    /** no log. */
    NONE
  }

  /** Mel filter normalisation. */
  public enum MelNorm {
    /** librosa's default: each filter divided by its width in Hz / 2 (equal area). */
    SLANEY,
    /** peak 1. */
    NONE
  }

  /** Normalisation of the stored features. */
  public enum Normalize {
    /** store features as computed; the train statistics are in the manifest. */
    NONE,
    /** store (x - mean) / std with the per-feature train mean and std of the manifest (std 0 -> 1). */
    TRAIN_STATS
  }

  /** What to do with a sample that cannot be read or featurised. */
  public enum OnBadSample {
    /** stop the job; the error names the file and problem; nothing is written. */
    FAIL,
    /** leave the sample out; the manifest counts and lists it. */
    SKIP
  }

  private String inputDir = "";
  private Corpus corpus = Corpus.AUTO;
  private String output = "";
  private boolean overwrite = false;
  private GscTask gscTask = GscTask.ALL_WORDS;
  private List<String> keywords = new ArrayList<>(
      List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"));
  private double unknownFraction = 0.1;
  private double silenceFraction = 0.1;
  private double validFraction = 0;
  private double testFraction = 0.2;
  private long seed = 42;
  private int sampleRate = 16000;
  // torchaudio's "kaiser best": flat to 0.95 x Nyquist, > 140 dB stop band; HANN/6/0.99 is
  // torchaudio's default (-1.8 dB at 7 kHz and only -17 dB at 9 kHz for 48 -> 16 kHz: aliasing)
  private Resampler.Window resampleWindow = Resampler.Window.KAISER;
  private int resampleLowpassWidth = 64;
  private double resampleRolloff = 0.9475937167399596;
  private Mixdown mixdown = Mixdown.MEAN;
  private boolean peakNormalize = false;
  private double waveformScale = 1.0;
  private double clipSeconds = 0;
  private ClipAlign clipAlign = ClipAlign.START;
  private Features features = Features.FBANK;
  private int melBins = 40;
  private double fbankFrameLengthMs = 25;
  private double fbankFrameShiftMs = 10;
  private double fbankLowFreq = 20;
  private double fbankHighFreq = 0;
  private double fbankPreemphasis = 0.97;
  private boolean fbankRemoveDcOffset = true;
  private KaldiFbank.Window fbankWindow = KaldiFbank.Window.POVEY;
  private boolean fbankRoundToPowerOfTwo = true;
  private boolean fbankSnipEdges = true;
  private boolean fbankUsePower = true;
  private boolean fbankUseLog = true;
  private boolean fbankUseEnergy = false;
  private double fbankEnergyFloor = 1.0;
  private double fbankDither = 0;
  private int melNFft = 480;
  private int melHop = 160;
  private int melWinLength = 0;
  private double melFmin = 20;
  private double melFmax = 4000;
  private double melPower = 2;
  private boolean melCenter = true;
  private MelSpectrogram.PadMode melPadMode = MelSpectrogram.PadMode.REFLECT;
  private MelSpectrogram.Scale melScale = MelSpectrogram.Scale.SLANEY;
  private MelNorm melNorm = MelNorm.SLANEY;
  private MelLog melLog = MelLog.LOG1P_MAX;
  private int melDeltaOrder = 2;
  private int melDeltaWidth = 9;
  private Normalize normalize = Normalize.NONE;
  private int shardsPerSplit = 0;
  private int rowsPerShard = 2000;
  private int readPartitions = 0;
  private OnBadSample onBadSample = OnBadSample.FAIL;

  /** One option: name, documentation, how to set it from text and read it back. */
  public record Key(String name, String doc, BiConsumer<AudioPreprocessConfig, String> setter,
      Function<AudioPreprocessConfig, Object> getter) implements OptionValues.OptionKey<AudioPreprocessConfig> {
    /** The default, as text. */
    public String defaultValue() {
      return OptionValues.format(getter.apply(new AudioPreprocessConfig()));
    }
  }

  private static final List<Key> KEYS = List.of(
      new Key("inputDir", "corpus root directory (GSC: the word folders and list files; HD: audio/ and the *_filenames.txt lists; or class folders); any Hadoop path or URI",
          (c, v) -> c.setInputDir(v), c -> c.inputDir),
      new Key("corpus", "AUTO (detect from the list files), GSC (Speech Commands), HD (Heidelberg Digits) or FOLDERS (one folder per class)",
          (c, v) -> c.setCorpus(enumOf(Corpus.class, v)), c -> c.corpus),
      new Key("output", "dataset directory to create (manifest.json + split=<name>/part-*.parquet); any Hadoop path or URI",
          (c, v) -> c.setOutput(v), c -> c.output),
      new Key("overwrite", "replace an existing output directory (it is swapped only after the new one is complete)",
          (c, v) -> c.setOverwrite(OptionValues.parseBoolean(v)), c -> c.overwrite),
      new Key("gscTask", "GSC labels: ALL_WORDS (each word folder a class, sorted) or KWS12 (keywords + _silence_ + _unknown_)",
          (c, v) -> c.setGscTask(enumOf(GscTask.class, v)), c -> c.gscTask),
      new Key("keywords", "KWS12 keywords, comma-separated, in label order",
          (c, v) -> c.setKeywords(OptionValues.parseList(v)), c -> c.keywords),
      new Key("unknownFraction", "KWS12: _unknown_ samples per split as a share of its keyword samples (seeded choice), or 'all'",
          (c, v) -> c.setUnknownFraction(v.trim().equalsIgnoreCase("all") ? -1 : Double.parseDouble(v.trim())),
          c -> c.unknownFraction < 0 ? "all" : c.unknownFraction),
      new Key("silenceFraction", "KWS12: _silence_ clips per split as a share of its keyword samples, cut at seeded offsets from _background_noise_ (train from the first 80% of each file, valid the next 10%, test the last 10%)",
          (c, v) -> c.setSilenceFraction(Double.parseDouble(v.trim())), c -> c.silenceFraction),
      new Key("validFraction", "HD and FOLDERS: share of each class of train held out as split 'valid' (seeded; 0 = none). GSC has its own list",
          (c, v) -> c.setValidFraction(Double.parseDouble(v.trim())), c -> c.validFraction),
      new Key("testFraction", "FOLDERS: share of each class put in split 'test' (seeded)",
          (c, v) -> c.setTestFraction(Double.parseDouble(v.trim())), c -> c.testFraction),
      new Key("seed", "seed of every random choice (splits, unknown/silence selection, dither); the output depends on nothing else",
          (c, v) -> c.setSeed(Long.parseLong(v.trim())), c -> c.seed),
      new Key("sampleRate", "target sample rate in Hz; other rates are resampled (HD: 48 kHz -> 16 kHz)",
          (c, v) -> c.setSampleRate(Integer.parseInt(v.trim())), c -> c.sampleRate),
      new Key("resampleWindow", "KAISER (torchaudio kaiser_window, beta 14.77) or HANN (sinc_interpolation; with width 6 and rolloff 0.99: torchaudio's default resample)",
          (c, v) -> c.setResampleWindow(enumOf(Resampler.Window.class, v)), c -> c.resampleWindow),
      new Key("resampleLowpassWidth", "zero crossings of the resampling sinc each side (torchaudio lowpass_filter_width)",
          (c, v) -> c.setResampleLowpassWidth(Integer.parseInt(v.trim())), c -> c.resampleLowpassWidth),
      new Key("resampleRolloff", "resampling cut-off as a share of the lower Nyquist frequency (torchaudio rolloff)",
          (c, v) -> c.setResampleRolloff(Double.parseDouble(v.trim())), c -> c.resampleRolloff),
      new Key("mixdown", "multi-channel to mono: MEAN of the channels or FIRST channel",
          (c, v) -> c.setMixdown(enumOf(Mixdown.class, v)), c -> c.mixdown),
      new Key("peakNormalize", "divide each clip by its peak |x| before padding (Yin et al.)",
          (c, v) -> c.setPeakNormalize(OptionValues.parseBoolean(v)), c -> c.peakNormalize),
      new Key("waveformScale", "multiply samples (in [-1, 1], as torchaudio.load) by this before features; 32768 gives Kaldi's integer scale",
          (c, v) -> c.setWaveformScale(Double.parseDouble(v.trim())), c -> c.waveformScale),
      new Key("clipSeconds", "pad with zeros / crop every clip to this length in seconds (0 = keep each length; Yin: 1)",
          (c, v) -> c.setClipSeconds(Double.parseDouble(v.trim())), c -> c.clipSeconds),
      new Key("clipAlign", "with clipSeconds: START (pad or cut at the end) or CENTER (pad both sides, keep the middle; Yin)",
          (c, v) -> c.setClipAlign(enumOf(ClipAlign.class, v)), c -> c.clipAlign),
      new Key("features", "FBANK (Kaldi log mel filterbank, sparch) or MEL (librosa mel spectrogram + log + deltas, Yin et al.)",
          (c, v) -> c.setFeatures(enumOf(Features.class, v)), c -> c.features),
      new Key("melBins", "mel filters (FBANK num_mel_bins, MEL n_mels)",
          (c, v) -> c.setMelBins(Integer.parseInt(v.trim())), c -> c.melBins),
      new Key("fbankFrameLengthMs", "FBANK frame length in ms",
          (c, v) -> c.setFbankFrameLengthMs(Double.parseDouble(v.trim())), c -> c.fbankFrameLengthMs),
      new Key("fbankFrameShiftMs", "FBANK frame shift in ms",
          (c, v) -> c.setFbankFrameShiftMs(Double.parseDouble(v.trim())), c -> c.fbankFrameShiftMs),
      new Key("fbankLowFreq", "FBANK lowest mel filter edge in Hz",
          (c, v) -> c.setFbankLowFreq(Double.parseDouble(v.trim())), c -> c.fbankLowFreq),
      new Key("fbankHighFreq", "FBANK highest mel filter edge in Hz (<= 0: Nyquist plus this)",
          (c, v) -> c.setFbankHighFreq(Double.parseDouble(v.trim())), c -> c.fbankHighFreq),
      new Key("fbankPreemphasis", "FBANK pre-emphasis coefficient",
          (c, v) -> c.setFbankPreemphasis(Double.parseDouble(v.trim())), c -> c.fbankPreemphasis),
      new Key("fbankRemoveDcOffset", "FBANK: subtract each frame's mean",
          (c, v) -> c.setFbankRemoveDcOffset(OptionValues.parseBoolean(v)), c -> c.fbankRemoveDcOffset),
      new Key("fbankWindow", "FBANK window: POVEY, HANNING, HAMMING, BLACKMAN or RECTANGULAR",
          (c, v) -> c.setFbankWindow(enumOf(KaldiFbank.Window.class, v)), c -> c.fbankWindow),
      new Key("fbankRoundToPowerOfTwo", "FBANK: zero-pad frames to a power-of-two FFT size",
          (c, v) -> c.setFbankRoundToPowerOfTwo(OptionValues.parseBoolean(v)), c -> c.fbankRoundToPowerOfTwo),
      new Key("fbankSnipEdges", "FBANK: only frames that fit the signal (false: Kaldi's reflection at the ends, frames = round(n / shift))",
          (c, v) -> c.setFbankSnipEdges(OptionValues.parseBoolean(v)), c -> c.fbankSnipEdges),
      new Key("fbankUsePower", "FBANK: power spectrum (false: magnitude)",
          (c, v) -> c.setFbankUsePower(OptionValues.parseBoolean(v)), c -> c.fbankUsePower),
      new Key("fbankUseLog", "FBANK: natural log of the filter energies (floored at 2^-23)",
          (c, v) -> c.setFbankUseLog(OptionValues.parseBoolean(v)), c -> c.fbankUseLog),
      new Key("fbankUseEnergy", "FBANK: add the frame's log energy as feature 0",
          (c, v) -> c.setFbankUseEnergy(OptionValues.parseBoolean(v)), c -> c.fbankUseEnergy),
      new Key("fbankEnergyFloor", "FBANK: floor of the log energy, as energy (0 = none)",
          (c, v) -> c.setFbankEnergyFloor(Double.parseDouble(v.trim())), c -> c.fbankEnergyFloor),
      new Key("fbankDither", "FBANK: Gaussian dither amplitude (0 = none; else seeded per sample from seed and sample id)",
          (c, v) -> c.setFbankDither(Double.parseDouble(v.trim())), c -> c.fbankDither),
      new Key("melNFft", "MEL FFT size in samples (Yin: 480 = 30 ms)",
          (c, v) -> c.setMelNFft(Integer.parseInt(v.trim())), c -> c.melNFft),
      new Key("melHop", "MEL hop in samples (Yin: 160 = 10 ms)",
          (c, v) -> c.setMelHop(Integer.parseInt(v.trim())), c -> c.melHop),
      new Key("melWinLength", "MEL Hann window length in samples, centred in the FFT (0 = melNFft)",
          (c, v) -> c.setMelWinLength(Integer.parseInt(v.trim())), c -> c.melWinLength),
      new Key("melFmin", "MEL lowest filter edge in Hz",
          (c, v) -> c.setMelFmin(Double.parseDouble(v.trim())), c -> c.melFmin),
      new Key("melFmax", "MEL highest filter edge in Hz",
          (c, v) -> c.setMelFmax(Double.parseDouble(v.trim())), c -> c.melFmax),
      new Key("melPower", "MEL spectrum exponent (2 = power, 1 = magnitude)",
          (c, v) -> c.setMelPower(Double.parseDouble(v.trim())), c -> c.melPower),
      new Key("melCenter", "MEL: centre frames (pad n_fft/2 each side), as librosa",
          (c, v) -> c.setMelCenter(OptionValues.parseBoolean(v)), c -> c.melCenter),
      new Key("melPadMode", "MEL centre padding: REFLECT (librosa < 0.10) or CONSTANT (zeros, librosa >= 0.10)",
          (c, v) -> c.setMelPadMode(enumOf(MelSpectrogram.PadMode.class, v)), c -> c.melPadMode),
      new Key("melScale", "MEL scale: SLANEY (librosa default) or HTK",
          (c, v) -> c.setMelScale(enumOf(MelSpectrogram.Scale.class, v)), c -> c.melScale),
      new Key("melNorm", "MEL filter normalisation: SLANEY (librosa default) or NONE",
          (c, v) -> c.setMelNorm(enumOf(MelNorm.class, v)), c -> c.melNorm),
      new Key("melLog", "MEL log scaling: LOG1P_MAX (Yin), LOG, DB or NONE",
          (c, v) -> c.setMelLog(enumOf(MelLog.class, v)), c -> c.melLog),
      new Key("melDeltaOrder", "MEL: deltas up to this order stacked as channels after the static features (librosa.feature.delta; 0 = none)",
          (c, v) -> c.setMelDeltaOrder(Integer.parseInt(v.trim())), c -> c.melDeltaOrder),
      new Key("melDeltaWidth", "MEL delta window in frames (odd; librosa default 9)",
          (c, v) -> c.setMelDeltaWidth(Integer.parseInt(v.trim())), c -> c.melDeltaWidth),
      new Key("normalize", "NONE (store features as computed; train mean/std go to the manifest) or TRAIN_STATS (store them standardised)",
          (c, v) -> c.setNormalize(enumOf(Normalize.class, v)), c -> c.normalize),
      new Key("shardsPerSplit", "Parquet files per split (0 = ceil(samples / rowsPerShard))",
          (c, v) -> c.setShardsPerSplit(Integer.parseInt(v.trim())), c -> c.shardsPerSplit),
      new Key("rowsPerShard", "target rows per Parquet file when shardsPerSplit is 0",
          (c, v) -> c.setRowsPerShard(Integer.parseInt(v.trim())), c -> c.rowsPerShard),
      new Key("readPartitions", "Spark tasks decoding audio (0 = auto); never changes the output bytes",
          (c, v) -> c.setReadPartitions(Integer.parseInt(v.trim())), c -> c.readPartitions),
      new Key("onBadSample", "FAIL (stop, naming the file and problem) or SKIP (leave it out, list it in the manifest)",
          (c, v) -> c.setOnBadSample(enumOf(OnBadSample.class, v)), c -> c.onBadSample));

  /** All options in documentation order. */
  public static List<Key> keys() {
    return KEYS;
  }

  /**
   * Sets one option from text ({@code key} as in {@link #keys()}, case-insensitive, '-' and '_'
   * ignored, so {@code mel-n-fft} and {@code on_bad_sample} work too).
   *
   * @throws IllegalArgumentException naming the key and the value on an unknown key or a bad value
   */
  public AudioPreprocessConfig set(String key, String value) {
    OptionValues.apply(this, find(key), value);
    return this;
  }

  /** The option named {@code key} (same matching as {@link #set}). */
  public static Key find(String key) {
    return OptionValues.find(KEYS, key, "audio preprocessing");
  }

  /** Every option and its value, in {@link #keys()} order (as text, like {@link Key#defaultValue()}). */
  public Map<String, String> toMap() {
    return OptionValues.toMap(this, KEYS);
  }

  /** Checks value ranges and the feature settings (not the filesystem); the message names the option. */
  public void validate() {
    if (inputDir.isBlank()) {
      throw new OptionException("{inputDir} is not set (the corpus root directory)");
    }
    if (output.isBlank()) {
      throw new OptionException("{output} is not set");
    }
    require(gscTask != GscTask.KWS12 || !keywords.isEmpty(), "{gscTask} KWS12 needs {keywords}");
    require(keywords.stream().distinct().count() == keywords.size(), "{keywords} repeat a word: " + keywords);
    require(unknownFraction == -1 || (unknownFraction >= 0 && Double.isFinite(unknownFraction)),
        "{unknownFraction} must be >= 0 or 'all', got " + unknownFraction);
    require(silenceFraction >= 0 && Double.isFinite(silenceFraction), "{silenceFraction} must be >= 0, got " + silenceFraction);
    require(validFraction >= 0 && validFraction < 1, "{validFraction} must be in [0, 1), got " + validFraction);
    require(testFraction >= 0 && testFraction < 1, "{testFraction} must be in [0, 1), got " + testFraction);
    require(validFraction + testFraction < 1, "{validFraction} + {testFraction} must leave some training data");
    require(sampleRate >= 1, "{sampleRate} must be >= 1 Hz, got " + sampleRate);
    require(resampleLowpassWidth >= 1, "{resampleLowpassWidth} must be >= 1, got " + resampleLowpassWidth);
    require(resampleRolloff > 0 && resampleRolloff <= 1, "{resampleRolloff} must be in (0, 1], got " + resampleRolloff);
    require(waveformScale > 0 && Double.isFinite(waveformScale), "{waveformScale} must be > 0, got " + waveformScale);
    require(clipSeconds >= 0 && clipSeconds <= 3600, "{clipSeconds} must be in [0, 3600], got " + clipSeconds);
    require(clipSeconds == 0 || clipSamples() >= 1, "{clipSeconds} " + clipSeconds + " is under one sample at " + sampleRate + " Hz");
    require(shardsPerSplit >= 0, "{shardsPerSplit} must be >= 0, got " + shardsPerSplit);
    require(rowsPerShard >= 1, "{rowsPerShard} must be >= 1, got " + rowsPerShard);
    require(readPartitions >= 0, "{readPartitions} must be >= 0, got " + readPartitions);
    try {
      if (features == Features.FBANK) {
        fbankOptions().validate();
      } else {
        melOptions().validate();
        if (melDeltaOrder > 0) {
          new SavitzkyGolay(melDeltaWidth, melDeltaOrder);
        }
        require(melDeltaOrder >= 0, "{melDeltaOrder} must be >= 0, got " + melDeltaOrder);
      }
    } catch (OptionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OptionException("{features} " + features + ": " + e.getMessage(), e);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new OptionException(message);
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String v) {
    return OptionValues.parseEnum(type, v);
  }

  /** Samples of a fixed-length clip at the target rate (0 = variable length). */
  public int clipSamples() {
    return (int) Math.round(clipSeconds * sampleRate);
  }

  /** The Kaldi fbank settings these options describe. */
  public KaldiFbank.Options fbankOptions() {
    return new KaldiFbank.Options(sampleRate, fbankFrameLengthMs, fbankFrameShiftMs, melBins, fbankLowFreq,
        fbankHighFreq, fbankPreemphasis, fbankRemoveDcOffset, fbankWindow, fbankRoundToPowerOfTwo,
        fbankSnipEdges, fbankUsePower, fbankUseLog, fbankUseEnergy, fbankEnergyFloor, fbankDither);
  }

  /** The mel spectrogram settings these options describe. */
  public MelSpectrogram.Options melOptions() {
    return new MelSpectrogram.Options(sampleRate, melNFft, melHop, melWinLength, melBins, melFmin, melFmax,
        melPower, melCenter, melPadMode, melScale, melNorm == MelNorm.SLANEY);
  }

  /** Features per frame: mel bins (+1 with fbankUseEnergy) or mel bins x (1 + melDeltaOrder). */
  public int numFeatures() {
    return features == Features.FBANK ? fbankOptions().numFeatures() : melBins * (1 + melDeltaOrder);
  }

  /** Seconds between frames. */
  public double frameShiftSeconds() {
    return features == Features.FBANK ? fbankOptions().windowShift() / (double) sampleRate
        : melHop / (double) sampleRate;
  }

  // Bean accessors. Setters return this, so code can chain them.

  public String getInputDir() {
    return inputDir;
  }

  public AudioPreprocessConfig setInputDir(String inputDir) {
    this.inputDir = inputDir == null ? "" : inputDir;
    return this;
  }

  public Corpus getCorpus() {
    return corpus;
  }

  public AudioPreprocessConfig setCorpus(Corpus corpus) {
    this.corpus = corpus;
    return this;
  }

  public String getOutput() {
    return output;
  }

  public AudioPreprocessConfig setOutput(String output) {
    this.output = output == null ? "" : output;
    return this;
  }

  public boolean isOverwrite() {
    return overwrite;
  }

  public AudioPreprocessConfig setOverwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  public GscTask getGscTask() {
    return gscTask;
  }

  public AudioPreprocessConfig setGscTask(GscTask gscTask) {
    this.gscTask = gscTask;
    return this;
  }

  public List<String> getKeywords() {
    return Collections.unmodifiableList(keywords);
  }

  public AudioPreprocessConfig setKeywords(List<String> keywords) {
    this.keywords = new ArrayList<>(keywords);
    return this;
  }

  /** The _unknown_ share, or -1 for all. */
  public double getUnknownFraction() {
    return unknownFraction;
  }

  public AudioPreprocessConfig setUnknownFraction(double unknownFraction) {
    this.unknownFraction = unknownFraction;
    return this;
  }

  public double getSilenceFraction() {
    return silenceFraction;
  }

  public AudioPreprocessConfig setSilenceFraction(double silenceFraction) {
    this.silenceFraction = silenceFraction;
    return this;
  }

  public double getValidFraction() {
    return validFraction;
  }

  public AudioPreprocessConfig setValidFraction(double validFraction) {
    this.validFraction = validFraction;
    return this;
  }

  public double getTestFraction() {
    return testFraction;
  }

  public AudioPreprocessConfig setTestFraction(double testFraction) {
    this.testFraction = testFraction;
    return this;
  }

  public long getSeed() {
    return seed;
  }

  public AudioPreprocessConfig setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  public int getSampleRate() {
    return sampleRate;
  }

  public AudioPreprocessConfig setSampleRate(int sampleRate) {
    this.sampleRate = sampleRate;
    return this;
  }

  public Resampler.Window getResampleWindow() {
    return resampleWindow;
  }

  public AudioPreprocessConfig setResampleWindow(Resampler.Window resampleWindow) {
    this.resampleWindow = resampleWindow;
    return this;
  }

  public int getResampleLowpassWidth() {
    return resampleLowpassWidth;
  }

  public AudioPreprocessConfig setResampleLowpassWidth(int resampleLowpassWidth) {
    this.resampleLowpassWidth = resampleLowpassWidth;
    return this;
  }

  public double getResampleRolloff() {
    return resampleRolloff;
  }

  public AudioPreprocessConfig setResampleRolloff(double resampleRolloff) {
    this.resampleRolloff = resampleRolloff;
    return this;
  }

  public Mixdown getMixdown() {
    return mixdown;
  }

  public AudioPreprocessConfig setMixdown(Mixdown mixdown) {
    this.mixdown = mixdown;
    return this;
  }

  public boolean isPeakNormalize() {
    return peakNormalize;
  }

  public AudioPreprocessConfig setPeakNormalize(boolean peakNormalize) {
    this.peakNormalize = peakNormalize;
    return this;
  }

  public double getWaveformScale() {
    return waveformScale;
  }

  public AudioPreprocessConfig setWaveformScale(double waveformScale) {
    this.waveformScale = waveformScale;
    return this;
  }

  public double getClipSeconds() {
    return clipSeconds;
  }

  public AudioPreprocessConfig setClipSeconds(double clipSeconds) {
    this.clipSeconds = clipSeconds;
    return this;
  }

  public ClipAlign getClipAlign() {
    return clipAlign;
  }

  public AudioPreprocessConfig setClipAlign(ClipAlign clipAlign) {
    this.clipAlign = clipAlign;
    return this;
  }

  public Features getFeatures() {
    return features;
  }

  public AudioPreprocessConfig setFeatures(Features features) {
    this.features = features;
    return this;
  }

  public int getMelBins() {
    return melBins;
  }

  public AudioPreprocessConfig setMelBins(int melBins) {
    this.melBins = melBins;
    return this;
  }

  public double getFbankFrameLengthMs() {
    return fbankFrameLengthMs;
  }

  public AudioPreprocessConfig setFbankFrameLengthMs(double fbankFrameLengthMs) {
    this.fbankFrameLengthMs = fbankFrameLengthMs;
    return this;
  }

  public double getFbankFrameShiftMs() {
    return fbankFrameShiftMs;
  }

  public AudioPreprocessConfig setFbankFrameShiftMs(double fbankFrameShiftMs) {
    this.fbankFrameShiftMs = fbankFrameShiftMs;
    return this;
  }

  public double getFbankLowFreq() {
    return fbankLowFreq;
  }

  public AudioPreprocessConfig setFbankLowFreq(double fbankLowFreq) {
    this.fbankLowFreq = fbankLowFreq;
    return this;
  }

  public double getFbankHighFreq() {
    return fbankHighFreq;
  }

  public AudioPreprocessConfig setFbankHighFreq(double fbankHighFreq) {
    this.fbankHighFreq = fbankHighFreq;
    return this;
  }

  public double getFbankPreemphasis() {
    return fbankPreemphasis;
  }

  public AudioPreprocessConfig setFbankPreemphasis(double fbankPreemphasis) {
    this.fbankPreemphasis = fbankPreemphasis;
    return this;
  }

  public boolean isFbankRemoveDcOffset() {
    return fbankRemoveDcOffset;
  }

  public AudioPreprocessConfig setFbankRemoveDcOffset(boolean fbankRemoveDcOffset) {
    this.fbankRemoveDcOffset = fbankRemoveDcOffset;
    return this;
  }

  public KaldiFbank.Window getFbankWindow() {
    return fbankWindow;
  }

  public AudioPreprocessConfig setFbankWindow(KaldiFbank.Window fbankWindow) {
    this.fbankWindow = fbankWindow;
    return this;
  }

  public boolean isFbankRoundToPowerOfTwo() {
    return fbankRoundToPowerOfTwo;
  }

  public AudioPreprocessConfig setFbankRoundToPowerOfTwo(boolean fbankRoundToPowerOfTwo) {
    this.fbankRoundToPowerOfTwo = fbankRoundToPowerOfTwo;
    return this;
  }

  public boolean isFbankSnipEdges() {
    return fbankSnipEdges;
  }

  public AudioPreprocessConfig setFbankSnipEdges(boolean fbankSnipEdges) {
    this.fbankSnipEdges = fbankSnipEdges;
    return this;
  }

  public boolean isFbankUsePower() {
    return fbankUsePower;
  }

  public AudioPreprocessConfig setFbankUsePower(boolean fbankUsePower) {
    this.fbankUsePower = fbankUsePower;
    return this;
  }

  public boolean isFbankUseLog() {
    return fbankUseLog;
  }

  public AudioPreprocessConfig setFbankUseLog(boolean fbankUseLog) {
    this.fbankUseLog = fbankUseLog;
    return this;
  }

  public boolean isFbankUseEnergy() {
    return fbankUseEnergy;
  }

  public AudioPreprocessConfig setFbankUseEnergy(boolean fbankUseEnergy) {
    this.fbankUseEnergy = fbankUseEnergy;
    return this;
  }

  public double getFbankEnergyFloor() {
    return fbankEnergyFloor;
  }

  public AudioPreprocessConfig setFbankEnergyFloor(double fbankEnergyFloor) {
    this.fbankEnergyFloor = fbankEnergyFloor;
    return this;
  }

  public double getFbankDither() {
    return fbankDither;
  }

  public AudioPreprocessConfig setFbankDither(double fbankDither) {
    this.fbankDither = fbankDither;
    return this;
  }

  public int getMelNFft() {
    return melNFft;
  }

  public AudioPreprocessConfig setMelNFft(int melNFft) {
    this.melNFft = melNFft;
    return this;
  }

  public int getMelHop() {
    return melHop;
  }

  public AudioPreprocessConfig setMelHop(int melHop) {
    this.melHop = melHop;
    return this;
  }

  public int getMelWinLength() {
    return melWinLength;
  }

  public AudioPreprocessConfig setMelWinLength(int melWinLength) {
    this.melWinLength = melWinLength;
    return this;
  }

  public double getMelFmin() {
    return melFmin;
  }

  public AudioPreprocessConfig setMelFmin(double melFmin) {
    this.melFmin = melFmin;
    return this;
  }

  public double getMelFmax() {
    return melFmax;
  }

  public AudioPreprocessConfig setMelFmax(double melFmax) {
    this.melFmax = melFmax;
    return this;
  }

  public double getMelPower() {
    return melPower;
  }

  public AudioPreprocessConfig setMelPower(double melPower) {
    this.melPower = melPower;
    return this;
  }

  public boolean isMelCenter() {
    return melCenter;
  }

  public AudioPreprocessConfig setMelCenter(boolean melCenter) {
    this.melCenter = melCenter;
    return this;
  }

  public MelSpectrogram.PadMode getMelPadMode() {
    return melPadMode;
  }

  public AudioPreprocessConfig setMelPadMode(MelSpectrogram.PadMode melPadMode) {
    this.melPadMode = melPadMode;
    return this;
  }

  public MelSpectrogram.Scale getMelScale() {
    return melScale;
  }

  public AudioPreprocessConfig setMelScale(MelSpectrogram.Scale melScale) {
    this.melScale = melScale;
    return this;
  }

  public MelNorm getMelNorm() {
    return melNorm;
  }

  public AudioPreprocessConfig setMelNorm(MelNorm melNorm) {
    this.melNorm = melNorm;
    return this;
  }

  public MelLog getMelLog() {
    return melLog;
  }

  public AudioPreprocessConfig setMelLog(MelLog melLog) {
    this.melLog = melLog;
    return this;
  }

  public int getMelDeltaOrder() {
    return melDeltaOrder;
  }

  public AudioPreprocessConfig setMelDeltaOrder(int melDeltaOrder) {
    this.melDeltaOrder = melDeltaOrder;
    return this;
  }

  public int getMelDeltaWidth() {
    return melDeltaWidth;
  }

  public AudioPreprocessConfig setMelDeltaWidth(int melDeltaWidth) {
    this.melDeltaWidth = melDeltaWidth;
    return this;
  }

  public Normalize getNormalize() {
    return normalize;
  }

  public AudioPreprocessConfig setNormalize(Normalize normalize) {
    this.normalize = normalize;
    return this;
  }

  public int getShardsPerSplit() {
    return shardsPerSplit;
  }

  public AudioPreprocessConfig setShardsPerSplit(int shardsPerSplit) {
    this.shardsPerSplit = shardsPerSplit;
    return this;
  }

  public int getRowsPerShard() {
    return rowsPerShard;
  }

  public AudioPreprocessConfig setRowsPerShard(int rowsPerShard) {
    this.rowsPerShard = rowsPerShard;
    return this;
  }

  public int getReadPartitions() {
    return readPartitions;
  }

  public AudioPreprocessConfig setReadPartitions(int readPartitions) {
    this.readPartitions = readPartitions;
    return this;
  }

  public OnBadSample getOnBadSample() {
    return onBadSample;
  }

  public AudioPreprocessConfig setOnBadSample(OnBadSample onBadSample) {
    this.onBadSample = onBadSample;
    return this;
  }
}
