package org.snnspark.pipeline.nir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph: its {@code type} string (NIR's class name), its numeric fields by NIR's
 * field names, its metadata, and for type {@code NIRGraph} the sub-graph it holds.
 */
public final class NirNode {
  private final String type;
  private final Map<String, NirArray> fields = new LinkedHashMap<>();
  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private final NirGraph graph;

  public NirNode(String type) {
    this(type, null);
  }

  private NirNode(String type, NirGraph graph) {
    this.type = type;
    this.graph = graph;
  }

  public static NirNode subgraph(NirGraph graph) {
    return new NirNode(NirTypes.GRAPH, graph);
  }

  public NirNode with(String field, NirArray value) {
    fields.put(field, value);
    return this;
  }

  public NirNode withMetadata(String key, Object value) {
    metadata.put(key, value);
    return this;
  }

  public String type() {
    return type;
  }

  public Map<String, NirArray> fields() {
    return fields;
  }

  /** The field, which the reader has checked is present. */
  public NirArray field(String name) {
    NirArray a = fields.get(name);
    if (a == null) {
      throw new IllegalStateException(type + " node has no field " + name);
    }
    return a;
  }

  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The sub-graph of a NIRGraph node, null for any other type. */
  public NirGraph graph() {
    return graph;
  }
}
