package org.snnspark.preprocess.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output written under its final names ({@link CommitProtocol#IN_PLACE}, for object stores).
 * While a job writes, the directory holds the marker {@value #UNFINISHED} naming the job's
 * {@link JobOwner}; the output's commit file (a dataset's {@code manifest.json}, predictions'
 * {@code predictions.json}) is written last, and the marker is deleted after it. A reader accepts
 * only what a commit file names (a model only from a directory without the marker); what a killed
 * job leaves is a directory with the marker and without a commit file, which the next job on the
 * same output removes when its owner has ended, and {@code --overwrite} replaces otherwise.
 */
public final class InPlaceOutput {
  private static final Logger LOG = LoggerFactory.getLogger(InPlaceOutput.class);

  /** The marker of an output being written (or whose job was killed): its owner's tag inside. */
  public static final String UNFINISHED = "_snn-spark-unfinished";

  private InPlaceOutput() {}

  /** The tag of the job writing {@code dir} in place (or killed while writing it), if it is one. */
  public static Optional<String> unfinishedBy(FileSystem fs, Path dir) throws IOException {
    try (InputStream in = fs.open(new Path(dir, UNFINISHED))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Before any work: an unfinished output at {@code target} whose job has ended is removed (and
   * logged); one whose job may still run is refused unless {@code overwrite} (or {@code resume},
   * for a training run, which continues it).
   *
   * @param kind what is written there ("dataset", "training run"), for messages
   */
  public static void clearDead(FileSystem fs, Path target, boolean overwrite, boolean resume, String kind)
      throws IOException {
    Optional<String> by = unfinishedBy(fs, target);
    if (by.isEmpty() || resume) {
      return;
    }
    Optional<JobOwner> owner = JobOwner.parse(by.get());
    if (owner.isPresent() && owner.get().isDead()) {
      long bytes = fs.getContentSummary(target).getLength();
      fs.delete(target, true);
      LOG.info("removed {} ({} bytes), an unfinished {} left by a job that ended (process {} on {})",
          target, bytes, kind, owner.get().pid(), owner.get().host());
    } else if (!overwrite) {
      throw new OptionException("{output} " + target + " is an unfinished " + kind + " of a job that may"
          + " still run (" + by.get() + "): pass {overwrite} to replace it once that job has ended");
    }
  }

  /**
   * Makes {@code target} an unfinished output of this job: when it exists (an output
   * {@code overwrite} may replace, checked by the caller), it is withdrawn first — the marker
   * written, then {@code commitFile} deleted, so that no reader accepts it from then on — and
   * emptied; then the marker names this job.
   */
  public static void start(FileSystem fs, Path target, String commitFile) throws IOException {
    if (fs.exists(target)) {
      writeMarker(fs, target);
      fs.delete(new Path(target, commitFile), false);
      for (FileStatus st : fs.listStatus(target)) {
        if (!st.getPath().getName().equals(UNFINISHED)) {
          fs.delete(st.getPath(), true);
        }
      }
    }
    fs.mkdirs(target);
    writeMarker(fs, target);
  }

  /** The output is complete (its commit file written): the marker goes. */
  public static void finish(FileSystem fs, Path target) throws IOException {
    fs.delete(new Path(target, UNFINISHED), false);
  }

  private static void writeMarker(FileSystem fs, Path target) throws IOException {
    try (OutputStream out = fs.create(new Path(target, UNFINISHED), true)) {
      out.write((JobOwner.current().tag() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
