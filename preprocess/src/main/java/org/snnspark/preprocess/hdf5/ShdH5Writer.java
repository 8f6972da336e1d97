package org.snnspark.preprocess.hdf5;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.hdf5.hvl_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Writes HDF5 files in the layout of the Heidelberg spike datasets (SHD / SSC) through the HDF5 C
 * library (JavaCPP preset {@code org.bytedeco:hdf5}); jhdf, which reads them, cannot write float16
 * nor variable-length data.
 *
 * <p>Layout, as h5py writes the real files:
 * <pre>
 *   spikes/times              vlen float16 (little-endian)   spike times in seconds, per sample
 *   spikes/units              vlen uint16                    channel of each spike, per sample
 *   labels                    uint16                         class index per sample
 *   extra/speaker             uint16                         speaker id per sample
 *   extra/keys                fixed-length ASCII strings     class names, indexed by label
 *   extra/meta_info/gender    fixed-length ASCII strings     indexed by speaker id
 *   extra/meta_info/age       uint16                         indexed by speaker id
 *   extra/meta_info/body_height float64                      indexed by speaker id
 * </pre>
 *
 * <p>The writer stores what it is given without checking it (times/units of different lengths,
 * units past the channel count, NaN times...): tests use that to make the bad files the reader must
 * reject. Datasets are created on first write, so a file can also lack any of them.
 *
 * <p>Files are byte-for-byte reproducible: object modification times are not recorded
 * ({@code H5Pset_obj_track_times(false)}) and times are passed as ready-made float16 bits, so the
 * library converts nothing. The HDF5 library is not assumed thread-safe: every call holds one global
 * lock.
 */
public final class ShdH5Writer implements AutoCloseable {
  private static final Object LOCK = new Object();

  private final Path file;
  private final long nSamples;
  private long fileId = -1;
  private long dcpl = -1;
  private long gcpl = -1;
  private long f16 = -1;
  private long timesDs = -1;
  private long unitsDs = -1;
  private long timesFileType = -1;
  private long unitsFileType = -1;
  private long unitsMemType = -1;
  private final List<Long> groups = new ArrayList<>();

  /**
   * Creates (truncates) {@code file}, to hold {@code nSamples} samples.
   *
   * @throws IOException if the HDF5 library refuses to create the file
   */
  public ShdH5Writer(Path file, long nSamples) throws IOException {
    this.file = file;
    this.nSamples = nSamples;
    synchronized (LOCK) {
      // H5open() initialises the library's global type ids; the H5T_*_g() accessors then return
      // real 64-bit ids (the plain H5T_*() macros give truncated ones).
      check(H5open(), "H5open");
      // HDF5 prints its error stack to stderr by default; our IOExceptions name the failing call.
      H5Eset_auto2(H5E_DEFAULT, null, null);
      try {
        dcpl = check(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), "H5Pcreate(dataset)");
        check(H5Pset_obj_track_times(dcpl, false), "H5Pset_obj_track_times");
        gcpl = check(H5Pcreate(H5P_CLS_GROUP_CREATE_ID_g()), "H5Pcreate(group)");
        check(H5Pset_obj_track_times(gcpl, false), "H5Pset_obj_track_times");
        fileId = check(H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "H5Fcreate");
        f16 = float16Type();
      } catch (IOException | RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }
  }

  /** The float16 type exactly as h5py builds it (numpy float16, little-endian). */
  private long float16Type() throws IOException {
    long t = check(H5Tcopy(H5T_IEEE_F32LE_g()), "H5Tcopy(F32LE)");
    check(H5Tset_fields(t, 15, 10, 5, 0, 10), "H5Tset_fields");
    check(H5Tset_size(t, 2), "H5Tset_size");
    check(H5Tset_ebias(t, 15), "H5Tset_ebias");
    return t;
  }

