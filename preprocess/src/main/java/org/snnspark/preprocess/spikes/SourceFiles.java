package org.snnspark.preprocess.spikes;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives jhdf a local file for any Hadoop path. jhdf needs random access (it seeks to object
 * headers, heap collections...): on the local filesystem the file is used in place; on any other
 * filesystem (hdfs, s3a...) it is copied once per JVM — so once per executor, whatever the number
 * of tasks reading slices of it — into Spark's per-application scratch directory, which Spark
 * deletes when the application ends. A copy is keyed by path, length and modification time, so a
 * changed source is fetched again.
 */
final class SourceFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SourceFiles.class);
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

  private SourceFiles() {}

  /** The file name of a path or URI ({@code hdfs://nn/d/shd_train.h5} -> {@code shd_train.h5}). */
  static String fileName(String uri) {
    return new Path(uri).getName();
  }

  /** Whether {@code uri} lives on the local filesystem (then it is read in place). */
  static boolean isLocal(String uri, Configuration conf) throws IOException {
    return "file".equals(new Path(uri).getFileSystem(conf).getScheme());
  }

  /**
   * A local path holding the bytes of {@code uri}.
   *
   * @throws SpikeDataException if the file does not exist
   */
  static java.nio.file.Path local(String uri, Configuration conf) throws IOException {
    Path p = new Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus st;
    try {
      st = fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      throw new SpikeDataException(uri, "file not found", null);
    }
    if (st.isDirectory()) {
      throw new SpikeDataException(uri, "is a directory, expected an HDF5 file", null);
    }
    if ("file".equals(fs.getScheme())) {
      return Paths.get(fs.makeQualified(p).toUri());
    }
    String key = st.getPath() + "|" + st.getLen() + "|" + st.getModificationTime();
    synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
      java.nio.file.Path dir = cacheDir();
      String digest = HadoopFiles.sha256(new java.io.ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)));
      java.nio.file.Path target = dir.resolve(digest.substring(0, 16) + "-" + p.getName());
      if (Files.isRegularFile(target) && Files.size(target) == st.getLen()) {
        return target; // copied earlier by this JVM (or another executor sharing the directory)
      }
      long t0 = System.nanoTime();
      java.nio.file.Path tmp = dir.resolve(target.getFileName() + "." + UUID.randomUUID() + ".part");
      try (InputStream in = fs.open(p)) {
        Files.copy(in, tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      LOG.info("copied {} ({} bytes) to local {} in {} ms", uri, st.getLen(), target,
          (System.nanoTime() - t0) / 1_000_000);
      return target;
    }
  }

  private static java.nio.file.Path cacheDir() throws IOException {
    // SparkFiles' root is the application's scratch directory on the driver and each executor,
    // removed by Spark at shutdown; outside Spark fall back to java.io.tmpdir.
    String root = SparkEnv.get() != null ? SparkFiles.getRootDirectory() : System.getProperty("java.io.tmpdir");
    java.nio.file.Path dir = Paths.get(root).toAbsolutePath().resolve("snn-spark-h5");
    Files.createDirectories(dir);
    return dir;
  }
}
