package org.snnspark.preprocess.spikes;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.hdf5.HadoopSeekableChannel;
import org.snnspark.preprocess.hdf5.SpikeDataException;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig.RemoteRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a source HDF5 file for jhdf, which needs random access, from any Hadoop path.
 *
 * <ul>
 *   <li>On the local filesystem the file is read in place.
 *   <li>{@link RemoteRead#STREAM} (default for hdfs, s3a...): in place too, through
 *       {@link HadoopSeekableChannel} (positioned reads of 1 MiB blocks, LRU-cached): a task that
 *       reads one slice fetches about that slice plus the file's metadata, and nothing touches the
 *       local disk.
 *   <li>{@link RemoteRead#COPY}: the file is copied once per JVM — so once per executor, whatever
 *       the number of tasks reading slices of it — into Spark's per-application scratch directory,
 *       which Spark deletes when the application ends. A copy is keyed by path, length and
 *       modification time, and its SHA-256 (computed while copying) must equal the one the inspect
 *       stage recorded; later tasks on the executor reuse it without reading it again.
 * </ul>
 */
final class SourceFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SourceFiles.class);
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
  /** Copies this JVM made and their SHA-256, by copy key (see {@link #copyKey}). */
  private static final Map<String, Copy> COPIES = new ConcurrentHashMap<>();
  /** How many files this JVM has copied (tests assert one per source file and executor). */
  static final AtomicInteger COPIES_MADE = new AtomicInteger();

  private SourceFiles() {}

  private record Copy(java.nio.file.Path path, String sha256) {}

  /** A source file opened for reading, with its length and SHA-256 when they were computed. */
  record Opened(SpikeH5Reader reader, long sizeBytes, String sha256) {}

  /** The file name of a path or URI ({@code hdfs://nn/d/shd_train.h5} -> {@code shd_train.h5}). */
  static String fileName(String uri) {
    return new Path(uri).getName();
  }

  /**
   * Opens {@code uri} for the inspect stage, with its length, and its SHA-256 only where it comes for
   * free: with {@link RemoteRead#COPY}, computed while copying (the copy is checked against it).
   * Otherwise the SHA-256 is null here and {@link #sha256} computes it beside the read tasks.
   */
  static Opened inspect(String uri, Configuration conf, RemoteRead how) throws IOException {
    Source s = stat(uri, conf);
    if (s.local != null) {
      return new Opened(new SpikeH5Reader(s.local, uri), Files.size(s.local), null);
    }
    if (how == RemoteRead.COPY) {
      Copy c = copy(s, uri, null);
      return new Opened(new SpikeH5Reader(c.path, uri), s.status.getLen(), c.sha256);
    }
    return new Opened(stream(s, uri), s.status.getLen(), null);
  }

  /** A file's length and the SHA-256 of its bytes. */
  record Checksum(long sizeBytes, String sha256) implements java.io.Serializable {}

  /** The length and SHA-256 of {@code uri}, streamed once. */
  static Checksum sha256(String uri, Configuration conf) throws IOException {
    Source s = stat(uri, conf);
    if (s.local != null) {
      try (InputStream in = Files.newInputStream(s.local)) {
        return new Checksum(Files.size(s.local), HadoopFiles.sha256(in));
      }
    }
    return new Checksum(s.status.getLen(), HadoopFiles.sha256(s.fs, s.status.getPath()));
  }

  /**
   * Opens {@code uri} for a read task.
   *
   * @param sizeBytes the length the inspect stage saw
   * @param sha256 the checksum the inspect stage recorded (a fresh copy must match it)
   * @throws SpikeDataException if the file is missing or changed since it was inspected
   */
  static SpikeH5Reader open(String uri, Configuration conf, RemoteRead how, long sizeBytes,
      String sha256) throws IOException {
    Source s = stat(uri, conf);
    long len = s.local != null ? Files.size(s.local) : s.status.getLen();
    if (len != sizeBytes) {
      throw new SpikeDataException(uri, "changed while the job ran: " + len + " bytes now, "
          + sizeBytes + " when inspected", null);
    }
    if (s.local != null) {
      return new SpikeH5Reader(s.local, uri);
    }
    if (how == RemoteRead.COPY) {
      return new SpikeH5Reader(copy(s, uri, sha256).path, uri);
    }
    return stream(s, uri);
  }

  /** What {@link #stat} found: a local path, or a remote file's filesystem and status. */
  private record Source(java.nio.file.Path local, FileSystem fs, FileStatus status) {}

  private static Source stat(String uri, Configuration conf) throws IOException {
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
      return new Source(Paths.get(fs.makeQualified(p).toUri()), fs, st);
    }
    return new Source(null, fs, st);
  }

  private static SpikeH5Reader stream(Source s, String uri) throws IOException {
    return new SpikeH5Reader(new HadoopSeekableChannel(s.fs, s.status, HadoopSeekableChannel.DEFAULT_BLOCK,
        HadoopSeekableChannel.DEFAULT_CACHED_BLOCKS), uri);
  }

  private static String copyKey(FileStatus st) {
    return st.getPath() + "|" + st.getLen() + "|" + st.getModificationTime();
  }

  /**
   * The local copy of a remote file: made by the first caller in this JVM, reused by the others.
   *
   * @param expectedSha the SHA-256 the copy must have, or null to accept what is read
   */
  private static Copy copy(Source s, String uri, String expectedSha) throws IOException {
    String key = copyKey(s.status);
    synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
      Copy c = COPIES.get(key);
      if (c == null || !Files.isRegularFile(c.path) || Files.size(c.path) != s.status.getLen()) {
        c = fetch(s, uri, key);
        COPIES.put(key, c);
      }
      if (expectedSha != null && !expectedSha.equals(c.sha256)) {
        throw new SpikeDataException(uri, "changed while the job ran: SHA-256 " + c.sha256
            + " now, " + expectedSha + " when inspected", null);
      }
      return c;
    }
  }

  private static Copy fetch(Source s, String uri, String key) throws IOException {
    java.nio.file.Path dir = cacheDir();
    String digest = HadoopFiles.sha256(new java.io.ByteArrayInputStream(
        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    java.nio.file.Path target = dir.resolve(digest.substring(0, 16) + "-" + s.status.getPath().getName());
    long t0 = System.nanoTime();
    java.nio.file.Path tmp = dir.resolve(target.getFileName() + "." + UUID.randomUUID() + ".part");
    MessageDigest md = HadoopFiles.newSha256();
    try (InputStream in = new DigestInputStream(s.fs.open(s.status.getPath()), md)) {
      long n = Files.copy(in, tmp);
      if (n != s.status.getLen()) {
        throw new SpikeDataException(uri, "changed while copying: " + n + " bytes read, "
            + s.status.getLen() + " expected", null);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    COPIES_MADE.incrementAndGet();
    LOG.info("copied {} ({} bytes) to local {} in {} ms", uri, s.status.getLen(), target,
        (System.nanoTime() - t0) / 1_000_000);
    return new Copy(target, HexFormat.of().formatHex(md.digest()));
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
