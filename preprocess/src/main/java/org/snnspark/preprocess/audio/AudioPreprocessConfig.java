package org.snnspark.preprocess.audio;

import static org.snnspark.preprocess.dataset.OptionException.require;
import static org.snnspark.preprocess.dataset.OptionType.BOOLEAN;
import static org.snnspark.preprocess.dataset.OptionType.DOUBLE;
import static org.snnspark.preprocess.dataset.OptionType.INT;
import static org.snnspark.preprocess.dataset.OptionType.LONG;
import static org.snnspark.preprocess.dataset.OptionType.STRING;
import static org.snnspark.preprocess.dataset.OptionType.STRINGS;
import static org.snnspark.preprocess.dataset.OptionType.enumOf;

import java.util.List;
import org.snnspark.preprocess.dataset.JobOptions;
import org.snnspark.preprocess.dataset.Option;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.OptionSet;

/**
 * Every option of the audio preprocessing job ({@link AudioPreprocessJob}), each declared once
 * below with its key, type, default and one-line documentation; {@link #OPTIONS} lists them for the
 * CLI and presets. A CLI or preset applies {@code key = value} strings with
 * {@link #set(String, String)}; {@link #toMap()} is what a run used (written into the manifest).
 *
 * <p>The defaults reproduce the two reference recipes: {@code features=FBANK} is sparch's input
 * (torchaudio.compliance.kaldi.fbank with 40 mel bins, variable length); {@code features=MEL} with
 * {@code peakNormalize=true, clipSeconds=1, clipAlign=CENTER} is Yin et al.'s GSC input (librosa mel
 * spectrogram, log1p(S / max), deltas 1 and 2 stacked).
 */
public final class AudioPreprocessConfig extends JobOptions<AudioPreprocessConfig> {
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

  private static final OptionSet.Builder KEYS = new OptionSet.Builder("audio preprocessing");

