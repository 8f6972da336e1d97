package org.snnspark.pipeline.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A NIR graph: named nodes, (source, target) edges between their names, and metadata. */
public final class NirGraph {
  private final Map<String, NirNode> nodes = new LinkedHashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Map<String, Object> metadata = new LinkedHashMap<>();

  /** An edge from node {@code source} to node {@code target}. */
  public record Edge(String source, String target) {}

  public NirGraph node(String name, NirNode node) {
    if (nodes.putIfAbsent(name, node) != null) {
      throw new IllegalArgumentException("two nodes named " + name);
    }
    return this;
  }

  public NirGraph edge(String source, String target) {
    edges.add(new Edge(source, target));
    return this;
  }

  public NirGraph withMetadata(String key, Object value) {
    metadata.put(key, value);
    return this;
  }

  public Map<String, NirNode> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The targets of edges leaving {@code name}. */
  public List<String> successors(String name) {
    return ends(name, Edge::source, Edge::target);
  }

  /** The sources of edges entering {@code name}. */
  public List<String> predecessors(String name) {
    return ends(name, Edge::target, Edge::source);
  }

  private List<String> ends(String name, Function<Edge, String> at, Function<Edge, String> other) {
    List<String> out = new ArrayList<>();
    for (Edge e : edges) {
      if (at.apply(e).equals(name)) {
        out.add(other.apply(e));
      }
    }
    return out;
  }
}