  /**
   * Writes samples {@code offset .. offset + times.length - 1} of {@code spikes/times} (float16
   * bits, see {@link Float16}) and {@code spikes/units}. Blocks may come in any order.
   */
  public void writeSpikes(long offset, short[][] halfTimes, int[][] units) throws IOException {
    if (halfTimes.length != units.length) {
      throw new IllegalArgumentException("times and units blocks differ in sample count");
    }
    if (offset < 0 || offset + halfTimes.length > nSamples) {
      throw new IllegalArgumentException("block " + offset + "+" + halfTimes.length + " outside " + nSamples);
    }
    int n = halfTimes.length;
    if (n == 0) {
      return;
    }
    synchronized (LOCK) {
      if (timesDs < 0) {
        ensureGroup("spikes");
        timesFileType = check(H5Tvlen_create(f16), "H5Tvlen_create(float16)");
        unitsFileType = check(H5Tvlen_create(H5T_STD_U16LE_g()), "H5Tvlen_create(uint16)");
        unitsMemType = check(H5Tvlen_create(H5T_NATIVE_USHORT_g()), "H5Tvlen_create(ushort)");
        timesDs = createDataset("spikes/times", timesFileType, nSamples);
        unitsDs = createDataset("spikes/units", unitsFileType, nSamples);
      }
      List<Pointer> keep = new ArrayList<>();
      try (hvl_t tv = new hvl_t(n); hvl_t uv = new hvl_t(n)) {
        for (int i = 0; i < n; i++) {
          short[] t = halfTimes[i];
          short[] u = new short[units[i].length];
          for (int k = 0; k < u.length; k++) {
            u[k] = (short) units[i][k]; // uint16 bits
          }
          setVlen(tv, i, t, keep);
          setVlen(uv, i, u, keep);
        }
        tv.position(0);
        uv.position(0);
        writeBlock(timesDs, timesFileType, tv, offset, n, "spikes/times");
        writeBlock(unitsDs, unitsMemType, uv, offset, n, "spikes/units");
      } finally {
        for (Pointer p : keep) {
          p.close();
        }
      }
    }
  }

  private static void setVlen(hvl_t v, int i, short[] data, List<Pointer> keep) {
    v.position(i).len(data.length);
    if (data.length == 0) {
      v.p(null);
    } else {
      ShortPointer p = new ShortPointer(data);
      keep.add(p);
      v.p(p);
    }
  }