  public static final Option<String> INPUT_DIR = KEYS.option("inputDir", STRING, "",
      "corpus root directory (GSC: the word folders and list files; HD: audio/ and the *_filenames.txt lists; or class folders); any Hadoop path or URI");
  public static final Option<Corpus> CORPUS = KEYS.option("corpus", enumOf(Corpus.class), Corpus.AUTO,
      "AUTO (detect from the list files), GSC (Speech Commands), HD (Heidelberg Digits) or FOLDERS (one folder per class)");
  public static final Option<String> OUTPUT = KEYS.option("output", STRING, "",
      "dataset directory to create (manifest.json + split=<name>/part-*.parquet); any Hadoop path or URI");
  public static final Option<Boolean> OVERWRITE = KEYS.option("overwrite", BOOLEAN, false,
      "replace an existing output directory (it is swapped only after the new one is complete)");
  public static final Option<GscTask> GSC_TASK = KEYS.option("gscTask", enumOf(GscTask.class), GscTask.ALL_WORDS,
      "GSC labels: ALL_WORDS (each word folder a class, sorted) or KWS12 (keywords + _silence_ + _unknown_)");
  public static final Option<List<String>> KEYWORDS = KEYS.option("keywords", STRINGS,
      List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"),
      "KWS12 keywords, comma-separated, in label order");
  public static final Option<Double> UNKNOWN_FRACTION = KEYS.option("unknownFraction", 
      // -1 stands for 'all'
      DOUBLE.withText(v -> v.trim().equalsIgnoreCase("all") ? -1.0 : Double.parseDouble(v.trim()),
          f -> f < 0 ? "all" : String.valueOf(f)), 0.1,
      "KWS12: _unknown_ samples per split as a share of its keyword samples (seeded choice), or 'all'");
  public static final Option<Double> SILENCE_FRACTION = KEYS.option("silenceFraction", DOUBLE, 0.1,
      "KWS12: _silence_ clips per split as a share of its keyword samples, cut at seeded offsets from _background_noise_ (train from the first 80% of each file, valid the next 10%, test the last 10%)");
  public static final Option<Double> VALID_FRACTION = KEYS.option("validFraction", DOUBLE, 0.0,
      "HD and FOLDERS: share of each class of train held out as split 'valid' (seeded; 0 = none). GSC has its own list");
  public static final Option<Double> TEST_FRACTION = KEYS.option("testFraction", DOUBLE, 0.2,
      "FOLDERS: share of each class put in split 'test' (seeded)");
  public static final Option<Long> SEED = KEYS.option("seed", LONG, 42L,
      "seed of every random choice (splits, unknown/silence selection, dither); the output depends on nothing else");
  public static final Option<Integer> SAMPLE_RATE = KEYS.option("sampleRate", INT, 16000,
      "target sample rate in Hz; other rates are resampled (HD: 48 kHz -> 16 kHz)");
  // torchaudio's "kaiser best": flat to 0.95 x Nyquist, > 140 dB stop band; HANN/6/0.99 is
  // torchaudio's default (-1.8 dB at 7 kHz and only -17 dB at 9 kHz for 48 -> 16 kHz: aliasing)
  public static final Option<Resampler.Window> RESAMPLE_WINDOW = KEYS.option("resampleWindow", enumOf(Resampler.Window.class), Resampler.Window.KAISER,
      "KAISER (torchaudio kaiser_window, beta 14.77) or HANN (sinc_interpolation; with width 6 and rolloff 0.99: torchaudio's default resample)");
  public static final Option<Integer> RESAMPLE_LOWPASS_WIDTH = KEYS.option("resampleLowpassWidth", INT, 64,
      "zero crossings of the resampling sinc each side (torchaudio lowpass_filter_width)");
  public static final Option<Double> RESAMPLE_ROLLOFF = KEYS.option("resampleRolloff", DOUBLE, 0.9475937167399596,
      "resampling cut-off as a share of the lower Nyquist frequency (torchaudio rolloff)");
  public static final Option<Mixdown> MIXDOWN = KEYS.option("mixdown", enumOf(Mixdown.class), Mixdown.MEAN,
      "multi-channel to mono: MEAN of the channels or FIRST channel");
  public static final Option<Boolean> PEAK_NORMALIZE = KEYS.option("peakNormalize", BOOLEAN, false,
      "divide each clip by its peak |x| before padding (Yin et al.)");
  public static final Option<Double> WAVEFORM_SCALE = KEYS.option("waveformScale", DOUBLE, 1.0,
      "multiply samples (in [-1, 1], as torchaudio.load) by this before features; 32768 gives Kaldi's integer scale");
  public static final Option<Double> CLIP_SECONDS = KEYS.option("clipSeconds", DOUBLE, 0.0,
      "pad with zeros / crop every clip to this length in seconds (0 = keep each length; Yin: 1)");
  public static final Option<ClipAlign> CLIP_ALIGN = KEYS.option("clipAlign", enumOf(ClipAlign.class), ClipAlign.START,
      "with clipSeconds: START (pad or cut at the end) or CENTER (pad both sides, keep the middle; Yin)");
  public static final Option<Features> FEATURES = KEYS.option("features", enumOf(Features.class), Features.FBANK,
      "FBANK (Kaldi log mel filterbank, sparch) or MEL (librosa mel spectrogram + log + deltas, Yin et al.)");
  public static final Option<Integer> MEL_BINS = KEYS.option("melBins", INT, 40,
      "mel filters (FBANK num_mel_bins, MEL n_mels)");
  public static final Option<Double> FBANK_FRAME_LENGTH_MS = KEYS.option("fbankFrameLengthMs", DOUBLE, 25.0,
      "FBANK frame length in ms");
  public static final Option<Double> FBANK_FRAME_SHIFT_MS = KEYS.option("fbankFrameShiftMs", DOUBLE, 10.0,
      "FBANK frame shift in ms");
  public static final Option<Double> FBANK_LOW_FREQ = KEYS.option("fbankLowFreq", DOUBLE, 20.0,
      "FBANK lowest mel filter edge in Hz");
  public static final Option<Double> FBANK_HIGH_FREQ = KEYS.option("fbankHighFreq", DOUBLE, 0.0,
      "FBANK highest mel filter edge in Hz (<= 0: Nyquist plus this)");
  public static final Option<Double> FBANK_PREEMPHASIS = KEYS.option("fbankPreemphasis", DOUBLE, 0.97,
      "FBANK pre-emphasis coefficient");
  public static final Option<Boolean> FBANK_REMOVE_DC_OFFSET = KEYS.option("fbankRemoveDcOffset", BOOLEAN, true,
      "FBANK: subtract each frame's mean");
  public static final Option<KaldiFbank.Window> FBANK_WINDOW = KEYS.option("fbankWindow", enumOf(KaldiFbank.Window.class), KaldiFbank.Window.POVEY,
      "FBANK window: POVEY, HANNING, HAMMING, BLACKMAN or RECTANGULAR");
  public static final Option<Boolean> FBANK_ROUND_TO_POWER_OF_TWO = KEYS.option("fbankRoundToPowerOfTwo", BOOLEAN, true,
      "FBANK: zero-pad frames to a power-of-two FFT size");
  public static final Option<Boolean> FBANK_SNIP_EDGES = KEYS.option("fbankSnipEdges", BOOLEAN, true,
      "FBANK: only frames that fit the signal (false: Kaldi's reflection at the ends, frames = round(n / shift))");
  public static final Option<Boolean> FBANK_USE_POWER = KEYS.option("fbankUsePower", BOOLEAN, true,
      "FBANK: power spectrum (false: magnitude)");
  public static final Option<Boolean> FBANK_USE_LOG = KEYS.option("fbankUseLog", BOOLEAN, true,
      "FBANK: natural log of the filter energies (floored at 2^-23)");
  public static final Option<Boolean> FBANK_USE_ENERGY = KEYS.option("fbankUseEnergy", BOOLEAN, false,
      "FBANK: add the frame's log energy as feature 0");
  public static final Option<Double> FBANK_ENERGY_FLOOR = KEYS.option("fbankEnergyFloor", DOUBLE, 1.0,
      "FBANK: floor of the log energy, as energy (0 = none)");
  public static final Option<Double> FBANK_DITHER = KEYS.option("fbankDither", DOUBLE, 0.0,
      "FBANK: Gaussian dither amplitude (0 = none; else seeded per sample from seed and sample id)");
  public static final Option<Integer> MEL_N_FFT = KEYS.option("melNFft", INT, 480,
      "MEL FFT size in samples (Yin: 480 = 30 ms)");
  public static final Option<Integer> MEL_HOP = KEYS.option("melHop", INT, 160,
      "MEL hop in samples (Yin: 160 = 10 ms)");
  public static final Option<Integer> MEL_WIN_LENGTH = KEYS.option("melWinLength", INT, 0,
      "MEL Hann window length in samples, centred in the FFT (0 = melNFft)");
  public static final Option<Double> MEL_FMIN = KEYS.option("melFmin", DOUBLE, 20.0,
      "MEL lowest filter edge in Hz");
  public static final Option<Double> MEL_FMAX = KEYS.option("melFmax", DOUBLE, 4000.0,
      "MEL highest filter edge in Hz");
  public static final Option<Double> MEL_POWER = KEYS.option("melPower", DOUBLE, 2.0,
      "MEL spectrum exponent (2 = power, 1 = magnitude)");
  public static final Option<Boolean> MEL_CENTER = KEYS.option("melCenter", BOOLEAN, true,
      "MEL: centre frames (pad n_fft/2 each side), as librosa");
  public static final Option<MelSpectrogram.PadMode> MEL_PAD_MODE = KEYS.option("melPadMode", enumOf(MelSpectrogram.PadMode.class), MelSpectrogram.PadMode.REFLECT,
      "MEL centre padding: REFLECT (librosa < 0.10) or CONSTANT (zeros, librosa >= 0.10)");
  public static final Option<MelSpectrogram.Scale> MEL_SCALE = KEYS.option("melScale", enumOf(MelSpectrogram.Scale.class), MelSpectrogram.Scale.SLANEY,
      "MEL scale: SLANEY (librosa default) or HTK");
  public static final Option<MelNorm> MEL_NORM = KEYS.option("melNorm", enumOf(MelNorm.class), MelNorm.SLANEY,
      "MEL filter normalisation: SLANEY (librosa default) or NONE");
  public static final Option<MelLog> MEL_LOG = KEYS.option("melLog", enumOf(MelLog.class), MelLog.LOG1P_MAX,
      "MEL log scaling: LOG1P_MAX (Yin), LOG, DB or NONE");
  public static final Option<Integer> MEL_DELTA_ORDER = KEYS.option("melDeltaOrder", INT, 2,
      "MEL: deltas up to this order stacked as channels after the static features (librosa.feature.delta; 0 = none)");
  public static final Option<Integer> MEL_DELTA_WIDTH = KEYS.option("melDeltaWidth", INT, 9,
      "MEL delta window in frames (odd; librosa default 9)");
  public static final Option<Normalize> NORMALIZE = KEYS.option("normalize", enumOf(Normalize.class), Normalize.NONE,
      "NONE (store features as computed; train mean/std go to the manifest) or TRAIN_STATS (store them standardised)");
  public static final Option<Integer> SHARDS_PER_SPLIT = KEYS.option("shardsPerSplit", INT, 0,
      "Parquet files per split (0 = ceil(samples / rowsPerShard))");
  public static final Option<Integer> ROWS_PER_SHARD = KEYS.option("rowsPerShard", INT, 2000,
      "target rows per Parquet file when shardsPerSplit is 0");
  public static final Option<Integer> READ_PARTITIONS = KEYS.option("readPartitions", INT, 0,
      "Spark tasks decoding audio (0 = auto); never changes the output bytes");
  public static final Option<OnBadSample> ON_BAD_SAMPLE = KEYS.option("onBadSample", enumOf(OnBadSample.class), OnBadSample.FAIL,
      "FAIL (stop, naming the file and problem) or SKIP (leave it out, list it in the manifest)");

