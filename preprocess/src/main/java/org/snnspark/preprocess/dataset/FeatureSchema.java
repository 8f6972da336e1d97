package org.snnspark.preprocess.dataset;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names and the Spark schema of a features dataset's rows (kind {@code "features"}: log mel
 * filterbank / mel spectrogram frames, one row per sample), in the same directory layout as spike
 * datasets ({@link FrameSchema#splitDir}, {@link FrameSchema#shardFileName}).
 *
 * <p>Features are dense and time-major: {@code features[t * n_features + f]} is feature {@code f}
 * of frame {@code t}, {@code t < n_frames}; with stacked deltas feature {@code f = c * melBins + m}
 * (channel c: 0 static, 1 delta, 2 delta-delta). n_frames may differ between rows (variable-length
 * clips); the manifest's numSteps is the fixed length or the longest. Plain Parquet types only.
 * Strings and the features array are declared nullable (that is how Spark's bean encoder writes
 * them) but are never null; only {@link #SPEAKER} can be. Feature values are never null.
 */
public final class FeatureSchema {
  private FeatureSchema() {}

  /**
   * Stable id: the source path relative to the corpus root without extension
   * ({@code yes/0a7c2a8d_nohash_0}, {@code lang-english_speaker-01_trial-3_digit-7}), or
   * {@code _silence_/<split>-<n>} for silence clips cut from background noise.
   */
  public static final String SAMPLE_ID = "sample_id";
  /** Class index (int), 0-based, indexing the manifest's class names. */
  public static final String LABEL = "label";
  /** Class name (string) of {@link #LABEL}. */
  public static final String LABEL_NAME = "label_name";
  /**
   * Speaker (string, null when the corpus has none): GSC's hex id ({@code 0a7c2a8d}, the part
   * before {@code _nohash_}), HD's speaker number in decimal ({@code "3"}, as SHD's extra/speaker).
   * A string because GSC ids are hex and must not be reinterpreted.
   */
  public static final String SPEAKER = "speaker";
  /** The source file relative to the corpus root (string), e.g. {@code yes/0a7c2a8d_nohash_0.wav}. */
  public static final String SOURCE_FILE = "source_file";
  /** 0 for a whole file; for a silence clip, its first sample in the noise file at the file's rate (long). */
  public static final String SOURCE_INDEX = "source_index";
  /** Frames of this sample (int). */
  public static final String N_FRAMES = "n_frames";
  /** Features per frame (int, equal for every row; the manifest's numChannels). */
  public static final String N_FEATURES = "n_features";
  /** n_frames * n_features values, time-major (array of float). */
  public static final String FEATURES = "features";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(SAMPLE_ID, DataTypes.StringType, true),
      DataTypes.createStructField(LABEL, DataTypes.IntegerType, false),
      DataTypes.createStructField(LABEL_NAME, DataTypes.StringType, true),
      DataTypes.createStructField(SPEAKER, DataTypes.StringType, true),
      DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, true),
      DataTypes.createStructField(SOURCE_INDEX, DataTypes.LongType, false),
      DataTypes.createStructField(N_FRAMES, DataTypes.IntegerType, false),
      DataTypes.createStructField(N_FEATURES, DataTypes.IntegerType, false),
      DataTypes.createStructField(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), true)});
}
