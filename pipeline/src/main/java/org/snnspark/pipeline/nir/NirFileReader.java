package org.snnspark.pipeline.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a NIR file (the layout {@code nir.write} produces; see {@link NirFileWriter}) into a
 * {@link NirGraph}, checking each node as NIR's reader would: the {@code type} names a NIR class,
 * every dataset is one of that class's fields and the required ones are there. Node and field
 * types this project does not run are kept: the importer names them.
 */
public final class NirFileReader {
  private final Path file;

  private NirFileReader(Path file) {
    this.file = file;
  }

  public static NirGraph read(Path file) {
    if (!file.toFile().isFile()) {
      throw new NirException("NIR file " + file + " does not exist");
    }
    NirFileReader r = new NirFileReader(file);
    try (HdfFile hdf = new HdfFile(file)) {
      if (!(hdf.getChildren().get("version") instanceof Dataset)) {
        throw r.problem("/", "no 'version' dataset: not a file nir.write wrote");
      }
      Node root = hdf.getChildren().get("node");
      if (!(root instanceof Group g)) {
        throw r.problem("/", "no 'node' group: not a file nir.write wrote");
      }
      return r.graph(g, "node");
    } catch (NirException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NirException("cannot read NIR file " + file + ": " + e.getMessage(), e);
    }
  }

  private NirGraph graph(Group group, String path) {
    String type = string(group, "type", path);
    if (!NirTypes.GRAPH.equals(type)) {
      throw problem(path, "type is '" + type + "', expected NIRGraph");
    }
    if (!(group.getChildren().get("nodes") instanceof Group nodes)) {
      throw problem(path, "NIRGraph without a 'nodes' group");
    }
    NirGraph graph = new NirGraph();
    for (Map.Entry<String, Node> e : nodes.getChildren().entrySet()) {
      String nodePath = path + "/nodes/" + e.getKey();
      if (!(e.getValue() instanceof Group ng)) {
        throw problem(nodePath, "is a dataset, expected a node group");
      }
      graph.node(e.getKey(), node(ng, nodePath));
    }
    Node edges = group.getChildren().get("edges");
    if (!(edges instanceof Dataset ed)) {
      throw problem(path, "NIRGraph without an 'edges' dataset");
    }
    Object data = ed.getData();
    int[] dims = ed.getDimensions();
    if (dims.length == 2 && dims[0] > 0 && dims[1] != 2 || dims.length > 2) {
      throw problem(path + "/edges", "shape " + java.util.Arrays.toString(dims) + ", expected (E, 2)");
    }
    if (dims.length == 2) {
      for (int i = 0; i < dims[0]; i++) {
        Object row = Array.get(data, i);
        String src = String.valueOf(Array.get(row, 0));
        String dst = String.valueOf(Array.get(row, 1));
        for (String end : new String[] {src, dst}) {
          if (!graph.nodes().containsKey(end)) {
            throw problem(path + "/edges", "edge " + src + " -> " + dst + " names no node '" + end + "'");
          }
        }
        graph.edge(src, dst);
      }
    }
    metadata(group, graph.metadata());
    return graph;
  }

  private NirNode node(Group group, String path) {
    String type = string(group, "type", path);
    if (NirTypes.GRAPH.equals(type)) {
      return NirNode.subgraph(graph(group, path));
    }
    NirTypes.Fields allowed = NirTypes.of(type);
    if (allowed == null) {
      throw problem(path, "unknown NIR node type '" + type + "'");
    }
    NirNode node = new NirNode(type);
    for (Map.Entry<String, Node> e : group.getChildren().entrySet()) {
      String name = e.getKey();
      if (name.equals("type")) {
        continue;
      }
      if (name.equals("metadata") && e.getValue() instanceof Group) {
        metadata(group, node.metadata());
        continue;
      }
      if (!allowed.allows(name) || !(e.getValue() instanceof Dataset ds)) {
        throw problem(path, type + " has no field '" + name + "' (NIR's reader rejects it)");
      }
      node.with(name, array((Dataset) e.getValue(), path + "/" + name));
    }
    for (String f : allowed.required()) {
      if (!node.fields().containsKey(f)) {
        throw problem(path, type + " lacks its field '" + f + "'");
      }
    }
    return node;
  }

  private void metadata(Group owner, Map<String, Object> into) {
    if (!(owner.getChildren().get("metadata") instanceof Group g)) {
      return;
    }
    for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
      if (e.getValue() instanceof Dataset ds && ds.isScalar()) {
        Object v = ds.getData();
        into.put(e.getKey(), v instanceof Number n ? (Object) n.doubleValue() : String.valueOf(v));
      }
    }
  }

  private NirArray array(Dataset ds, String path) {
    Class<?> t = ds.getJavaType();
    NirArray.Dtype dtype;
    if (t == float.class || t == Float.class) {
      dtype = NirArray.Dtype.FLOAT32;
    } else if (t == double.class || t == Double.class) {
      dtype = NirArray.Dtype.FLOAT64;
    } else if (t == long.class || t == int.class || t == short.class || t == byte.class
        || t == Long.class || t == Integer.class) {
      dtype = NirArray.Dtype.INT64;
    } else {
      throw problem(path, "holds " + t.getSimpleName() + ", expected numbers");
    }
    int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions();
    long[] shape = new long[dims.length];
    int n = 1;
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i];
      n *= dims[i];
    }
    double[] values = new double[n];
    Object data = ds.getData();
    if (dims.length == 0) {
      values[0] = ((Number) data).doubleValue();
    } else {
      flatten(data, values, new int[] {0});
    }
    return new NirArray(values, shape, dtype);
  }

  private static void flatten(Object data, double[] into, int[] at) {
    int len = Array.getLength(data);
    for (int i = 0; i < len; i++) {
      Object v = Array.get(data, i);
      if (v.getClass().isArray()) {
        flatten(v, into, at);
      } else {
        into[at[0]++] = ((Number) v).doubleValue();
      }
    }
  }

  private String string(Group group, String name, String path) {
    Node n = group.getChildren().get(name);
    if (!(n instanceof Dataset ds) || !ds.isScalar()) {
      throw problem(path, "no scalar '" + name + "' string");
    }
    Object v = ds.getData();
    if (!(v instanceof String s)) {
      throw problem(path, "'" + name + "' is not a string");
    }
    return s;
  }

  private NirException problem(String path, String what) {
    return new NirException("NIR file " + file + ", " + path + ": " + what);
  }
}