  /** Every option of the job, in documentation order; {@link OptionSet#find} looks one up by name. */
  public static final OptionSet OPTIONS = KEYS.build();

  @Override
  protected OptionSet options() {
    return OPTIONS;
  }

  /** Checks value ranges and the feature settings (not the filesystem); the message names the option. */
  public void validate() {
    if (getInputDir().isBlank()) {
      throw new OptionException("{inputDir} is not set (the corpus root directory)");
    }
    if (getOutput().isBlank()) {
      throw new OptionException("{output} is not set");
    }
    require(getGscTask() != GscTask.KWS12 || !getKeywords().isEmpty(), "{gscTask} KWS12 needs {keywords}");
    require(getKeywords().stream().distinct().count() == getKeywords().size(), "{keywords} repeat a word: " + getKeywords());
    require(getUnknownFraction() == -1 || (getUnknownFraction() >= 0 && Double.isFinite(getUnknownFraction())),
        "{unknownFraction} must be >= 0 or 'all', got " + getUnknownFraction());
    require(getSilenceFraction() >= 0 && Double.isFinite(getSilenceFraction()), "{silenceFraction} must be >= 0, got " + getSilenceFraction());
    require(getValidFraction() >= 0 && getValidFraction() < 1, "{validFraction} must be in [0, 1), got " + getValidFraction());
    require(getTestFraction() >= 0 && getTestFraction() < 1, "{testFraction} must be in [0, 1), got " + getTestFraction());
    require(getValidFraction() + getTestFraction() < 1, "{validFraction} + {testFraction} must leave some training data");
    require(getSampleRate() >= 1, "{sampleRate} must be >= 1 Hz, got " + getSampleRate());
    require(getResampleLowpassWidth() >= 1, "{resampleLowpassWidth} must be >= 1, got " + getResampleLowpassWidth());
    require(getResampleRolloff() > 0 && getResampleRolloff() <= 1, "{resampleRolloff} must be in (0, 1], got " + getResampleRolloff());
    require(getWaveformScale() > 0 && Double.isFinite(getWaveformScale()), "{waveformScale} must be > 0, got " + getWaveformScale());
    require(getClipSeconds() >= 0 && getClipSeconds() <= 3600, "{clipSeconds} must be in [0, 3600], got " + getClipSeconds());
    require(getClipSeconds() == 0 || clipSamples() >= 1, "{clipSeconds} " + getClipSeconds() + " is under one sample at " + getSampleRate() + " Hz");
    require(getShardsPerSplit() >= 0, "{shardsPerSplit} must be >= 0, got " + getShardsPerSplit());
    require(getRowsPerShard() >= 1, "{rowsPerShard} must be >= 1, got " + getRowsPerShard());
    require(getReadPartitions() >= 0, "{readPartitions} must be >= 0, got " + getReadPartitions());
    try {
      if (getFeatures() == Features.FBANK) {
        fbankOptions().validate();
      } else {
        melOptions().validate();
        if (getMelDeltaOrder() > 0) {
          new SavitzkyGolay(getMelDeltaWidth(), getMelDeltaOrder());
        }
        require(getMelDeltaOrder() >= 0, "{melDeltaOrder} must be >= 0, got " + getMelDeltaOrder());
      }
    } catch (OptionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OptionException("{features} " + getFeatures() + ": " + e.getMessage(), e);
    }
  }

