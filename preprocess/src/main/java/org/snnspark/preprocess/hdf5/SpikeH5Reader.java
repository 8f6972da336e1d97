package org.snnspark.preprocess.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Heidelberg-layout spike files (SHD / SSC, see {@link ShdH5Writer}) with jhdf, a slice of
 * samples at a time.
 *
 * <p>A slice reads only its samples' heap ids and the global-heap collections they point into, so a
 * Spark task that reads samples [a, b) touches roughly (b - a) / n of the file. The spikes of the usual types (vlen float16 times and 16-bit units, contiguous
 * or chunked) are decoded from those heap objects by {@link VlenSlices}, to the values jhdf's
 * {@code getData(offset, count)} gives, which reads any other type ({@link #slice}). Small per-sample arrays
 * ({@code labels}, {@code extra/speaker}) and the class names are read whole.
 *
 * <p>Every jhdf failure (not HDF5, truncated, a dataset missing or of the wrong shape) becomes a
 * {@link SpikeDataException} naming the file and, for slices, the sample range.
 */
public final class SpikeH5Reader implements AutoCloseable {
  public static final String TIMES = "spikes/times";
  public static final String UNITS = "spikes/units";
  public static final String LABELS = "labels";
  public static final String SPEAKER = "extra/speaker";
  public static final String KEYS = "extra/keys";

  private final String name;
  private final HdfFile hdf;
  private final long numSamples;
  /** The spikes datasets' fast readers, looked up at the first {@link #read}; empty where jhdf reads. */
  private Optional<VlenSlices> fastTimes;
  private Optional<VlenSlices> fastUnits;
  /** Datasets read whole because jHDF cannot slice them ({@link #slice}). */
  private final Map<String, Object> wholeDatasets = new HashMap<>();

  /** A block of consecutive samples: spike times (seconds, exact float16 values) and units. */
  public record Block(long offset, float[][] times, int[][] units) {
    public int size() {
      return times.length;
    }
  }

  /**
   * Opens a local copy of a spike file.
   *
   * @param local the file on the local filesystem (jhdf needs random access)
   * @param name how errors name the file (its original path or URI)
   */
  public SpikeH5Reader(Path local, String name) {
    this(name, () -> new HdfFile(local), () -> java.nio.file.Files.size(local), null);
  }

  /**
   * Opens a spike file through a seekable channel (e.g. {@link HadoopSeekableChannel} over a file
   * on HDFS or s3a); the reader owns the channel and closes it (also when opening fails).
   *
   * @param name how errors name the file (its path or URI)
   */
  public SpikeH5Reader(SeekableByteChannel channel, String name) {
    this(name, () -> new HdfFile(channel, uriOf(name)), channel::size, channel);
  }

  /** What a constructor reads the file's length with. */
  private interface SizeSource {
    long size() throws IOException;
  }

  private SpikeH5Reader(String name, java.util.function.Supplier<HdfFile> opener, SizeSource size,
      Closeable channel) {
    this.name = name;
    try {
      this.hdf = opener.get();
    } catch (RuntimeException e) {
      closeQuietly(channel, e);
      throw new SpikeDataException(name, "not a readable HDF5 file (truncated or not HDF5?)", e);
    }
    try {
      // the superblock records where the file ends; a shorter file lost its tail (the HDF5 C library
      // refuses such files too) — checked up front because jhdf may only notice on some slices
      io.jhdf.Superblock sb = hdf.getHdfBackingStorage().getSuperblock();
      long eof = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
      long length = size.size();
      if (length < eof) {
        throw new SpikeDataException(name, "truncated HDF5 file: " + length + " bytes, its superblock says " + eof, null);
      }
      long nTimes = vectorLength(TIMES);
      long nUnits = vectorLength(UNITS);
      if (nTimes != nUnits) {
        throw new SpikeDataException(name, TIMES + " has " + nTimes + " samples but " + UNITS + " has " + nUnits, null);
      }
      long nLabels = vectorLength(LABELS);
      if (nLabels != nTimes) {
        throw new SpikeDataException(name, LABELS + " has " + nLabels + " entries but there are " + nTimes + " samples", null);
      }
      this.numSamples = nTimes;
    } catch (IOException e) {
      hdf.close();
      throw new SpikeDataException(name, "cannot read the file size", e);
    } catch (RuntimeException e) {
      hdf.close();
      throw e;
    }
  }

  private static java.net.URI uriOf(String name) {
    try {
      return new org.apache.hadoop.fs.Path(name).toUri();
    } catch (IllegalArgumentException e) {
      return java.net.URI.create("file:///unnamed.h5");
    }
  }

  private static void closeQuietly(Closeable c, Exception primary) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException | RuntimeException suppressed) {
        primary.addSuppressed(suppressed);
      }
    }
  }

  public String name() {
    return name;
  }

  public long numSamples() {
    return numSamples;
  }

  /** Whether the file has a dataset (or group) at {@code path}. */
  public boolean has(String path) {
    try {
      hdf.getByPath(path);
      return true;
    } catch (HdfInvalidPathException e) {
      return false;
    } catch (RuntimeException e) {
      throw new SpikeDataException(name, "cannot look up '" + path + "' (corrupt file?)", e);
    }
  }

  /** {@code labels}, whole (one small integer per sample). */
  public int[] labels() {
    return intVector(LABELS);
  }

  /** {@code extra/speaker}, or null if the file has none. */
  public int[] speakers() {
    if (!has(SPEAKER)) {
      return null;
    }
    int[] s = intVector(SPEAKER);
    if (s.length != numSamples) {
      throw new SpikeDataException(name, SPEAKER + " has " + s.length + " entries but there are " + numSamples + " samples", null);
    }
    return s;
  }

  /** {@code extra/keys} (class names indexed by label), or an empty list if the file has none. */
  public List<String> classNames() {
    if (!has(KEYS)) {
      return List.of();
    }
    Object data = read(KEYS);
    if (!(data instanceof String[])) {
      throw new SpikeDataException(name, KEYS + " is not a string dataset (" + typeName(data) + ")", null);
    }
    List<String> out = new ArrayList<>();
    for (String s : (String[]) data) {
      out.add(s.trim());
    }
    return out;
  }

  /**
   * Reads samples {@code offset .. offset + count - 1} of {@code spikes/times} and
   * {@code spikes/units}. Content is not validated here (see the binner); shapes are.
   */
  public Block read(long offset, int count) {
    requireSamples(offset, count);
    if (count == 0) {
      return new Block(offset, new float[0][], new int[0][]);
    }
    HalfBlock halves = readHalves(offset, count);
    if (halves != null) {
      float[][] times = new float[count][];
      int[][] units = new int[count][];
      for (int i = 0; i < count; i++) {
        times[i] = halves.times(i);
        units[i] = halves.units(i);
      }
      return new Block(offset, times, units);
    }
    return readThroughJhdf(offset, count);
  }

  /**
   * Samples {@code offset .. offset + count - 1} as stored, undecoded ({@link HalfBlock}), or null
   * when this file's spikes are not vlen float16 times and 16-bit units (then {@link #read} them). Shapes are checked as by {@link #read}; content is not.
   */
  public HalfBlock readHalves(long offset, int count) {
    requireSamples(offset, count);
    if (!readsSlicesItself()) {
      return null;
    }
    if (count == 0) {
      return new HalfBlock(offset, new ByteBuffer[0], new ByteBuffer[0], false);
    }
    return new HalfBlock(offset, heapObjects(fastTimes.get(), TIMES, offset, count),
        heapObjects(fastUnits.get(), UNITS, offset, count), fastUnits.get().signed());
  }

  private ByteBuffer[] heapObjects(VlenSlices slices, String path, long offset, int count) {
    try {
      return slices.objects(offset, count);
    } catch (RuntimeException e) {
      throw unreadable(path, offset, count, e);
    }
  }

  /** A failure to read samples {@code offset .. offset + count - 1} of {@code path}, as the file's problem. */
  private SpikeDataException unreadable(String path, long offset, int count, RuntimeException e) {
    String range = "samples " + offset + ".." + (offset + count - 1);
    return new SpikeDataException(name, "cannot read " + path + " " + range + " (truncated or corrupt file?)", e);
  }

  private void requireSamples(long offset, int count) {
    if (offset < 0 || count < 0 || offset + count > numSamples) {
      throw new IllegalArgumentException(name + ": samples " + offset + "+" + count + " outside 0.." + numSamples);
    }
  }

  /** Whether {@link #read} decodes the spikes itself ({@link VlenSlices}) rather than through jhdf. */
  boolean readsSlicesItself() {
    if (fastTimes == null) {
      fastTimes = fastSlices(TIMES, true);
      fastUnits = fastSlices(UNITS, false);
    }
    return fastTimes.isPresent() && fastUnits.isPresent();
  }

  /** {@link #read} as jhdf's {@code getData(offset, shape)} reads it (any layout and element type). */
  Block readThroughJhdf(long offset, int count) {
    Object t = slice(TIMES, offset, count);
    Object u = slice(UNITS, offset, count);
    float[][] times = new float[count][];
    int[][] units = new int[count][];
    for (int i = 0; i < count; i++) {
      Object ti = Array.get(t, i);
      Object ui = Array.get(u, i);
      try {
        times[i] = toFloats(ti);
        units[i] = toInts(ui);
      } catch (IllegalArgumentException e) {
        throw new SpikeDataException(name, offset + i, "unexpected spike data type: " + e.getMessage());
      }
    }
    return new Block(offset, times, units);
  }

  /** The fast reader of a spikes dataset ({@link VlenSlices}), if it has the usual layout. */
  private Optional<VlenSlices> fastSlices(String path, boolean floats) {
    Dataset ds = dataset(path);
    try {
      return Optional.ofNullable(VlenSlices.of(ds, hdf.getHdfBackingStorage(), floats));
    } catch (RuntimeException e) {
      throw new SpikeDataException(name, "cannot read the type of '" + path + "' (corrupt file?)", e);
    }
  }

  private Object slice(String path, long offset, int count) {
    Dataset ds = dataset(path);
    try {
      if (ds instanceof ContiguousDataset) {
        return ds.getData(new long[] {offset}, new int[] {count});
      }
      // jHDF 0.9.4 slices chunked variable-length datasets wrongly (see VlenSlices.heapIds): the
      // whole dataset, read once and kept, is sliced here instead
      Object whole = wholeDatasets.computeIfAbsent(path, p -> ds.getData());
      Object out = Array.newInstance(whole.getClass().getComponentType(), count);
      System.arraycopy(whole, Math.toIntExact(offset), out, 0, count);
      return out;
    } catch (RuntimeException e) {
      throw unreadable(path, offset, count, e);
    }
  }

  private Dataset dataset(String path) {
    Node node;
    try {
      node = hdf.getByPath(path);
    } catch (HdfInvalidPathException e) {
      throw new SpikeDataException(name, "missing dataset '" + path + "'", null);
    } catch (RuntimeException e) {
      throw new SpikeDataException(name, "cannot open dataset '" + path + "' (truncated or corrupt file?)", e);
    }
    if (!(node instanceof Dataset)) {
      throw new SpikeDataException(name, "'" + path + "' is a group, expected a dataset", null);
    }
    return (Dataset) node;
  }

  private long vectorLength(String path) {
    Dataset ds = dataset(path);
    int[] dims;
    try {
      dims = ds.getDimensions();
    } catch (RuntimeException e) {
      throw new SpikeDataException(name, "cannot read the shape of '" + path + "' (corrupt file?)", e);
    }
    if (dims.length != 1) {
      throw new SpikeDataException(name, "'" + path + "' has shape " + Arrays.toString(dims) + ", expected one dimension", null);
    }
    return dims[0];
  }

  private Object read(String path) {
    Dataset ds = dataset(path);
    try {
      return ds.getData();
    } catch (RuntimeException e) {
      throw new SpikeDataException(name, "cannot read '" + path + "' (truncated or corrupt file?)", e);
    }
  }

  private int[] intVector(String path) {
    Object data = read(path);
    try {
      return toInts(data);
    } catch (IllegalArgumentException e) {
      throw new SpikeDataException(name, "'" + path + "' is not an integer vector (" + e.getMessage() + ")", null);
    }
  }

  /** Widens any primitive integer array jhdf returns (it maps uint16 to int[], uint32 to long[]...). */
  static int[] toInts(Object a) {
    if (a instanceof int[] i) {
      return i;
    }
    if (a instanceof short[] s) {
      int[] out = new int[s.length];
      for (int k = 0; k < s.length; k++) {
        out[k] = s[k];
      }
      return out;
    }
    if (a instanceof byte[] b) {
      int[] out = new int[b.length];
      for (int k = 0; k < b.length; k++) {
        out[k] = b[k];
      }
      return out;
    }
    if (a instanceof long[] l) {
      int[] out = new int[l.length];
      for (int k = 0; k < l.length; k++) {
        if (l[k] > Integer.MAX_VALUE || l[k] < Integer.MIN_VALUE) {
          throw new IllegalArgumentException("value " + l[k] + " does not fit an int");
        }
        out[k] = (int) l[k];
      }
      return out;
    }
    throw new IllegalArgumentException(typeName(a));
  }

  static float[] toFloats(Object a) {
    if (a instanceof float[] f) {
      return f;
    }
    if (a instanceof double[] d) {
      float[] out = new float[d.length];
      for (int k = 0; k < d.length; k++) {
        out[k] = (float) d[k];
      }
      return out;
    }
    throw new IllegalArgumentException(typeName(a));
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }

  @Override
  public void close() {
    hdf.close();
  }
}
