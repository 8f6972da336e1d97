package org.snnspark.preprocess.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What this project wrote and may therefore replace when asked to overwrite: a directory holding
 * the file every output of its kind has ({@code manifest.json} for a dataset, {@code run.toml}
 * for a training run), or an empty directory, or one an interrupted job left while writing in place
 * (it holds {@link InPlaceOutput#UNFINISHED}). Anything else at an output path may be someone's
 * data that a mistyped path would destroy, so it is never replaced.
 */
public final class ProjectOutput {
  /** How many of a foreign directory's entries an error names. */
  private static final int NAMED_ENTRIES = 5;

  private ProjectOutput() {}

  /**
   * Returns normally when {@code target} is absent, an empty directory, or a directory holding
   * {@code marker} or {@link InPlaceOutput#UNFINISHED}.
   *
   * @param kind what the project writes there, for the message ("dataset", "training run")
   * @throws OptionException saying what is there instead
   */
  public static void requireReplaceable(FileSystem fs, Path target, String marker, String kind) throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(target);
    } catch (FileNotFoundException e) {
      return;
    }
    if (!status.isDirectory()) {
      throw notOurs(target, "is a file (" + status.getLen() + " bytes)", marker, kind);
    }
    if (fs.exists(new Path(target, marker)) || fs.exists(new Path(target, InPlaceOutput.UNFINISHED))) {
      return;
    }
    FileStatus[] entries = fs.listStatus(target);
    if (entries.length == 0) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (FileStatus e : entries) {
      names.add(e.getPath().getName() + (e.isDirectory() ? "/" : ""));
    }
    names.sort(null);
    String holds = String.join(", ", names.subList(0, Math.min(NAMED_ENTRIES, names.size())))
        + (names.size() > NAMED_ENTRIES ? ", ... (" + names.size() + " entries)" : "");
    throw notOurs(target, "holds " + holds + " but no " + marker, marker, kind);
  }

  private static OptionException notOurs(Path target, String what, String marker, String kind) {
    return new OptionException("{output} " + target + " " + what + ": it is not a " + kind + " written by snn-spark,"
        + " and {overwrite} replaces only those (a directory with " + marker + "); remove it yourself or choose"
        + " another {output}");
  }
}
