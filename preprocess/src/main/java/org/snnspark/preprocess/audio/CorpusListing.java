package org.snnspark.preprocess.audio;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.OptionException;

/**
 * The samples of a corpus, found on the driver by listing directories and reading the split lists
 * through Hadoop's FileSystem (audio is not read here). Layouts:
 * <ul>
 *   <li><b>GSC</b> (Speech Commands v0.01/v0.02): {@code <word>/<speaker>_nohash_<n>.wav}; files named
 *       in validation_list.txt go to "valid", in testing_list.txt to "test", the rest to "train";
 *       folders starting with '_' (_background_noise_, a generated _silence_) are not words.
 *       KWS12 adds "_silence_" clips cut from _background_noise_ and keeps a seeded share of the
 *       other words as "_unknown_".
 *   <li><b>HD</b> (Heidelberg Digits): {@code audio/lang-<english|german>_speaker-<nn>_trial-<n>_digit-<d>.flac}
 *       named in train_filenames.txt / test_filenames.txt; label = digit (+10 for German), as SHD
 *       and sparch number them.
 *   <li><b>FOLDERS</b>: {@code <class>/**}{@code /*.wav|flac}, split per class by seeded fractions.
 * </ul>
 * Every choice is deterministic: sorted listings and seeds derived from the option seed.
 */
