package org.snnspark.pipeline.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.preprocess.dataset.HadoopFiles;

/**
 * Where {@code train --resume} would continue a run of an output directory: the state (epoch,
 * history of epochs) of the newest checkpoint its interrupted run left, if it left one.
 */
public final class ResumePoint {
  private ResumePoint() {}

  /** The newest checkpoint's state of the interrupted run of {@code output}; empty if it has none. */
  public static Optional<RunState> of(Configuration conf, String output) {
    try {
      Path target = new Path(output);
      FileSystem fs = HadoopFiles.forWriting(target, conf);
      return StagedOutput.interrupted(conf, fs, fs.makeQualified(target)).flatMap(dir -> Checkpoints.latestIn(fs, dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for checkpoints of " + output + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code output} has an interrupted run to continue (see {@link StagedOutput#interrupted}). */
  public static boolean exists(Configuration conf, String output) {
    try {
      Path target = new Path(output);
      FileSystem fs = HadoopFiles.forWriting(target, conf);
      return StagedOutput.interrupted(conf, fs, fs.makeQualified(target)).isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for an interrupted run of " + output + ": " + e.getMessage(), e);
    }
  }
}
