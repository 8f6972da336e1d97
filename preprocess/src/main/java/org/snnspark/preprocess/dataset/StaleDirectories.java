package org.snnspark.preprocess.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hidden working directories that jobs killed before they could clean up left behind: the
 * temporary siblings of an output ({@code .<name>.tmp-<owner>-<id>}) and Spark's local scratch
 * directories ({@code <owner>} under the project's scratch root). A directory is removed only when
 * its {@link JobOwner} has certainly ended; each removal is logged.
 */
public final class StaleDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(StaleDirectories.class);

  private StaleDirectories() {}

  /**
   * Removes the entries of {@code dir} named {@code <prefix><owner tag>-<id>} ({@link #nameFor})
   * whose owner has ended; entries of live or unknown owners stay. Returns the removed paths.
   *
   * @param what what such a directory is, for the log line saying it was removed
   * @param reportEmpty whether to say so also for a directory holding no bytes (scratch directories
   *     of JVMs that ended normally are empty, and removing them is no news)
   */
  public static List<Path> removeDead(FileSystem fs, Path dir, String prefix, String what, boolean reportEmpty)
      throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!fs.exists(dir)) {
      return removed;
    }
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (!name.startsWith(prefix)) {
        continue;
      }
      Optional<JobOwner> owner = ownerIn(name.substring(prefix.length()));
      if (owner.isPresent() && owner.get().isDead()) {
        long bytes = fs.getContentSummary(st.getPath()).getLength();
        fs.delete(st.getPath(), true);
        removed.add(st.getPath());
        if (bytes > 0 || reportEmpty) {
          LOG.info("removed {} ({} bytes), {} left by a job that ended without cleaning up (process {} on {})",
              st.getPath(), bytes, what, owner.get().pid(), owner.get().host());
        }
      }
    }
    return removed;
  }

  /** The owner in a name's tail {@code <tag>-<id>}. */
  private static Optional<JobOwner> ownerIn(String tail) {
    int dash = tail.lastIndexOf('-');
    return dash < 0 ? Optional.empty() : JobOwner.parse(tail.substring(0, dash));
  }

  /** A fresh name {@code <prefix><tag of this JVM>-<id>} that {@link #removeDead} recognises. */
  public static String nameFor(String prefix) {
    return prefix + JobOwner.current().tag() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}
