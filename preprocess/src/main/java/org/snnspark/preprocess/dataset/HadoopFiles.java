package org.snnspark.preprocess.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers over Hadoop's FileSystem (every dataset path goes through it: file, hdfs, s3a...). */
public final class HadoopFiles {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopFiles.class);

  private HadoopFiles() {}

  /**
   * The filesystem to write {@code p} through: for local paths the raw local filesystem, which
   * writes no hidden {@code .<name>.crc} beside every file (Hadoop's checksum side files add
   * nothing to the SHA-256 the manifests record, and littered every output directory); any other
   * filesystem as it is. Files written either way read back alike.
   */
  public static FileSystem forWriting(Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /**
   * Renames {@code src} to {@code dst}, failing with {@link org.apache.hadoop.fs.FileAlreadyExistsException}
   * if {@code dst} exists. A plain {@code FileSystem.rename} onto an existing directory moves
   * {@code src} <em>into</em> it (HDFS, local disks) or returns false (s3a); this never does either.
   * On HDFS the check and the rename are one NameNode operation (atomic); on the local filesystem
   * they are two steps; on s3a a directory rename copies every object, then deletes the source
   * (neither atomic nor fast).
   */
  public static void renameNoReplace(FileSystem fs, Path src, Path dst) throws IOException {
    FileUtil.rename(fs, src, dst, Options.Rename.NONE);
  }

  /**
   * Puts the finished directory {@code staged} in place of {@code target}.
   *
   * <p>Without {@code replace}, fails with {@code FileAlreadyExistsException} if {@code target}
   * exists (it never ends up inside it). With {@code replace}, an existing target is first renamed
   * aside to a hidden sibling ({@code .<name>.old-<id>}), the staged directory is renamed into
   * place, and the old one is deleted; if that second rename fails the old one is put back.
   *
   * <p>The remaining window: between the two renames {@code target} does not exist (on HDFS two
   * NameNode operations, milliseconds). A process killed exactly there leaves both complete
   * directories under their hidden names ({@code .<name>.old-<id>} and {@code staged}); nothing
   * that looks finished is ever incomplete, and no data is lost. HDFS cannot close the window for
   * directories: its atomic rename-with-overwrite only replaces files and empty directories.
   */
  public static void commitDirectory(FileSystem fs, Path staged, Path target, boolean replace) throws IOException {
    Path aside = null;
    if (replace && fs.exists(target)) {
      aside = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID().toString().substring(0, 8));
      renameNoReplace(fs, target, aside);
    }
    try {
      renameNoReplace(fs, staged, target);
    } catch (IOException | RuntimeException e) {
      if (aside != null) {
        try {
          renameNoReplace(fs, aside, target);
        } catch (IOException | RuntimeException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
    if (aside != null) {
      try {
        fs.delete(aside, true);
      } catch (IOException e) {
        LOG.warn("replaced {}, but could not delete the old copy moved aside to {}: {}", target, aside, e.getMessage());
      }
    }
  }

  /** SHA-256 of a file's bytes, lowercase hex, streamed (never held in memory whole). */
  public static String sha256(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return sha256(in);
    }
  }

  /** SHA-256 of a stream's remaining bytes, lowercase hex. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest md = newSha256();
    byte[] buf = new byte[1 << 20];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Deletes recursively, ignoring a missing path; failures are wrapped with the path named. */
  public static void deleteQuietly(FileSystem fs, Path p) {
    try {
      fs.delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
    }
  }
}
