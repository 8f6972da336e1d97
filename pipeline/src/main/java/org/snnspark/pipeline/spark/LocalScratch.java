package org.snnspark.pipeline.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.snnspark.preprocess.dataset.StaleDirectories;

/**
 * Where a local-mode job keeps Spark's scratch files ({@code blockmgr-*}, {@code spark-*}):
 * {@code snn-spark-<user>/scratch-<this JVM>-<id>} under a temporary root, instead of loose in
 * it. Spark removes its files when the JVM exits normally; a killed JVM leaves them, and the next
 * job on the machine removes what JVMs that ended left there.
 */
final class LocalScratch {
  private LocalScratch() {}

  static final String PREFIX = "scratch-";

  /** A fresh scratch directory for this JVM under {@code tmpRoot}, after removing dead JVMs' ones. */
  static Path prepare(Path tmpRoot) {
    Path root = tmpRoot.resolve("snn-spark-" + System.getProperty("user.name", "user"));
    try {
      Files.createDirectories(root);
      FileSystem local = FileSystem.getLocal(new Configuration()).getRawFileSystem();
      StaleDirectories.removeDead(local, new org.apache.hadoop.fs.Path(root.toUri()), PREFIX,
          "Spark's scratch files", false);
      return Files.createDirectories(root.resolve(StaleDirectories.nameFor(PREFIX)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Spark's scratch directory under " + root + ": " + e.getMessage(), e);
    }
  }
}
