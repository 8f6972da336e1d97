package org.snnspark.pipeline.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory that appears only when complete: everything is written under a hidden
 * sibling ({@code .<name>.inprogress-<id>}) and renamed into place by {@link #commit()}. A job that
 * fails (or is killed) leaves at most a hidden staging directory, never something that looks done.
 */
public final class StagedOutput implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;

  private StagedOutput(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  public static StagedOutput begin(Configuration conf, String dir, boolean overwrite) {
    try {
      Path target = new Path(dir);
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      if (fs.exists(target) && !overwrite) {
        throw new IllegalArgumentException("output " + target + " already exists"
            + " (choose another path, or pass --overwrite to replace it)");
      }
      Path staging = new Path(target.getParent(),
          "." + target.getName() + ".inprogress-" + UUID.randomUUID().toString().substring(0, 8));
      fs.mkdirs(staging);
      return new StagedOutput(fs, target, staging, overwrite);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir + ": " + e.getMessage(), e);
    }
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
    try (OutputStream out = fs.create(resolve(relative), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + resolve(relative) + ": " + e.getMessage(), e);
    }
  }

  /** Moves the finished output into place, replacing an old one only if overwrite was asked. */
  public void commit() {
    try {
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new IllegalStateException("output " + target + " appeared while the job ran");
        }
        fs.delete(target, true);
      }
      if (!fs.rename(staging, target)) {
        throw new IOException("rename " + staging + " -> " + target + " returned false");
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit output " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException ignored) {
        // best effort: a hidden staging directory is never mistaken for output
      }
    }
  }
}
