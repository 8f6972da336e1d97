package org.snnspark.preprocess.parquet;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Hadoop file created for parquet-mr, hashing every byte written to it. */
final class DigestingFile implements OutputFile {
  private static final int BUFFER_SIZE = 4096;
  private final FileSystem fs;
  private final Path path;
  private DigestingStream stream;

  DigestingFile(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  // as parquet-mr's HadoopOutputFile: blocks of at least the row-group size (HDFS charges a file
  // being written a whole block against quotas)
  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return open(false, blockSizeHint);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return open(true, blockSizeHint);
  }

  private PositionOutputStream open(boolean overwrite, long blockSizeHint) throws IOException {
    stream = new DigestingStream(fs.create(path, overwrite, BUFFER_SIZE, fs.getDefaultReplication(path),
        Math.max(fs.getDefaultBlockSize(path), blockSizeHint)));
    return stream;
  }

  /** The stream parquet-mr writes to; null before it created the file. */
  DigestingStream stream() {
    return stream;
  }

  void closeStream() throws IOException {
    if (stream != null) {
      stream.close();
    }
  }

  @Override
  public boolean supportsBlockSize() {
    return true; // as Hadoop's own OutputFile: row groups are aligned to the filesystem's blocks
  }

  @Override
  public long defaultBlockSize() {
    return fs.getDefaultBlockSize(path);
  }

  @Override
  public String getPath() {
    return path.toString();
  }
}
