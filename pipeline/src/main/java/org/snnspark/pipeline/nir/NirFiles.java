package org.snnspark.pipeline.nir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * NIR files at any Hadoop path (local, {@code file://}, {@code hdfs://}, {@code s3a://}). The HDF5
 * C library writes and jhdf reads local files only, so a file elsewhere goes through a local
 * temporary copy; a written file appears at its path only once complete.
 */
public final class NirFiles {
  private NirFiles() {}

  public static void write(NirGraph graph, String target, Configuration conf) {
    java.nio.file.Path local = null;
    try {
      Path out = new Path(target);
      FileSystem fs = out.getFileSystem(conf);
      if ("file".equals(fs.getScheme())) {
        // beside the target, so that the move into place is a rename on the same filesystem
        java.nio.file.Path dest = java.nio.file.Path.of(fs.makeQualified(out).toUri());
        local = dest.resolveSibling("." + dest.getFileName() + ".inprogress");
        NirFileWriter.write(graph, local);
        Files.move(local, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      local = Files.createTempFile("snn-spark-", ".nir");
      NirFileWriter.write(graph, local);
      Path part = new Path(out.getParent(), "." + out.getName() + ".inprogress");
      fs.copyFromLocalFile(false, true, new Path(local.toUri()), part);
      fs.delete(out, false);
      if (!fs.rename(part, out)) {
        throw new IOException("cannot rename " + part + " to " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write NIR file " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(local);
    }
  }

  public static NirGraph read(String source, Configuration conf) {
    Path in = new Path(source);
    java.nio.file.Path local = null;
    try {
      FileSystem fs = in.getFileSystem(conf);
      if (!fs.isFile(in)) {
        throw new NirException("NIR file " + source + " does not exist");
      }
      if ("file".equals(fs.getScheme())) {
        return NirFileReader.read(java.nio.file.Path.of(fs.makeQualified(in).toUri()));
      }
      local = Files.createTempFile("snn-spark-", ".nir");
      fs.copyToLocalFile(false, in, new Path(local.toUri()), true);
      return NirFileReader.read(local);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NIR file " + source + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(local);
    }
  }

  private static void deleteQuietly(java.nio.file.Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temporary file left in the temp directory harms nothing
      }
    }
  }
}
