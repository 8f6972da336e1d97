package org.snnspark.preprocess.dataset;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names and the Spark schema of a spike dataset's rows (one row per sample).
 *
 * <p>Directory layout: {@code <dataset>/manifest.json} and {@code <dataset>/split=<name>/part-NNNNN.parquet}
 * (Hive-style: the split is the directory, not a column — Spark's partition discovery, pyarrow and
 * DuckDB's {@code hive_partitioning} turn it back into a {@code split} column when the dataset root
 * is read; reading one {@code split=<name>} directory gives the columns below).
 *
 * <p>Frames are stored sparse, as three parallel arrays sorted by (time bin, channel): the dense
 * frame is {@code x[spike_channel[k], spike_time[k]] = spike_count[k]}, all other entries 0, with
 * shape [{@link #N_CHANNELS}, {@link #N_STEPS}] (equal for every row; also in the manifest).
 * Only plain Parquet types are used (int32, int64, float, UTF-8 strings, standard 3-level lists).
 * Strings and arrays are declared nullable (that is how Spark's bean encoder writes them) but are
 * never null; only {@link #SPEAKER} can be.
 */
public final class FrameSchema {
  private FrameSchema() {}

  /** Stable id: {@code <source file stem>/<index in the file>}, e.g. {@code shd_train/123}. */
  public static final String SAMPLE_ID = "sample_id";
  /** Class index (int), 0-based, indexing the manifest's class names. */
  public static final String LABEL = "label";
  /** Class name (string) of {@link #LABEL}. */
  public static final String LABEL_NAME = "label_name";
  /** Speaker id from {@code extra/speaker} (int), null when the source file has none. */
  public static final String SPEAKER = "speaker";
  /** The source file's name (string), e.g. {@code shd_train.h5}; its full path is in the manifest. */
  public static final String SOURCE_FILE = "source_file";
  /** Index of the sample in its source file (long). */
  public static final String SOURCE_INDEX = "source_index";
  /** Number of time bins of the dense frame (int). */
  public static final String N_STEPS = "n_steps";
  /** Number of channels of the dense frame after downsampling (int). */
  public static final String N_CHANNELS = "n_channels";
  /** Time bin of each non-zero frame entry (array of int). */
  public static final String SPIKE_TIME = "spike_time";
  /** Channel of each non-zero frame entry (array of int). */
  public static final String SPIKE_CHANNEL = "spike_channel";
  /** Spike count of each non-zero frame entry (array of int; all 1 in binary mode). */
  public static final String SPIKE_COUNT = "spike_count";
  /** Events mode only: every raw spike time in seconds, exactly as stored (float16 values as float). */
  public static final String EVENT_TIME = "event_time";
  /** Events mode only: the raw unit of each spike, not downsampled (array of int). */
  public static final String EVENT_CHANNEL = "event_channel";

  /** Prefix of a split's directory name. */
  public static final String SPLIT_DIR_PREFIX = "split=";

  /** The schema of frame rows (count and binary modes). */
  public static final StructType FRAMES = schema(false);
  /** The schema of events-mode rows: the frame columns plus the raw events. */
  public static final StructType FRAMES_WITH_EVENTS = schema(true);

  public static StructType schema(boolean withEvents) {
    StructType s = new StructType(new StructField[] {
        DataTypes.createStructField(SAMPLE_ID, DataTypes.StringType, true),
        DataTypes.createStructField(LABEL, DataTypes.IntegerType, false),
        DataTypes.createStructField(LABEL_NAME, DataTypes.StringType, true),
        DataTypes.createStructField(SPEAKER, DataTypes.IntegerType, true),
        DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, true),
        DataTypes.createStructField(SOURCE_INDEX, DataTypes.LongType, false),
        DataTypes.createStructField(N_STEPS, DataTypes.IntegerType, false),
        DataTypes.createStructField(N_CHANNELS, DataTypes.IntegerType, false),
        DataTypes.createStructField(SPIKE_TIME, DataTypes.createArrayType(DataTypes.IntegerType, false), true),
        DataTypes.createStructField(SPIKE_CHANNEL, DataTypes.createArrayType(DataTypes.IntegerType, false), true),
        DataTypes.createStructField(SPIKE_COUNT, DataTypes.createArrayType(DataTypes.IntegerType, false), true)});
    if (withEvents) {
      s = s.add(DataTypes.createStructField(EVENT_TIME, DataTypes.createArrayType(DataTypes.FloatType, false), true))
          .add(DataTypes.createStructField(EVENT_CHANNEL, DataTypes.createArrayType(DataTypes.IntegerType, false), true));
    }
    return s;
  }

  /** The directory of a split inside a dataset directory, e.g. {@code split=train}. */
  public static String splitDir(String split) {
    return SPLIT_DIR_PREFIX + split;
  }

  /** A shard's file name inside its split directory: {@code part-00003.parquet}. */
  public static String shardFileName(int indexInSplit) {
    return String.format("part-%05d.parquet", indexInSplit);
  }
}