  /** Samples of a fixed-length clip at the target rate (0 = variable length). */
  public int clipSamples() {
    return (int) Math.round(getClipSeconds() * getSampleRate());
  }

  /** The Kaldi fbank settings these options describe. */
  public KaldiFbank.Options fbankOptions() {
    return new KaldiFbank.Options(getSampleRate(), getFbankFrameLengthMs(), getFbankFrameShiftMs(), getMelBins(),
        getFbankLowFreq(), getFbankHighFreq(), getFbankPreemphasis(), isFbankRemoveDcOffset(), getFbankWindow(),
        isFbankRoundToPowerOfTwo(), isFbankSnipEdges(), isFbankUsePower(), isFbankUseLog(), isFbankUseEnergy(),
        getFbankEnergyFloor(), getFbankDither());
  }

  /** The mel spectrogram settings these options describe. */
  public MelSpectrogram.Options melOptions() {
    return new MelSpectrogram.Options(getSampleRate(), getMelNFft(), getMelHop(), getMelWinLength(), getMelBins(),
        getMelFmin(), getMelFmax(), getMelPower(), isMelCenter(), getMelPadMode(), getMelScale(),
        getMelNorm() == MelNorm.SLANEY);
  }

  /** Features per frame: mel bins (+1 with fbankUseEnergy) or mel bins x (1 + melDeltaOrder). */
  public int numFeatures() {
    return getFeatures() == Features.FBANK ? fbankOptions().numFeatures() : getMelBins() * (1 + getMelDeltaOrder());
  }

