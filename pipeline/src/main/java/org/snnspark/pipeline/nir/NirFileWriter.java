package org.snnspark.pipeline.nir;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes a {@link NirGraph} as NIR's own writer ({@code nir.write}, neuromorphs/NIR
 * {@code nir/serialization.py}) lays it out through h5py, with the HDF5 C library (JavaCPP), since
 * jhdf cannot write variable-length strings:
 * <pre>
 *   version                        scalar vlen UTF-8 string
 *   node/type                      "NIRGraph"
 *   node/nodes/NAME/type           the node's class name; then exactly its fields:
 *   node/nodes/NAME/FIELD          numeric arrays (float32 / float64 / int64)
 *   node/nodes/NAME/metadata/KEY   scalar float64 or vlen string, group left out when empty
 *   node/edges                     (E, 2) vlen UTF-8 strings: source, target
 *   node/metadata/KEY              as for nodes
 * </pre>
 * A NIRGraph node nests the same {@code type}/{@code nodes}/{@code edges}/{@code metadata}.
 * Datasets are stored uncompressed (h5py's gzip is an option of nir.write, not part of the layout).
 * The HDF5 library is not assumed thread-safe: every call holds one global lock.
 */
public final class NirFileWriter {
  /** The NIR release whose layout this mirrors (written in the root {@code version}). */
  public static final String NIR_VERSION = "1.0.7";

  private static final Object LOCK = new Object();

  private final Path file;
  private long fileId = -1;
  private long strType = -1;
  private final List<Long> open = new ArrayList<>();

  private NirFileWriter(Path file) {
    this.file = file;
  }

  /** Writes {@code graph} to {@code file}, replacing it. */
  public static void write(NirGraph graph, Path file) throws IOException {
    NirFileWriter w = new NirFileWriter(file);
    synchronized (LOCK) {
      try {
        w.open();
        w.writeString(w.fileId, "version", NIR_VERSION);
        long node = w.group(w.fileId, "node");
        w.writeGraph(node, graph);
      } finally {
        w.close();
      }
    }
  }

  private void open() throws IOException {
    // H5open() initialises the library's global type ids; the H5T_*_g() accessors then return
    // real 64-bit ids (the plain H5T_*() macros give truncated ones).
    check(H5open(), "H5open");
    H5Eset_auto2(H5E_DEFAULT, null, null);
    fileId = check(H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "H5Fcreate");
    strType = check(H5Tcopy(H5T_C_S1_g()), "H5Tcopy(C_S1)");
    check(H5Tset_size(strType, H5T_VARIABLE), "H5Tset_size(variable)");
    check(H5Tset_cset(strType, H5T_CSET_UTF8), "H5Tset_cset(UTF-8)");
  }

  private void writeGraph(long group, NirGraph graph) throws IOException {
    writeString(group, "type", NirTypes.GRAPH);
    long nodes = group(group, "nodes");
    for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
      long g = group(nodes, e.getKey());
      NirNode n = e.getValue();
      if (n.graph() != null) {
        writeGraph(g, n.graph());
        continue;
      }
      writeString(g, "type", n.type());
      for (Map.Entry<String, NirArray> f : n.fields().entrySet()) {
        writeArray(g, f.getKey(), f.getValue());
      }
      writeMetadata(g, n.metadata());
    }
    List<String> flat = new ArrayList<>();
    for (NirGraph.Edge e : graph.edges()) {
      flat.add(e.source());
      flat.add(e.target());
    }
    writeStrings(group, "edges", flat, new long[] {graph.edges().size(), 2});
    writeMetadata(group, graph.metadata());
  }

  private void writeMetadata(long parent, Map<String, Object> metadata) throws IOException {
    if (metadata.isEmpty()) {
      return;
    }
    long g = group(parent, "metadata");
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Number num) {
        writeScalar(g, e.getKey(), num.doubleValue());
      } else {
        writeString(g, e.getKey(), String.valueOf(v));
      }
    }
  }

  private void writeArray(long parent, String name, NirArray a) throws IOException {
    long space = check(H5Screate_simple(a.shape().length, a.shape(), null), "H5Screate_simple");
    try {
      Pointer buf;
      long fileType;
      long memType;
      switch (a.dtype()) {
        case FLOAT32 -> {
          float[] f = new float[a.size()];
          for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i);
          }
          buf = new FloatPointer(f);
          fileType = H5T_IEEE_F32LE_g();
          memType = H5T_NATIVE_FLOAT_g();
        }
        case FLOAT64 -> {
          buf = new DoublePointer(a.values());
          fileType = H5T_IEEE_F64LE_g();
          memType = H5T_NATIVE_DOUBLE_g();
        }
        default -> {
          long[] l = new long[a.size()];
          for (int i = 0; i < l.length; i++) {
            l[i] = (long) a.get(i);
          }
          buf = new LongPointer(l);
          fileType = H5T_STD_I64LE_g();
          memType = H5T_NATIVE_LLONG_g();
        }
      }
      try (Pointer p = buf) {
        write(parent, name, fileType, memType, space, p);
      }
    } finally {
      H5Sclose(space);
    }
  }

  private void writeScalar(long parent, String name, double value) throws IOException {
    long space = check(H5Screate(H5S_SCALAR), "H5Screate(scalar)");
    try (DoublePointer p = new DoublePointer(new double[] {value})) {
      write(parent, name, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), space, p);
    } finally {
      H5Sclose(space);
    }
  }

  private void writeString(long parent, String name, String value) throws IOException {
    writeStrings(parent, name, List.of(value), null);
  }

  /** Vlen UTF-8 strings, as h5py stores Python str; {@code shape} null for a scalar. */
  private void writeStrings(long parent, String name, List<String> values, long[] shape) throws IOException {
    long space = shape == null
        ? check(H5Screate(H5S_SCALAR), "H5Screate(scalar)")
        : check(H5Screate_simple(shape.length, shape, null), "H5Screate_simple");
    List<BytePointer> keep = new ArrayList<>();
    try (PointerPointer<BytePointer> ptrs = new PointerPointer<>(Math.max(1, values.size()))) {
      for (int i = 0; i < values.size(); i++) {
        BytePointer b = new BytePointer(values.get(i), StandardCharsets.UTF_8);
        keep.add(b);
        ptrs.put(i, b);
      }
      write(parent, name, strType, strType, space, ptrs);
    } finally {
      keep.forEach(Pointer::close);
      H5Sclose(space);
    }
  }

  private void write(long parent, String name, long fileType, long memType, long space, Pointer buf)
      throws IOException {
    long ds = check(H5Dcreate2(parent, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        "H5Dcreate2(" + name + ")");
    try {
      check(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), "H5Dwrite(" + name + ")");
    } finally {
      H5Dclose(ds);
    }
  }

  private long group(long parent, String name) throws IOException {
    long g = check(H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "H5Gcreate2(" + name + ")");
    open.add(g);
    return g;
  }

  private long check(long rc, String call) throws IOException {
    if (rc < 0) {
      throw new IOException("HDF5 " + call + " failed (" + rc + ") writing " + file);
    }
    return rc;
  }

  private void close() throws IOException {
    for (int i = open.size() - 1; i >= 0; i--) {
      H5Gclose(open.get(i));
    }
    open.clear();
    if (strType >= 0) {
      H5Tclose(strType);
    }
    if (fileId >= 0 && H5Fclose(fileId) < 0) {
      throw new IOException("HDF5 H5Fclose failed writing " + file);
    }
  }
}
