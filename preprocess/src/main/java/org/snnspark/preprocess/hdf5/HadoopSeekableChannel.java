package org.snnspark.preprocess.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A read-only {@link SeekableByteChannel} over a file on any Hadoop filesystem, so jhdf can open
 * an HDF5 file in place ({@code new HdfFile(channel, uri)}) without a local copy.
 *
 * <p>jhdf reads many small pieces (object headers, B-tree nodes, one global-heap collection per
 * few samples of a variable-length dataset). Each is served from an LRU cache of aligned blocks
 * filled by positioned reads ({@code FSDataInputStream.readFully(position, ...)}), so a task that
 * reads one slice of a file costs about (slice bytes / block size) round trips, not one per piece.
 * Not thread-safe; jhdf serialises its reads on one channel.
 */
public final class HadoopSeekableChannel implements SeekableByteChannel {
  /** Default block: 1 MiB, the order of an HDFS packet train; 32 blocks cached per open file. */
  public static final int DEFAULT_BLOCK = 1 << 20;
  public static final int DEFAULT_CACHED_BLOCKS = 32;

  private final FSDataInputStream in;
  private final long size;
  private final int blockSize;
  private final Map<Long, byte[]> cache;
  private long position;
  private boolean open = true;
  private long bytesFetched;
  private long fetches;

  public HadoopSeekableChannel(FileSystem fs, Path file) throws IOException {
    this(fs, fs.getFileStatus(file), DEFAULT_BLOCK, DEFAULT_CACHED_BLOCKS);
  }

  /**
   * @param status the file's status (its length is the channel's size)
   * @param blockSize bytes fetched per round trip
   * @param cachedBlocks blocks kept, least recently used dropped first
   */
  public HadoopSeekableChannel(FileSystem fs, FileStatus status, int blockSize, int cachedBlocks)
      throws IOException {
    if (blockSize < 4096 || cachedBlocks < 1) {
      throw new IllegalArgumentException("blockSize >= 4096 and cachedBlocks >= 1 expected");
    }
    this.in = fs.open(status.getPath());
    this.size = status.getLen();
    this.blockSize = blockSize;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
        return size() > cachedBlocks;
      }
    };
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    int total = 0;
    while (dst.hasRemaining() && position < size) {
      long index = position / blockSize;
      byte[] block = block(index);
      int offset = (int) (position - index * blockSize);
      int n = Math.min(dst.remaining(), block.length - offset);
      dst.put(block, offset, n);
      position += n;
      total += n;
    }
    return total;
  }

  private byte[] block(long index) throws IOException {
    byte[] b = cache.get(index);
    if (b == null) {
      long start = index * blockSize;
      b = new byte[(int) Math.min(blockSize, size - start)];
      try {
        in.readFully(start, b, 0, b.length);
      } catch (EOFException e) {
        throw new EOFException("file shorter than its recorded length " + size + " (changed while"
            + " open?): " + e.getMessage());
      }
      fetches++;
      bytesFetched += b.length;
      cache.put(index, b);
    }
    return b;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  /** Bytes read from the filesystem so far (whole blocks). */
  public long bytesFetched() {
    return bytesFetched;
  }

  /** Positioned reads issued so far. */
  public long fetches() {
    return fetches;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    if (open) {
      open = false;
      cache.clear();
      in.close();
    }
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