final class CorpusListing {
  static final String TRAIN = "train";
  static final String VALID = "valid";
  static final String TEST = "test";
  static final String SILENCE = "_silence_";
  static final String UNKNOWN = "_unknown_";
  static final String NOISE_DIR = "_background_noise_";
  static final List<String> HD_ENGLISH = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
      "eight", "nine");
  static final List<String> HD_GERMAN = List.of("null", "eins", "zwei", "drei", "vier", "fuenf", "sechs",
      "sieben", "acht", "neun");
  private static final Pattern HD_NAME = Pattern.compile(
      "lang-(english|german)_speaker-(\\d+)_trial-(\\d+)_digit-(\\d)\\.(flac|wav)", Pattern.CASE_INSENSITIVE);

  /** The layout actually used (AUTO resolved). */
  final AudioPreprocessConfig.Corpus layout;
  final String root;
  final List<String> classNames;
  /** All samples, unordered (the plan orders them). */
  final List<AudioItem> items;
  /** The list files read (split lists), with checksums, for the manifest. */
  final List<DatasetManifest.Source> listFiles;
  /** How a validation split was carved from train, or null. */
  final DatasetManifest.Validation validation;
  /** What selection did (unknown / silence counts...), for the manifest's layout notes. */
  final Map<String, String> notes;

  private CorpusListing(AudioPreprocessConfig.Corpus layout, String root, List<String> classNames,
      List<AudioItem> items, List<DatasetManifest.Source> listFiles, DatasetManifest.Validation validation,
      Map<String, String> notes) {
    this.layout = layout;
    this.root = root;
    this.classNames = classNames;
    this.items = items;
    this.listFiles = listFiles;
    this.validation = validation;
    this.notes = notes;
  }

  /**
   * Lists the corpus under {@code cfg.getInputDir()}.
   *
   * @throws AudioDataException for a list naming a missing file (onBadSample=FAIL; with SKIP it
   *     becomes a skipped sample)
   * @throws IllegalArgumentException for a layout problem (no lists, no class folders...)
   */
  static CorpusListing list(AudioPreprocessConfig cfg, Configuration conf) {
    try {
      Path root = new Path(cfg.getInputDir());
      FileSystem fs = root.getFileSystem(conf);
      root = fs.makeQualified(root);
      FileStatus st;
      try {
        st = fs.getFileStatus(root);
      } catch (FileNotFoundException e) {
        throw new OptionException("{inputDir} " + root + " does not exist");
      }
      if (!st.isDirectory()) {
        throw new OptionException("{inputDir} " + root + " is not a directory");
      }
      AudioPreprocessConfig.Corpus layout = cfg.getCorpus();
      if (layout == AudioPreprocessConfig.Corpus.AUTO) {
        layout = detect(fs, root);
      }
      if (layout == AudioPreprocessConfig.Corpus.GSC && cfg.getValidFraction() > 0) {
        throw new OptionException("Speech Commands has its own validation list: leave {validFraction} at 0");
      }
      return switch (layout) {
        case GSC -> gsc(cfg, fs, root);
        case HD -> hd(cfg, fs, root);
        default -> folders(cfg, fs, root);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + cfg.getInputDir() + ": " + e.getMessage(), e);
    }
  }

  private static AudioPreprocessConfig.Corpus detect(FileSystem fs, Path root) throws IOException {
    if (fs.exists(new Path(root, "validation_list.txt")) && fs.exists(new Path(root, "testing_list.txt"))) {
      return AudioPreprocessConfig.Corpus.GSC;
    }
    if (fs.exists(new Path(root, "train_filenames.txt"))) {
      return AudioPreprocessConfig.Corpus.HD;
    }
    return AudioPreprocessConfig.Corpus.FOLDERS;
  }

  // ---------------------------------------------------------------- Speech Commands

  private static CorpusListing gsc(AudioPreprocessConfig cfg, FileSystem fs, Path root) throws IOException {
    List<DatasetManifest.Source> sources = new ArrayList<>();
    Map<String, String> splitOf = new HashMap<>();
    List<String> listed = readGscLists(fs, root, sources, splitOf);
    List<Path> noise = new ArrayList<>();
    TreeMap<String, List<String>> words = gscWords(fs, root, noise);
    List<String> classNames = gscClassNames(cfg, root, words);
    List<AudioItem> items = missingListedFiles(cfg, root, listed, splitOf, words, classNames);
    // the samples: keywords (or all words), then unknown and silence per split for KWS12
    Map<String, List<AudioItem>> unknownBySplit = new TreeMap<>();
    Map<String, Long> keywordCount = new TreeMap<>();
    addWordSamples(root, words, splitOf, classNames, items, unknownBySplit, keywordCount);
    Map<String, String> notes = new LinkedHashMap<>();
    if (cfg.getGscTask() == AudioPreprocessConfig.GscTask.KWS12) {
      addUnknown(cfg, unknownBySplit, keywordCount, items, notes);
      addSilence(cfg, root, noise, keywordCount, classNames.indexOf(SILENCE), items, notes);
    }
    return new CorpusListing(AudioPreprocessConfig.Corpus.GSC, root.toString(), classNames, items, sources, null, notes);
  }

  /**
   * Reads validation_list.txt and testing_list.txt into {@code splitOf} (file -> split) and
   * {@code sources}; returns their entries in list order (for missing-file messages).
   */
  private static List<String> readGscLists(FileSystem fs, Path root, List<DatasetManifest.Source> sources,
      Map<String, String> splitOf) throws IOException {
    List<String> order = new ArrayList<>();
    for (String[] list : new String[][] {{"validation_list.txt", VALID}, {"testing_list.txt", TEST}}) {
      Path p = new Path(root, list[0]);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException("Speech Commands layout needs " + list[0] + " in " + root);
      }
      List<String> lines = readList(fs, p, list[1], sources);
      for (String rel : lines) {
        String prev = splitOf.put(rel, list[1]);
        if (prev != null && !prev.equals(list[1])) {
          throw new IllegalArgumentException(rel + " is named in both validation_list.txt and testing_list.txt");
        }
        order.add(rel);
      }
    }
    return order;
  }

  /**
   * The word folders' audio files, word -> relative paths, sorted; the audio of
   * {@value #NOISE_DIR} goes to {@code noise}. Folders starting with '_' or '.' are no words.
   */
  private static TreeMap<String, List<String>> gscWords(FileSystem fs, Path root, List<Path> noise)
      throws IOException {
    TreeMap<String, List<String>> words = new TreeMap<>();
    for (FileStatus d : sorted(fs.listStatus(root))) {
      String name = d.getPath().getName();
      if (!d.isDirectory()) {
        continue;
      }
      if (name.equals(NOISE_DIR)) {
        for (FileStatus f : sorted(fs.listStatus(d.getPath()))) {
          if (f.isFile() && isAudio(f.getPath().getName())) {
            noise.add(f.getPath());
          }
        }
        continue;
      }
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      List<String> files = new ArrayList<>();
      for (FileStatus f : sorted(fs.listStatus(d.getPath()))) {
        if (f.isFile() && isAudio(f.getPath().getName())) {
          files.add(name + "/" + f.getPath().getName());
        }
      }
      words.put(name, files);
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no word folders in " + root);
    }
    return words;
  }

  /** Every word, sorted (ALL_WORDS); or the keywords, then _silence_ and _unknown_ (KWS12). */
  private static List<String> gscClassNames(AudioPreprocessConfig cfg, Path root, Map<String, List<String>> words) {
    List<String> classNames = new ArrayList<>();
    if (cfg.getGscTask() == AudioPreprocessConfig.GscTask.KWS12) {
      for (String k : cfg.getKeywords()) {
        if (!words.containsKey(k)) {
          throw new IllegalArgumentException("keyword '" + k + "' has no folder in " + root + " (words: " + words.keySet() + ")");
        }
      }
      classNames.addAll(cfg.getKeywords());
      classNames.add(SILENCE);
      classNames.add(UNKNOWN);
    } else {
      classNames.addAll(words.keySet());
    }
    return classNames;
  }

  /**
   * Files the split lists name that do not exist: an error, or with onBadSample=SKIP the skipped
   * samples that the manifest lists.
   */
  private static List<AudioItem> missingListedFiles(AudioPreprocessConfig cfg, Path root, List<String> listed,
      Map<String, String> splitOf, Map<String, List<String>> words, List<String> classNames) {
    boolean skipBad = cfg.getOnBadSample() == AudioPreprocessConfig.OnBadSample.SKIP;
    boolean kws = cfg.getGscTask() == AudioPreprocessConfig.GscTask.KWS12;
    TreeSet<String> existing = new TreeSet<>();
    words.values().forEach(existing::addAll);
    List<AudioItem> items = new ArrayList<>();
    for (String rel : listed) {
      if (!existing.contains(rel)) {
        String list = splitOf.get(rel).equals(VALID) ? "validation_list.txt" : "testing_list.txt";
        String problem = "named in " + list + ", but " + new Path(root, rel) + " does not exist";
        if (!skipBad) {
          throw new AudioDataException(rel, problem);
        }
        String word = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
        int label = classNames.indexOf(word);
        if (kws && label < 0) {
          label = classNames.indexOf(UNKNOWN);
        }
        items.add(new AudioItem(splitOf.get(rel), stem(rel), label, label < 0 ? word : classNames.get(label),
            gscSpeaker(rel), new Path(root, rel).toString(), rel, null, problem));
      }
    }
    return items;
  }

  /**
   * Adds every file of a class's word to {@code items}, counted per split in {@code keywordCount};
   * files of other words are _unknown_ candidates, per split.
   */
  private static void addWordSamples(Path root, Map<String, List<String>> words, Map<String, String> splitOf,
      List<String> classNames, List<AudioItem> items, Map<String, List<AudioItem>> unknownBySplit,
      Map<String, Long> keywordCount) {
    for (Map.Entry<String, List<String>> w : words.entrySet()) {
      int label = classNames.indexOf(w.getKey());
      for (String rel : w.getValue()) {
        String split = splitOf.getOrDefault(rel, TRAIN);
        if (label >= 0) {
          items.add(new AudioItem(split, stem(rel), label, w.getKey(), gscSpeaker(rel), new Path(root, rel).toString(),
              rel, null, null));
          keywordCount.merge(split, 1L, Long::sum);
        } else {
          int unk = classNames.indexOf(UNKNOWN);
          unknownBySplit.computeIfAbsent(split, s -> new ArrayList<>()).add(new AudioItem(split, stem(rel), unk,
              UNKNOWN, gscSpeaker(rel), new Path(root, rel).toString(), rel, null, null));
        }
      }
    }
  }

  /** _unknown_ samples: per split a seeded choice of unknownFraction * its keyword samples, or all of them. */
  private static void addUnknown(AudioPreprocessConfig cfg, Map<String, List<AudioItem>> unknownBySplit,
      Map<String, Long> keywordCount, List<AudioItem> items, Map<String, String> notes) {
    for (String split : splitsOf(keywordCount.keySet(), unknownBySplit.keySet())) {
      List<AudioItem> candidates = unknownBySplit.getOrDefault(split, List.of());
      long want = cfg.getUnknownFraction() < 0 ? candidates.size()
          : Math.min(candidates.size(), Math.round(cfg.getUnknownFraction() * keywordCount.getOrDefault(split, 0L)));
      List<AudioItem> shuffled = new ArrayList<>(candidates);
      shuffle(shuffled, rng(cfg.getSeed(), "unknown/" + split));
      items.addAll(shuffled.subList(0, (int) want));
      notes.put("unknown." + split, want + " of " + candidates.size() + " other-word samples kept as " + UNKNOWN);
    }
  }

  /** Silence clips: per split round(silenceFraction * keyword samples), cut from the noise files. */
  private static void addSilence(AudioPreprocessConfig cfg, Path root, List<Path> noise, Map<String, Long> keywordCount,
      int label, List<AudioItem> items, Map<String, String> notes) {
    // disjoint regions of every noise file per split, so no noise audio is shared between splits
    Map<String, double[]> regions = Map.of(TRAIN, new double[] {0, 0.8}, VALID, new double[] {0.8, 0.9},
        TEST, new double[] {0.9, 1.0});
    double seconds = cfg.getClipSeconds() > 0 ? cfg.getClipSeconds() : 1.0;
    for (Map.Entry<String, Long> e : keywordCount.entrySet()) {
      String split = e.getKey();
      long count = Math.round(cfg.getSilenceFraction() * e.getValue());
      if (count == 0) {
        continue;
      }
      if (noise.isEmpty()) {
        throw new OptionException("{silenceFraction} " + cfg.getSilenceFraction() + " needs audio files in "
            + new Path(root, NOISE_DIR) + ", there are none: add them, or pass {silenceFraction} 0 to make no "
            + SILENCE + " samples");
      }
      double[] region = regions.get(split);
      if (region == null) {
        throw new IllegalArgumentException("no noise region for split '" + split + "'");
      }
      SplittableRandom r = rng(cfg.getSeed(), "silence/" + split);
      for (int i = 0; i < count; i++) {
        Path file = noise.get(i % noise.size());
        String rel = NOISE_DIR + "/" + file.getName();
        items.add(new AudioItem(split, SILENCE + "/" + split + String.format("-%05d", i), label, SILENCE, null,
            file.toString(), rel, new AudioItem.Silence(region[0], region[1], r.nextDouble(), seconds), null));
      }
      notes.put("silence." + split, count + " clips of " + seconds + " s from " + noise.size() + " noise files, region ["
          + region[0] + ", " + region[1] + ") of each");
    }
  }

  private static String gscSpeaker(String rel) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    int i = name.indexOf("_nohash_");
    return i > 0 ? name.substring(0, i) : null;
  }

  // ---------------------------------------------------------------- Heidelberg Digits

  private static CorpusListing hd(AudioPreprocessConfig cfg, FileSystem fs, Path root) throws IOException {
    boolean skipBad = cfg.getOnBadSample() == AudioPreprocessConfig.OnBadSample.SKIP;
    Path audioDir = fs.isDirectory(new Path(root, "audio")) ? new Path(root, "audio") : root;
    String prefix = audioDir.equals(root) ? "" : "audio/";
    TreeSet<String> present = new TreeSet<>();
    for (FileStatus f : fs.listStatus(audioDir)) {
      if (f.isFile()) {
        present.add(f.getPath().getName());
      }
    }
    List<String> classNames = new ArrayList<>();
    HD_ENGLISH.forEach(classNames::add);
    HD_GERMAN.forEach(classNames::add);
    List<DatasetManifest.Source> sources = new ArrayList<>();
    List<AudioItem> items = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (String[] list : new String[][] {{"train_filenames.txt", TRAIN}, {"test_filenames.txt", TEST}}) {
      Path p = new Path(root, list[0]);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException("Heidelberg Digits layout needs " + list[0] + " in " + root);
      }
      for (String name : readList(fs, p, list[1], sources)) {
        String prev = seen.put(name, list[0]);
        if (prev != null) {
          throw new IllegalArgumentException(name + " is named in both " + prev + " and " + list[0]);
        }
        String rel = prefix + name;
        String uri = new Path(audioDir, name).toString();
        Matcher m = HD_NAME.matcher(name);
        String problem = null;
        int label = -1;
        String speaker = null;
        if (!present.contains(name)) {
          problem = "named in " + list[0] + ", but " + uri + " does not exist";
        } else if (!m.matches()) {
          problem = "file name does not follow lang-<english|german>_speaker-<n>_trial-<n>_digit-<d>.flac";
        } else {
          label = Integer.parseInt(m.group(4)) + (m.group(1).equalsIgnoreCase("german") ? 10 : 0);
          speaker = String.valueOf(Integer.parseInt(m.group(2)));
        }
        if (problem != null && !skipBad) {
          throw new AudioDataException(rel, problem);
        }
        items.add(new AudioItem(list[1], stem(name), label, label < 0 ? "?" : classNames.get(label), speaker, uri, rel,
            null, problem));
      }
    }
    DatasetManifest.Validation v = carveValid(cfg, items, classNames.size());
    return new CorpusListing(AudioPreprocessConfig.Corpus.HD, root.toString(), classNames, items, sources, v,
        new LinkedHashMap<>());
  }

  // ---------------------------------------------------------------- folder per class

  private static CorpusListing folders(AudioPreprocessConfig cfg, FileSystem fs, Path root) throws IOException {
    List<String> classNames = new ArrayList<>();
    List<AudioItem> items = new ArrayList<>();
    for (FileStatus d : sorted(fs.listStatus(root))) {
      String name = d.getPath().getName();
      if (!d.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      List<String> files = new ArrayList<>();
      collectAudio(fs, d.getPath(), name, files);
      if (files.isEmpty()) {
        throw new IllegalArgumentException("class folder " + d.getPath() + " holds no .wav or .flac files");
      }
      files.sort(null);
      int label = classNames.size();
      classNames.add(name);
      // per class: a seeded shuffle; the first share goes to test, the next to valid
      List<String> shuffled = new ArrayList<>(files);
      shuffle(shuffled, rng(cfg.getSeed(), "folders/" + name));
      long nTest = Math.round(cfg.getTestFraction() * files.size());
      long nValid = Math.round(cfg.getValidFraction() * files.size());
      for (int i = 0; i < shuffled.size(); i++) {
        String rel = shuffled.get(i);
        String split = i < nTest ? TEST : i < nTest + nValid ? VALID : TRAIN;
        items.add(new AudioItem(split, stem(rel), label, name, null, new Path(root, rel).toString(), rel, null, null));
      }
    }
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("no class folders in " + root
          + " (expected <class>/<file>.wav|flac, or the Speech Commands / Heidelberg Digits list files)");
    }
    DatasetManifest.Validation v = null;
    if (cfg.getValidFraction() > 0) {
      v = new DatasetManifest.Validation();
      v.from = "each class";
      v.method = "FRACTION";
      v.fraction = cfg.getValidFraction();
      v.seed = cfg.getSeed();
      v.samples = items.stream().filter(i -> i.split.equals(VALID)).count();
    }
    return new CorpusListing(AudioPreprocessConfig.Corpus.FOLDERS, root.toString(), classNames, items, List.of(), v,
        new LinkedHashMap<>());
  }

  // ---------------------------------------------------------------- helpers

  /** Moves a seeded, label-stratified share of train to valid (HD); null when validFraction is 0. */
  private static DatasetManifest.Validation carveValid(AudioPreprocessConfig cfg, List<AudioItem> items, int classes) {
    if (cfg.getValidFraction() <= 0) {
      return null;
    }
    Map<Integer, List<Integer>> byLabel = new TreeMap<>();
    for (int i = 0; i < items.size(); i++) {
      AudioItem it = items.get(i);
      if (it.split.equals(TRAIN) && it.problem == null) {
        byLabel.computeIfAbsent(it.label, k -> new ArrayList<>()).add(i);
      }
    }
    long moved = 0;
    for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
      List<Integer> idx = e.getValue();
      idx.sort(Comparator.comparing(i -> items.get(i).sampleId));
      shuffle(idx, rng(cfg.getSeed(), "valid/" + e.getKey()));
      long take = Math.round(cfg.getValidFraction() * idx.size());
      for (int k = 0; k < take; k++) {
        items.set(idx.get(k), items.get(idx.get(k)).withSplit(VALID));
        moved++;
      }
    }
    DatasetManifest.Validation v = new DatasetManifest.Validation();
    v.from = TRAIN;
    v.method = "FRACTION";
    v.fraction = cfg.getValidFraction();
    v.seed = cfg.getSeed();
    v.samples = moved;
    return v;
  }

  /** Audio files below {@code dir} (recursively), as {@code prefix/relative/path}; plain listStatus calls. */
  private static void collectAudio(FileSystem fs, Path dir, String prefix, List<String> out) throws IOException {
    for (FileStatus f : sorted(fs.listStatus(dir))) {
      String name = f.getPath().getName();
      if (f.isDirectory()) {
        collectAudio(fs, f.getPath(), prefix + "/" + name, out);
      } else if (isAudio(name)) {
        out.add(prefix + "/" + name);
      }
    }
  }

  /** Non-blank trimmed lines of a list file; records it (size, SHA-256, lines) as a source. */
  private static List<String> readList(FileSystem fs, Path p, String split, List<DatasetManifest.Source> sources)
      throws IOException {
    byte[] bytes;
    try (InputStream in = fs.open(p)) {
      bytes = in.readAllBytes();
    }
    List<String> lines = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    sources.add(new DatasetManifest.Source(split, p.toString(), bytes.length,
        HadoopFiles.sha256(new java.io.ByteArrayInputStream(bytes)), lines.size()));
    return lines;
  }

  static boolean isAudio(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".flac");
  }

  /** The relative path without its extension: the sample id. */
  static String stem(String rel) {
    int dot = rel.lastIndexOf('.');
    return dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel;
  }

  private static FileStatus[] sorted(FileStatus[] list) {
    java.util.Arrays.sort(list, Comparator.comparing(s -> s.getPath().getName()));
    return list;
  }

  private static List<String> splitsOf(java.util.Set<String> a, java.util.Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  /** A generator for one purpose: the option seed mixed with a stable hash of the purpose. */
  static SplittableRandom rng(long seed, String purpose) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
  }

  static <T> void shuffle(List<T> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