  /** Seconds between frames. */
  public double frameShiftSeconds() {
    return getFeatures() == Features.FBANK ? fbankOptions().windowShift() / (double) getSampleRate()
        : getMelHop() / (double) getSampleRate();
  }

  // Typed accessors: thin delegates to get/set, kept so that callers need not name the constants.

  public String getInputDir() { return get(INPUT_DIR); }
  public AudioPreprocessConfig setInputDir(String inputDir) { return set(INPUT_DIR, inputDir); }

  public Corpus getCorpus() { return get(CORPUS); }
  public AudioPreprocessConfig setCorpus(Corpus corpus) { return set(CORPUS, corpus); }

  public String getOutput() { return get(OUTPUT); }
  public AudioPreprocessConfig setOutput(String output) { return set(OUTPUT, output); }

  public boolean isOverwrite() { return get(OVERWRITE); }
  public AudioPreprocessConfig setOverwrite(boolean overwrite) { return set(OVERWRITE, overwrite); }

  public GscTask getGscTask() { return get(GSC_TASK); }
  public AudioPreprocessConfig setGscTask(GscTask gscTask) { return set(GSC_TASK, gscTask); }

  public List<String> getKeywords() { return get(KEYWORDS); }
  public AudioPreprocessConfig setKeywords(List<String> keywords) { return set(KEYWORDS, keywords); }