  private void writeBlock(long ds, long memType, Pointer buf, long offset, int n, String name)
      throws IOException {
    long fileSpace = check(H5Dget_space(ds), "H5Dget_space(" + name + ")");
    long memSpace = -1;
    try {
      check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, new long[] {offset}, null, new long[] {n}, null),
          "H5Sselect_hyperslab(" + name + ")");
      memSpace = check(H5Screate_simple(1, new long[] {n}, null), "H5Screate_simple");
      check(H5Dwrite(ds, memType, memSpace, fileSpace, H5P_DEFAULT, buf), "H5Dwrite(" + name + ")");
    } finally {
      if (memSpace >= 0) {
        H5Sclose(memSpace);
      }
      H5Sclose(fileSpace);
    }
  }

  /** {@code labels}: uint16 class index per sample (length should be the sample count). */
  public void writeLabels(int[] labels) throws IOException {
    writeUint16("labels", labels);
  }

  /** {@code extra/speaker}: uint16 speaker id per sample. */
  public void writeSpeakers(int[] speakers) throws IOException {
    writeUint16("extra/speaker", speakers);
  }

  /** {@code extra/keys}: the class names, fixed-length null-padded ASCII like numpy {@code S} arrays. */
  public void writeKeys(List<String> classNames) throws IOException {
    writeStrings("extra/keys", classNames);
  }

  /** {@code extra/meta_info/{gender,age,body_height}}, each indexed by speaker id. */
  public void writeMetaInfo(List<String> gender, int[] age, double[] bodyHeight) throws IOException {
    writeStrings("extra/meta_info/gender", gender);
    writeUint16("extra/meta_info/age", age);
    synchronized (LOCK) {
      long ds = createDataset("extra/meta_info/body_height", H5T_IEEE_F64LE_g(), bodyHeight.length);
      try (DoublePointer p = new DoublePointer(bodyHeight)) {
        check(H5Dwrite(ds, H5T_NATIVE_DOUBLE_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "H5Dwrite(body_height)");
      } finally {
        H5Dclose(ds);
      }
    }
  }

  /** Writes a uint16 dataset (HDF5 converts from int: values outside 0..65535 are clipped). */
  public void writeUint16(String path, int[] values) throws IOException {
    writeInts(path, H5T_STD_U16LE_g(), values);
  }

  /** Writes an int32 dataset (tests use it for label/speaker vectors of another integer type). */
  public void writeInt32(String path, int[] values) throws IOException {
    writeInts(path, H5T_STD_I32LE_g(), values);
  }

  private void writeInts(String path, long fileType, int[] values) throws IOException {
    synchronized (LOCK) {
      long ds = createDataset(path, fileType, values.length);
      try (IntPointer p = new IntPointer(values)) {
        check(H5Dwrite(ds, H5T_NATIVE_INT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "H5Dwrite(" + path + ")");
      } finally {
        H5Dclose(ds);
      }
    }
  }

  private void writeStrings(String path, List<String> values) throws IOException {
    int width = 1;
    List<byte[]> bytes = new ArrayList<>();
    for (String v : values) {
      byte[] b = v.getBytes(StandardCharsets.US_ASCII);
      bytes.add(b);
      width = Math.max(width, b.length);
    }
    byte[] buf = new byte[width * values.size()];
    for (int i = 0; i < bytes.size(); i++) {
      System.arraycopy(bytes.get(i), 0, buf, i * width, bytes.get(i).length);
    }
    synchronized (LOCK) {
      long type = check(H5Tcopy(H5T_C_S1_g()), "H5Tcopy(C_S1)");
      try {
        check(H5Tset_size(type, width), "H5Tset_size");
        check(H5Tset_strpad(type, H5T_STR_NULLPAD), "H5Tset_strpad");
        check(H5Tset_cset(type, H5T_CSET_ASCII), "H5Tset_cset");
        long ds = createDataset(path, type, values.size());
        try (BytePointer p = new BytePointer(buf)) {
          check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "H5Dwrite(" + path + ")");
        } finally {
          H5Dclose(ds);
        }
      } finally {
        H5Tclose(type);
      }
    }
  }

  private long createDataset(String path, long fileType, long n) throws IOException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensureGroup(path.substring(0, slash));
    }
    long space = check(H5Screate_simple(1, new long[] {n}, null), "H5Screate_simple");
    try {
      return check(H5Dcreate2(fileId, path, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
          "H5Dcreate2(" + path + ")");
    } finally {
      H5Sclose(space);
    }
  }

  private final List<String> groupNames = new ArrayList<>();

  private void ensureGroup(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensureGroup(path.substring(0, slash));
    }
    if (groupNames.contains(path)) {
      return;
    }
    groups.add(check(H5Gcreate2(fileId, path, H5P_DEFAULT, gcpl, H5P_DEFAULT), "H5Gcreate2(" + path + ")"));
    groupNames.add(path);
  }

  private long check(long rc, String call) throws IOException {
    if (rc < 0) {
      throw new IOException("HDF5 " + call + " failed (" + rc + ") writing " + file);
    }
    return rc;
  }

  @Override
  public void close() throws IOException {
    synchronized (LOCK) {
      int rc = closeQuietly();
      if (rc < 0) {
        throw new IOException("HDF5 H5Fclose failed writing " + file);
      }
    }
  }

  private int closeQuietly() {
    for (long g : groups) {
      H5Gclose(g);
    }
    groups.clear();
    for (long d : new long[] {timesDs, unitsDs}) {
      if (d >= 0) {
        H5Dclose(d);
      }
    }
    timesDs = unitsDs = -1;
    for (long t : new long[] {timesFileType, unitsFileType, unitsMemType, f16}) {
      if (t >= 0) {
        H5Tclose(t);
      }
    }
    timesFileType = unitsFileType = unitsMemType = f16 = -1;
    for (long p : new long[] {dcpl, gcpl}) {
      if (p >= 0) {
        H5Pclose(p);
      }
    }
    dcpl = gcpl = -1;
    int rc = 0;
    if (fileId >= 0) {
      rc = H5Fclose(fileId);
      fileId = -1;
    }
    return rc;
  }
}
