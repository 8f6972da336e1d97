package org.snnspark.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.snnspark.preprocess.dataset.CommitProtocol;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.InPlaceOutput;
import org.snnspark.preprocess.dataset.ProjectOutput;

/**
 * An output directory that appears only when complete. With {@link CommitProtocol#RENAME} (local
 * disks, HDFS) everything is written under a hidden sibling ({@code .<name>.inprogress-<id>}) and
 * renamed into place by {@link #commit()}: on HDFS one atomic NameNode rename. With
 * {@link CommitProtocol#IN_PLACE} (object stores, where a directory rename copies every object)
 * everything is written under its final name while the directory holds the
 * {@link InPlaceOutput#UNFINISHED} marker, the output's own commit file ({@code predictions.json},
 * a run's files) last, and {@link #commit()} deletes the marker; readers refuse a directory that
 * still has it. Either way a job that fails (or is killed) leaves nothing that is accepted as done.
 */
public final class StagedOutput implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private final boolean keepOnFailure;
  private final String marker;
  private final String kind;
  private final boolean inPlace;
  private boolean committed;

  private StagedOutput(FileSystem fs, Path target, Path staging, boolean overwrite,
      boolean keepOnFailure, String marker, String kind) {
    this.inPlace = target.equals(staging);
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
    this.keepOnFailure = keepOnFailure;
    this.marker = marker;
    this.kind = kind;
  }

  /** A training run's output directory, which --overwrite may replace if it holds {@link #RUN_MARKER}. */
  public static StagedOutput begin(Configuration conf, String dir, boolean overwrite) {
    return begin(conf, dir, overwrite, RUN_MARKER, "training run");
  }

  /**
   * An output directory of some {@code kind} ("predictions"), which {@code overwrite} may replace
   * only if it is empty or holds the file {@code marker} that every such output holds.
   */
  public static StagedOutput begin(Configuration conf, String dir, boolean overwrite, String marker,
      String kind) {
    try {
      Path target = new Path(dir);
      FileSystem fs = HadoopFiles.forWriting(target, conf);
      target = fs.makeQualified(target);
      boolean inPlace = CommitProtocol.of(conf, fs) == CommitProtocol.IN_PLACE;
      if (inPlace) {
        InPlaceOutput.clearDead(fs, target, overwrite, false, kind);
      }
      if (fs.exists(target) && !overwrite) {
        throw new IllegalArgumentException("output " + target + " already exists"
            + " (choose another path, or pass --overwrite to replace it)");
      }
      if (overwrite) {
        ProjectOutput.requireReplaceable(fs, target, marker, kind);
      }
      if (inPlace) {
        InPlaceOutput.start(fs, target, marker);
        return new StagedOutput(fs, target, target, overwrite, false, marker, kind);
      }
      Path staging = new Path(target.getParent(),
          "." + target.getName() + ".inprogress-" + UUID.randomUUID().toString().substring(0, 8));
      fs.mkdirs(staging);
      return new StagedOutput(fs, target, staging, overwrite, false, marker, kind);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #begin}, but the staging directory has a fixed name ({@code .<name>.inprogress}; the
   * output itself when writing in place) and survives a failure, so a later run can find and
   * continue it.
   *
   * @param resume continue an existing staging directory instead of refusing to touch it
   */
  public static StagedOutput resumable(Configuration conf, String dir, boolean overwrite,
      boolean resume) {
    return resumable(conf, dir, overwrite, resume, RUN_MARKER, "training run");
  }

  /**
   * {@link #resumable(Configuration, String, boolean, boolean)} for an output of some {@code kind}
   * ("sweep") that always holds {@code marker}.
   */
  public static StagedOutput resumable(Configuration conf, String dir, boolean overwrite,
      boolean resume, String marker, String kind) {
    try {
      Path target = new Path(dir);
      FileSystem fs = HadoopFiles.forWriting(target, conf);
      target = fs.makeQualified(target);
      if (CommitProtocol.of(conf, fs) == CommitProtocol.IN_PLACE) {
        resumeOrStartInPlace(fs, target, overwrite, resume, marker, kind);
        return new StagedOutput(fs, target, target, overwrite, true, marker, kind);
      }
      Path staging = resumableStaging(target);
      if (fs.exists(target) && !overwrite) {
        throw new IllegalArgumentException("output " + target + " already exists"
            + (resume ? ": that " + kind + " has finished, there is nothing to resume" : " (choose another"
            + " path, or pass --overwrite to replace it)"));
      }
      if (overwrite) {
        ProjectOutput.requireReplaceable(fs, target, marker, kind);
      }
      if (fs.exists(staging)) {
        if (overwrite) {
          fs.delete(staging, true);
        } else if (!resume) {
          throw new IllegalArgumentException("an interrupted " + kind + " of " + target + " left "
              + staging + ": pass --resume to continue it or --overwrite to start over");
        }
      }
      fs.mkdirs(staging);
      return new StagedOutput(fs, target, staging, overwrite, true, marker, kind);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Where {@link #resumable} stages {@code target} when it renames on commit. */
  public static Path resumableStaging(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".inprogress");
  }

  /**
   * The directory an interrupted job of {@code target} left for {@link #resumable} to continue, if
   * it left one: the staging sibling, or, written in place, {@code target} itself while it holds
   * the {@link InPlaceOutput#UNFINISHED} marker.
   */
  public static Optional<Path> interrupted(Configuration conf, FileSystem fs, Path target) throws IOException {
    if (CommitProtocol.of(conf, fs) == CommitProtocol.IN_PLACE) {
      return InPlaceOutput.unfinishedBy(fs, target).isPresent() ? Optional.of(target) : Optional.empty();
    }
    Path staging = resumableStaging(target);
    return fs.exists(staging) ? Optional.of(staging) : Optional.empty();
  }

  /**
   * An output of some {@code kind} written in place: a finished one (no
   * {@link InPlaceOutput#UNFINISHED} marker) is replaced only with {@code overwrite}; an
   * interrupted one is continued with {@code resume} or started over with {@code overwrite}.
   */
  private static void resumeOrStartInPlace(FileSystem fs, Path target, boolean overwrite, boolean resume,
      String marker, String kind) throws IOException {
    boolean unfinished = InPlaceOutput.unfinishedBy(fs, target).isPresent();
    if (fs.exists(target) && !unfinished && !overwrite) {
      throw new IllegalArgumentException("output " + target + " already exists"
          + (resume ? ": that " + kind + " has finished, there is nothing to resume" : " (choose another"
          + " path, or pass --overwrite to replace it)"));
    }
    if (unfinished && !overwrite && !resume) {
      throw new IllegalArgumentException("an interrupted " + kind + " of " + target + " left its files there ("
          + InPlaceOutput.UNFINISHED + "): pass --resume to continue it or --overwrite to start over");
    }
    if (overwrite) {
      ProjectOutput.requireReplaceable(fs, target, marker, kind);
    }
    if (!(unfinished && resume && !overwrite)) {
      InPlaceOutput.start(fs, target, marker);
    }
  }

  /** The file every run directory holds; what makes an existing output one that may be replaced. */
  public static final String RUN_MARKER = "run.toml";

  /**
   * Writes a file that is either absent or complete: bytes go to a temporary name first and are
   * renamed (atomic on HDFS and local filesystems) once closed.
   */
  public void writeAtomically(String relative, IoConsumer<OutputStream> writer) {
    Path dest = resolve(relative);
    Path tmp = new Path(dest.getParent(), "_tmp." + dest.getName());
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        writer.accept(out);
      }
      if (fs.exists(dest)) {
        fs.delete(dest, false);
      }
      if (!fs.rename(tmp, dest)) {
        throw new IOException("rename " + tmp + " -> " + dest + " returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dest + ": " + e.getMessage(), e);
    }
  }

  /** An output action that may fail with an IOException. */
  @FunctionalInterface
  public interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }

  public FileSystem fs() {
    return fs;
  }

  /** Where the output is being written until {@link #commit()}. */
  public Path staging() {
    return staging;
  }

  public Path resolve(String relative) {
    return new Path(staging, relative);
  }

  /** Where the output will be after {@link #commit()}. */
  public Path target() {
    return target;
  }

  public void writeString(String relative, String content) {
    writeAtomically(relative, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of a file of this output ({@link #writeString}'s, or an interrupted run's); empty if it has none. */
  public Optional<String> readString(String relative) {
    Path file = resolve(relative);
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writing in place: deletes the unfinished marker, the output's files being complete. Otherwise,
   * moves the finished output into place, replacing an old one only if overwrite was asked (the old
   * one is renamed aside first and deleted last; see {@link HadoopFiles#commitDirectory} for the
   * window that leaves). Never moves the staging directory <em>into</em> an output that appeared
   * while the job ran.
   */
  public void commit() {
    try {
      if (inPlace) {
        InPlaceOutput.finish(fs, target);
        committed = true;
        return;
      }
      if (overwrite) {
        ProjectOutput.requireReplaceable(fs, target, marker, kind); // again: it may have changed meanwhile
      }
      HadoopFiles.commitDirectory(fs, staging, target, overwrite);
      committed = true;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("output " + target + " appeared while the job ran", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit output " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (!committed && !keepOnFailure) {
      try {
        fs.delete(staging, true);
      } catch (IOException ignored) {
        // best effort: a hidden staging directory is never mistaken for output
      }
    }
  }
}