  public double getUnknownFraction() { return get(UNKNOWN_FRACTION); }
  public AudioPreprocessConfig setUnknownFraction(double unknownFraction) { return set(UNKNOWN_FRACTION, unknownFraction); }

  public double getSilenceFraction() { return get(SILENCE_FRACTION); }
  public AudioPreprocessConfig setSilenceFraction(double silenceFraction) { return set(SILENCE_FRACTION, silenceFraction); }

  public double getValidFraction() { return get(VALID_FRACTION); }
  public AudioPreprocessConfig setValidFraction(double validFraction) { return set(VALID_FRACTION, validFraction); }

  public double getTestFraction() { return get(TEST_FRACTION); }
  public AudioPreprocessConfig setTestFraction(double testFraction) { return set(TEST_FRACTION, testFraction); }

  public long getSeed() { return get(SEED); }
  public AudioPreprocessConfig setSeed(long seed) { return set(SEED, seed); }

  public int getSampleRate() { return get(SAMPLE_RATE); }
  public AudioPreprocessConfig setSampleRate(int sampleRate) { return set(SAMPLE_RATE, sampleRate); }

  public Resampler.Window getResampleWindow() { return get(RESAMPLE_WINDOW); }
  public AudioPreprocessConfig setResampleWindow(Resampler.Window resampleWindow) { return set(RESAMPLE_WINDOW, resampleWindow); }

  public int getResampleLowpassWidth() { return get(RESAMPLE_LOWPASS_WIDTH); }
  public AudioPreprocessConfig setResampleLowpassWidth(int resampleLowpassWidth) { return set(RESAMPLE_LOWPASS_WIDTH, resampleLowpassWidth); }

  public double getResampleRolloff() { return get(RESAMPLE_ROLLOFF); }
  public AudioPreprocessConfig setResampleRolloff(double resampleRolloff) { return set(RESAMPLE_ROLLOFF, resampleRolloff); }

  public Mixdown getMixdown() { return get(MIXDOWN); }
  public AudioPreprocessConfig setMixdown(Mixdown mixdown) { return set(MIXDOWN, mixdown); }

  public boolean isPeakNormalize() { return get(PEAK_NORMALIZE); }
  public AudioPreprocessConfig setPeakNormalize(boolean peakNormalize) { return set(PEAK_NORMALIZE, peakNormalize); }

  public double getWaveformScale() { return get(WAVEFORM_SCALE); }
  public AudioPreprocessConfig setWaveformScale(double waveformScale) { return set(WAVEFORM_SCALE, waveformScale); }

  public double getClipSeconds() { return get(CLIP_SECONDS); }
  public AudioPreprocessConfig setClipSeconds(double clipSeconds) { return set(CLIP_SECONDS, clipSeconds); }

  public ClipAlign getClipAlign() { return get(CLIP_ALIGN); }
  public AudioPreprocessConfig setClipAlign(ClipAlign clipAlign) { return set(CLIP_ALIGN, clipAlign); }

