package org.snnspark.preprocess.audio;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.SerializableConfiguration;
import scala.Tuple2;

/**
 * The decode task: reads each planned file through Hadoop's FileSystem, decodes, cuts silence clips,
 * featurises, and emits the record keyed for its shard. Bad samples throw (FAIL) or become records
 * carrying the problem (SKIP). Filesystem errors other than a missing file fail the task: they say
 * nothing about the sample. The driver never touches audio.
 */
final class AudioReader implements PairFlatMapFunction<Iterator<AudioItem>, Long, AudioRecord> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<AudioPreprocessConfig> cfg;
  private final SerializableConfiguration conf;
  private final LongAccumulator samplesRead;

  AudioReader(Broadcast<AudioPreprocessConfig> cfg, SerializableConfiguration conf, LongAccumulator samplesRead) {
    this.cfg = cfg;
    this.conf = conf;
    this.samplesRead = samplesRead;
  }

  @Override
  public Iterator<Tuple2<Long, AudioRecord>> call(Iterator<AudioItem> items) {
    AudioPreprocessConfig c = cfg.value();
    FeatureExtractor fx = new FeatureExtractor(c);
    boolean skipBad = c.getOnBadSample() == AudioPreprocessConfig.OnBadSample.SKIP;
    return new Iterator<>() {
      // the last noise file decoded: silence clips of one file are adjacent in the plan's order
      private String noiseUri;
      private Source noise;

      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Tuple2<Long, AudioRecord> next() {
        AudioItem it = items.next();
        AudioRecord r = new AudioRecord();
        r.split = it.split;
        r.sampleId = it.sampleId;
        r.label = it.label;
        r.labelName = it.labelName;
        r.speaker = it.speaker;
        r.sourceFile = it.relPath;
        try {
          if (it.problem != null) {
            throw new AudioDataException(it.relPath, it.problem);
          }
          Source src;
          if (it.silence != null) {
            if (!it.uri.equals(noiseUri)) {
              noise = read(it);
              noiseUri = it.uri;
            }
            src = noise;
          } else {
            src = read(it);
          }
          PcmAudio audio = src.audio;
          if (it.silence != null) {
            int start = clipStart(audio, it);
            r.sourceIndex = start;
            audio = slice(audio, start, (int) Math.round(it.silence.seconds() * audio.sampleRate()));
          }
          FeatureExtractor.Result f = fx.extract(audio, it.relPath,
              CorpusListing.rng(c.getSeed(), "dither/" + it.sampleId).nextLong());
          r.features = f.features();
          r.nFrames = f.frames();
          r.nFeatures = f.numFeatures();
          r.sha256 = src.sha256;
          r.sourceBytes = src.bytes;
          r.sourceRate = f.sourceRate();
          r.sourceSeconds = f.sourceSeconds();
          r.resampled = f.resampled();
          r.padded = f.padded() > 0;
          r.cropped = f.cropped() > 0;
        } catch (AudioDataException e) {
          if (!skipBad) {
            throw e;
          }
          r.problem = e.getProblem();
          r.features = null;
        }
        samplesRead.add(1);
        return new Tuple2<>(it.key, r);
      }
    };
  }

  /** A file's decoded audio, size and checksum. */
  private record Source(PcmAudio audio, long bytes, String sha256) {}

  private Source read(AudioItem it) {
    Path p = new Path(it.uri);
    byte[] bytes;
    try (InputStream in = p.getFileSystem(conf.get()).open(p)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      throw new AudioDataException(it.relPath, "file not found: " + it.uri);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + it.uri + ": " + e.getMessage(), e);
    }
    String sha;
    try {
      sha = HadoopFiles.sha256(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return new Source(AudioDecoder.decode(bytes, it.relPath), bytes.length, sha);
  }

  /**
   * First frame of a silence clip: a seeded position within the split's region of the noise file,
   * so that the clip lies wholly inside the region.
   */
  static int clipStart(PcmAudio noise, AudioItem it) {
    AudioItem.Silence s = it.silence;
    int n = noise.frames();
    int len = (int) Math.round(s.seconds() * noise.sampleRate());
    int lo = (int) Math.floor(s.regionStart() * n);
    int hi = (int) Math.floor(s.regionEnd() * n);
    if (hi - lo < len) {
      throw new AudioDataException(it.relPath, String.format("too short for %.3f s silence clips in the %s region"
          + " [%.0f%%, %.0f%%) of the file (%.3f s there)", s.seconds(), it.split, 100 * s.regionStart(),
          100 * s.regionEnd(), (hi - lo) / (double) noise.sampleRate()));
    }
    return lo + (int) Math.floor(s.position() * (hi - lo - len + 1));
  }

  static PcmAudio slice(PcmAudio a, int start, int len) {
    float[][] out = new float[a.channels()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = java.util.Arrays.copyOfRange(a.samples()[c], start, start + len);
    }
    return new PcmAudio(a.sampleRate(), out, a.encoding());
  }
}
