package org.snnspark.preprocess.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import scala.Tuple2;

/**
 * How the preprocessing jobs write a dataset directory: one Parquet file per planned shard renamed
 * to {@code split=<s>/part-NNNNN.parquet}, its footer made canonical and checksummed on the
 * executors, the manifest last. With {@link CommitProtocol#RENAME} all of it goes into a hidden
 * temporary directory next to the output, renamed into place as a whole (atomic on HDFS); with
 * {@link CommitProtocol#IN_PLACE} (object stores, where a directory rename copies every object)
 * into the output itself, the manifest being the commit point ({@link InPlaceOutput}). Either way
 * a failed job leaves nothing that looks like a dataset.
 */
public final class DatasetOutput {
  private static final Pattern SPARK_PART = Pattern.compile("part-(\\d+)-.*\\.parquet");

  private DatasetOutput() {}

  /** An output directory (qualified), its filesystem and how it is committed there. */
  public record Target(Path path, FileSystem fs, CommitProtocol protocol) {}

  /** What a job does to fill its temporary directory; returns the manifest it wrote there. */
  @FunctionalInterface
  public interface Build {
    DatasetManifest into(Path tmp) throws Exception;
  }

  /**
   * The qualified output path, checked before any work is done.
   *
   * @throws OptionException if it exists and {@code overwrite} is false, or it is not a dataset
   *     ({@link ProjectOutput}: overwrite never replaces anything else)
   * @throws UncheckedIOException if the filesystem cannot be reached
   */
  public static Target prepare(Configuration conf, String output, boolean overwrite) {
    try {
      Path out = new Path(output);
      FileSystem fs = HadoopFiles.forWriting(out, conf);
      out = fs.makeQualified(out);
      CommitProtocol protocol = CommitProtocol.of(conf, fs);
      if (protocol == CommitProtocol.IN_PLACE) {
        InPlaceOutput.clearDead(fs, out, overwrite, false, "dataset");
      }
      if (fs.exists(out) && !overwrite) {
        throw new OptionException("{output} " + out + " already exists (pass {overwrite} to replace it)");
      }
      if (overwrite) {
        requireDataset(fs, out);
      }
      StaleDirectories.removeDead(fs, out.getParent(), tempPrefix(out), "the temporary directory of an earlier run", true);
      return new Target(out, fs, protocol);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot access output " + output + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code build} on a fresh hidden sibling of the output and renames it into place, or (with
   * {@link CommitProtocol#IN_PLACE}) on the output itself, its manifest written last; on any
   * failure what it wrote is deleted and the failure rethrown — first offered to
   * {@code translate}, which may return the job's own exception for it (or null to keep it);
   * IOExceptions become UncheckedIOException; anything else, Spark's (checked, undeclared)
   * SparkException included, is rethrown unchanged. The Spark jobs {@code build} starts run in a
   * job group of their own: after a failure, their remaining tasks are cancelled and waited for
   * (at most {@link #TASK_DRAIN_TIMEOUT}) before the directory is deleted, so that no task still
   * writing can bring it back.
   *
   * @param what the job, for messages ("audio preprocessing")
   */
  public static DatasetManifest buildAtomically(SparkContext sc, Target out, boolean overwrite, String what,
      Build build, java.util.function.Function<Exception, RuntimeException> translate) {
    boolean inPlace = out.protocol() == CommitProtocol.IN_PLACE;
    Path dir = inPlace ? out.path() : tempDir(out.path());
    if (inPlace) {
      startInPlace(out, overwrite);
    }
    try (JobGroup jobs = new JobGroup(sc, what + " to " + out.path())) {
      try {
        DatasetManifest m = build.into(dir);
        if (inPlace) {
          InPlaceOutput.finish(out.fs(), dir);
        } else {
          commit(out.fs(), dir, out.path(), overwrite);
        }
        return m;
      } catch (Exception e) {
        discard(jobs, out.fs(), dir, e);
        RuntimeException translated = translate.apply(e);
        if (translated != null) {
          throw translated;
        }
        if (e instanceof IOException io) {
          throw new UncheckedIOException(what + " to " + out.path() + " failed: " + e.getMessage(), io);
        }
        throw DatasetOutput.<RuntimeException>sneaky(e);
      }
    }
  }

  /**
   * Claims the output for writing in place: refused if something appeared there meanwhile that
   * may not be replaced; an old dataset being replaced is withdrawn (its manifest deleted) first.
   */
  private static void startInPlace(Target out, boolean overwrite) {
    try {
      if (!overwrite && out.fs().exists(out.path())) {
        throw new IllegalArgumentException("output " + out.path() + " appeared while the job ran");
      }
      requireDataset(out.fs(), out.path());
      InPlaceOutput.start(out.fs(), out.path(), DatasetManifest.FILE_NAME);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.path() + ": " + e.getMessage(), e);
    }
  }

  /** How long a failed job waits for its cancelled tasks before deleting its temporary directory. */
  static final Duration TASK_DRAIN_TIMEOUT = Duration.ofSeconds(120);

  /**
   * Deletes a failed build's temporary directory; when a Spark job failed, first cancels the
   * build's other tasks and waits for them (a failure on the driver between jobs has none running).
   */
  private static void discard(JobGroup jobs, FileSystem fs, Path tmp, Exception failure) {
    try {
      if (findCause(failure, org.apache.spark.SparkException.class) != null
          && !jobs.cancelAndAwaitTasks(TASK_DRAIN_TIMEOUT)) {
        failure.addSuppressed(new IllegalStateException(jobs.runningTasks() + " task(s) still running "
            + TASK_DRAIN_TIMEOUT.toSeconds() + " s after the failure; " + tmp + " may reappear"));
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } finally {
      HadoopFiles.deleteQuietly(fs, tmp);
    }
  }

  /** A fresh hidden sibling of {@code out} to build the dataset in, named after this JVM. */
  static Path tempDir(Path out) {
    return new Path(out.getParent(), StaleDirectories.nameFor(tempPrefix(out)));
  }

  private static String tempPrefix(Path out) {
    return "." + out.getName() + ".tmp-";
  }

  /**
   * Writes {@code rows} — partitioned so that partition {@code i} holds exactly the rows of shard
   * {@code i}, in their final order — as one Parquet file per non-empty shard into {@code tmp},
   * under {@code split=<s>/part-NNNNN.parquet} numbered from 0 per split, and returns the shards
   * with size and SHA-256 filled in. Build {@code rows} from beans ({@code Encoders.bean}) where
   * rows hold arrays: generic Rows convert arrays element by element, with boxing.
   *
   * @param shardSplit the split of each shard, by shard id
   * @param shardRows the rows of each shard, by shard id (known from statistics collected earlier)
   * @param what the job, for Spark's job descriptions and the timing log line
   */
  public static List<DatasetManifest.Shard> writeShards(SparkSession spark, SerializableConfiguration sconf,
      FileSystem fs, Path tmp, Dataset<Row> rows, List<String> shardSplit, long[] shardRows, String what,
      Logger log) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Path parts = new Path(tmp, "_parts");
    long tWrite = System.nanoTime();
    jsc.setJobDescription(what + ": write " + shardSplit.size() + " Parquet shards");
    // Spark's legacy Parquet layout (2-level lists) is a session setting, not a writer option: the
    // standard layout is part of the format promise, so it is pinned for this write only
    String legacyKey = "spark.sql.parquet.writeLegacyFormat";
    String legacy = spark.conf().get(legacyKey, "false");
    spark.conf().set(legacyKey, "false");
    try {
      rows.write()
          .mode(SaveMode.ErrorIfExists)
          .option("compression", "snappy")
          .option("maxRecordsPerFile", 0) // one file per shard, whatever the session's default
          .parquet(parts.toString());
    } finally {
      spark.conf().set(legacyKey, legacy);
    }
    long tRename = System.nanoTime();
    List<DatasetManifest.Shard> shards = renameShards(fs, parts, tmp, shardSplit, shardRows);
    HadoopFiles.deleteQuietly(fs, parts);
    checksumShards(jsc, sconf, tmp, shards, what);
    log.info("wrote {} Parquet shards in {} ms, renamed and checksummed them in {} ms", shards.size(),
        (tRename - tWrite) / 1_000_000, (System.nanoTime() - tRename) / 1_000_000);
    return shards;
  }

  /**
   * Moves Spark's part files (named by partition = shard id) to {@code split=<s>/part-NNNNN.parquet},
   * numbering each split's non-empty shards from 0.
   */
  static List<DatasetManifest.Shard> renameShards(FileSystem fs, Path parts, Path tmp,
      List<String> shardSplit, long[] shardRows) throws IOException {
    Map<Integer, Path> byShard = new TreeMap<>();
    for (FileStatus st : fs.listStatus(parts)) {
      Matcher mt = SPARK_PART.matcher(st.getPath().getName());
      if (!mt.matches()) {
        continue; // _SUCCESS, checksum side files
      }
      int shard = Integer.parseInt(mt.group(1));
      if (byShard.put(shard, st.getPath()) != null) {
        throw new IllegalStateException("Spark wrote two files for shard " + shard + " in " + parts);
      }
    }
    List<DatasetManifest.Shard> out = new ArrayList<>();
    Map<String, Integer> next = new LinkedHashMap<>();
    for (int id = 0; id < shardSplit.size(); id++) {
      String split = shardSplit.get(id);
      Path part = byShard.get(id);
      if (shardRows[id] == 0) {
        if (part != null) {
          fs.delete(part, false); // Spark writes a schema-only file when every partition is empty
        }
        continue;
      }
      if (part == null) {
        throw new IllegalStateException("Spark wrote no file for shard " + id + " (" + shardRows[id] + " rows) in " + parts);
      }
      String rel = placeShard(fs, part, tmp, split, next);
      out.add(new DatasetManifest.Shard(split, rel, shardRows[id], 0, null));
    }
    return out;
  }

  /**
   * Moves a finished shard file to {@code split=<s>/part-NNNNN.parquet} under {@code tmp}, each
   * split's shards numbered from 0 in the order they are placed ({@code placed}: shards per split
   * so far, updated); returns the path relative to {@code tmp}.
   */
  public static String placeShard(FileSystem fs, Path file, Path tmp, String split, Map<String, Integer> placed)
      throws IOException {
    int k = placed.merge(split, 1, Integer::sum) - 1;
    String rel = FrameSchema.splitDir(split) + "/" + FrameSchema.shardFileName(k);
    Path target = new Path(tmp, rel);
    fs.mkdirs(target.getParent());
    if (!fs.rename(file, target)) {
      throw new IOException("cannot rename " + file + " to " + target);
    }
    return rel;
  }

  /**
   * SHA-256 and size of every shard, computed on the executors (one task per shard), after making
   * the shard's footer canonical ({@link ParquetFooters}: Spark's writer lists encodings in an order
   * that changes between JVMs), so that a re-run gives the same bytes.
   */
  static void checksumShards(JavaSparkContext jsc, SerializableConfiguration sconf, Path dir,
      List<DatasetManifest.Shard> shards, String what) {
    List<String> rel = new ArrayList<>();
    shards.forEach(s -> rel.add(s.path));
    String base = dir.toString();
    jsc.setJobDescription(what + ": checksum " + shards.size() + " shards");
    List<Tuple2<Long, String>> sums = jsc.parallelize(rel, Math.max(1, rel.size()))
        .map(r -> {
          Path p = new Path(base, r);
          FileSystem f = HadoopFiles.forWriting(p, sconf.get());
          String sha256 = ParquetFooters.canonicalizeAndHash(f, p);
          return new Tuple2<>(f.getFileStatus(p).getLen(), sha256);
        })
        .collect();
    for (int i = 0; i < shards.size(); i++) {
      shards.get(i).sizeBytes = sums.get(i)._1();
      shards.get(i).sha256 = sums.get(i)._2();
    }
  }

  /**
   * Puts the finished temporary directory in place of the output (replacing it if allowed), never
   * inside an output that appeared meanwhile; see {@link HadoopFiles#commitDirectory} for what HDFS
   * makes atomic and the window a replacement leaves.
   */
  static void commit(FileSystem fs, Path tmp, Path out, boolean overwrite) throws IOException {
    if (overwrite) {
      requireDataset(fs, out); // again: the path may have changed while the job ran
    }
    try {
      HadoopFiles.commitDirectory(fs, tmp, out, overwrite);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new IllegalArgumentException("output " + out + " appeared while the job ran", e);
    }
  }

  private static void requireDataset(FileSystem fs, Path out) throws IOException {
    ProjectOutput.requireReplaceable(fs, out, DatasetManifest.FILE_NAME, "dataset");
  }

  /**
   * Bean-encoded rows as the dataset's schema: each bean property ({@code names[k][0]}, as Spark's
   * encoder names it) renamed to its column ({@code names[k][1]}), in that order, and the result
   * checked against {@code expected} so that a drifting bean mapping fails here, not in a reader.
   */
  public static Dataset<Row> selectAs(Dataset<?> beans, List<String[]> names, StructType expected) {
    Column[] cols = new Column[names.size()];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = functions.col(names.get(k)[0]).as(names.get(k)[1]);
    }
    Dataset<Row> out = beans.select(cols);
    if (!out.schema().equals(expected)) {
      throw new IllegalStateException("rows " + out.schema().simpleString() + " differ from the"
          + " dataset schema " + expected.simpleString());
    }
    return out;
  }

  /** The first exception of {@code type} in the cause chain of {@code e} (e itself included), or null. */
  public static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /**
   * Rethrows any exception unchanged: Spark's task failures arrive as the checked SparkException
   * (thrown Scala-style, undeclared), which callers expect to see as it is.
   */
  @SuppressWarnings("unchecked")
  public static <T extends Throwable> T sneaky(Throwable e) throws T {
    throw (T) e;
  }
}