  public Features getFeatures() { return get(FEATURES); }
  public AudioPreprocessConfig setFeatures(Features features) { return set(FEATURES, features); }

  public int getMelBins() { return get(MEL_BINS); }
  public AudioPreprocessConfig setMelBins(int melBins) { return set(MEL_BINS, melBins); }

  public double getFbankFrameLengthMs() { return get(FBANK_FRAME_LENGTH_MS); }
  public AudioPreprocessConfig setFbankFrameLengthMs(double fbankFrameLengthMs) { return set(FBANK_FRAME_LENGTH_MS, fbankFrameLengthMs); }

  public double getFbankFrameShiftMs() { return get(FBANK_FRAME_SHIFT_MS); }
  public AudioPreprocessConfig setFbankFrameShiftMs(double fbankFrameShiftMs) { return set(FBANK_FRAME_SHIFT_MS, fbankFrameShiftMs); }

  public double getFbankLowFreq() { return get(FBANK_LOW_FREQ); }
  public AudioPreprocessConfig setFbankLowFreq(double fbankLowFreq) { return set(FBANK_LOW_FREQ, fbankLowFreq); }

  public double getFbankHighFreq() { return get(FBANK_HIGH_FREQ); }
  public AudioPreprocessConfig setFbankHighFreq(double fbankHighFreq) { return set(FBANK_HIGH_FREQ, fbankHighFreq); }

  public double getFbankPreemphasis() { return get(FBANK_PREEMPHASIS); }
  public AudioPreprocessConfig setFbankPreemphasis(double fbankPreemphasis) { return set(FBANK_PREEMPHASIS, fbankPreemphasis); }

  public boolean isFbankRemoveDcOffset() { return get(FBANK_REMOVE_DC_OFFSET); }
  public AudioPreprocessConfig setFbankRemoveDcOffset(boolean fbankRemoveDcOffset) { return set(FBANK_REMOVE_DC_OFFSET, fbankRemoveDcOffset); }

  public KaldiFbank.Window getFbankWindow() { return get(FBANK_WINDOW); }
  public AudioPreprocessConfig setFbankWindow(KaldiFbank.Window fbankWindow) { return set(FBANK_WINDOW, fbankWindow); }

  public boolean isFbankRoundToPowerOfTwo() { return get(FBANK_ROUND_TO_POWER_OF_TWO); }
  public AudioPreprocessConfig setFbankRoundToPowerOfTwo(boolean fbankRoundToPowerOfTwo) { return set(FBANK_ROUND_TO_POWER_OF_TWO, fbankRoundToPowerOfTwo); }

  public boolean isFbankSnipEdges() { return get(FBANK_SNIP_EDGES); }
  public AudioPreprocessConfig setFbankSnipEdges(boolean fbankSnipEdges) { return set(FBANK_SNIP_EDGES, fbankSnipEdges); }

  public boolean isFbankUsePower() { return get(FBANK_USE_POWER); }
  public AudioPreprocessConfig setFbankUsePower(boolean fbankUsePower) { return set(FBANK_USE_POWER, fbankUsePower); }

  public boolean isFbankUseLog() { return get(FBANK_USE_LOG); }
  public AudioPreprocessConfig setFbankUseLog(boolean fbankUseLog) { return set(FBANK_USE_LOG, fbankUseLog); }

  public boolean isFbankUseEnergy() { return get(FBANK_USE_ENERGY); }
  public AudioPreprocessConfig setFbankUseEnergy(boolean fbankUseEnergy) { return set(FBANK_USE_ENERGY, fbankUseEnergy); }

  public double getFbankEnergyFloor() { return get(FBANK_ENERGY_FLOOR); }
  public AudioPreprocessConfig setFbankEnergyFloor(double fbankEnergyFloor) { return set(FBANK_ENERGY_FLOOR, fbankEnergyFloor); }

