package org.snnspark.pipeline.nir;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recurrent neuron as snnTorch exports RLeaky / RSynaptic (and {@link NirExporter} every
 * recurrent layer): a NIRGraph of four nodes, {@code input -> neuron -> output} plus
 * {@code neuron -> w_rec -> neuron}, where the neuron is LIF or CubaLIF and w_rec a square Linear
 * or Affine. Node names are free; the structure is not.
 */
record RecurrentSubgraph(String neuronName, NirNode neuron, NirNode wRec) {

  static RecurrentSubgraph parse(NirGraph sub, long size, String where) {
    String in = null;
    String out = null;
    String neuron = null;
    String rec = null;
    for (Map.Entry<String, NirNode> e : sub.nodes().entrySet()) {
      switch (e.getValue().type()) {
        case NirTypes.INPUT -> in = e.getKey();
        case NirTypes.OUTPUT -> out = e.getKey();
        case NirTypes.LIF, NirTypes.CUBA_LIF -> neuron = e.getKey();
        case NirTypes.LINEAR, NirTypes.AFFINE -> rec = e.getKey();
        default -> throw new NirException(where + ": sub-graph node " + e.getKey() + " has type "
            + e.getValue().type() + "; only a recurrent neuron sub-graph is supported");
      }
    }
    // four nodes with one of each kind: a second of any kind leaves another kind missing
    if (sub.nodes().size() != 4 || in == null || out == null || neuron == null || rec == null
        || !new HashSet<>(sub.edges()).equals(Set.of(new NirGraph.Edge(in, neuron),
            new NirGraph.Edge(neuron, rec), new NirGraph.Edge(rec, neuron), new NirGraph.Edge(neuron, out)))
        || sub.edges().size() != 4) {
      throw new NirException(where + ": not a recurrent neuron sub-graph (input -> neuron -> output,"
          + " neuron -> Linear -> neuron)");
    }
    long n = sub.nodes().get(neuron).field("v_threshold").size();
    NirArray w = sub.nodes().get(rec).field("weight");
    if (w.shape().length != 2 || w.shape()[0] != n || w.shape()[1] != n) {
      throw new NirException(where + ": " + rec + " has shape " + w.shapeText() + ", expected (" + n + ", " + n + ")");
    }
    for (String end : List.of(in, out)) {
      NirArray shape = sub.nodes().get(end).field("shape");
      if (shape.size() != 1 || shape.get(0) != size || size != n) {
        throw new NirException(where + ": sub-graph " + end + " has shape " + java.util.Arrays.toString(shape.values())
            + ", its neuron " + n + " values and its edge [" + size + "]");
      }
    }
    return new RecurrentSubgraph(neuron, sub.nodes().get(neuron), sub.nodes().get(rec));
  }
}