  public double getFbankDither() { return get(FBANK_DITHER); }
  public AudioPreprocessConfig setFbankDither(double fbankDither) { return set(FBANK_DITHER, fbankDither); }

  public int getMelNFft() { return get(MEL_N_FFT); }
  public AudioPreprocessConfig setMelNFft(int melNFft) { return set(MEL_N_FFT, melNFft); }

  public int getMelHop() { return get(MEL_HOP); }
  public AudioPreprocessConfig setMelHop(int melHop) { return set(MEL_HOP, melHop); }

  public int getMelWinLength() { return get(MEL_WIN_LENGTH); }
  public AudioPreprocessConfig setMelWinLength(int melWinLength) { return set(MEL_WIN_LENGTH, melWinLength); }

  public double getMelFmin() { return get(MEL_FMIN); }
  public AudioPreprocessConfig setMelFmin(double melFmin) { return set(MEL_FMIN, melFmin); }

  public double getMelFmax() { return get(MEL_FMAX); }
  public AudioPreprocessConfig setMelFmax(double melFmax) { return set(MEL_FMAX, melFmax); }

  public double getMelPower() { return get(MEL_POWER); }
  public AudioPreprocessConfig setMelPower(double melPower) { return set(MEL_POWER, melPower); }

  public boolean isMelCenter() { return get(MEL_CENTER); }
  public AudioPreprocessConfig setMelCenter(boolean melCenter) { return set(MEL_CENTER, melCenter); }

  public MelSpectrogram.PadMode getMelPadMode() { return get(MEL_PAD_MODE); }
  public AudioPreprocessConfig setMelPadMode(MelSpectrogram.PadMode melPadMode) { return set(MEL_PAD_MODE, melPadMode); }

  public MelSpectrogram.Scale getMelScale() { return get(MEL_SCALE); }
  public AudioPreprocessConfig setMelScale(MelSpectrogram.Scale melScale) { return set(MEL_SCALE, melScale); }

  public MelNorm getMelNorm() { return get(MEL_NORM); }
  public AudioPreprocessConfig setMelNorm(MelNorm melNorm) { return set(MEL_NORM, melNorm); }

  public MelLog getMelLog() { return get(MEL_LOG); }
  public AudioPreprocessConfig setMelLog(MelLog melLog) { return set(MEL_LOG, melLog); }

  public int getMelDeltaOrder() { return get(MEL_DELTA_ORDER); }
  public AudioPreprocessConfig setMelDeltaOrder(int melDeltaOrder) { return set(MEL_DELTA_ORDER, melDeltaOrder); }

  public int getMelDeltaWidth() { return get(MEL_DELTA_WIDTH); }
  public AudioPreprocessConfig setMelDeltaWidth(int melDeltaWidth) { return set(MEL_DELTA_WIDTH, melDeltaWidth); }

  public Normalize getNormalize() { return get(NORMALIZE); }
  public AudioPreprocessConfig setNormalize(Normalize normalize) { return set(NORMALIZE, normalize); }

  public int getShardsPerSplit() { return get(SHARDS_PER_SPLIT); }
  public AudioPreprocessConfig setShardsPerSplit(int shardsPerSplit) { return set(SHARDS_PER_SPLIT, shardsPerSplit); }

  public int getRowsPerShard() { return get(ROWS_PER_SHARD); }
  public AudioPreprocessConfig setRowsPerShard(int rowsPerShard) { return set(ROWS_PER_SHARD, rowsPerShard); }

  public int getReadPartitions() { return get(READ_PARTITIONS); }
  public AudioPreprocessConfig setReadPartitions(int readPartitions) { return set(READ_PARTITIONS, readPartitions); }

  public OnBadSample getOnBadSample() { return get(ON_BAD_SAMPLE); }
  public AudioPreprocessConfig setOnBadSample(OnBadSample onBadSample) { return set(ON_BAD_SAMPLE, onBadSample); }
}
