package org.snnspark.pipeline.nir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.dl4j.LeakyReadout;
import org.snnspark.models.dl4j.ReadoutParamInitializer;
import org.snnspark.models.dl4j.SpikeCountOutput;
import org.snnspark.models.dl4j.SpikingParamInitializer;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.spec.NetworkBuilder;

/**
 * A NIR graph as a network of this project's layers, for {@code evaluate} and further training.
 * The graph must be a chain {@code Input -> (weights -> neuron)+ -> Output}: weights are
 * {@code Affine} or {@code Linear}, neurons {@code LIF} / {@code CubaLIF} (see
 * {@link NeuronImport}), a recurrent neuron sub-graph as {@link NirExporter} and snnTorch write
 * it, and the last neuron {@code LI} (our leaky readout, reduced over time by the metadata's
 * {@code time_reduction} unless the caller names one) or spiking (scored by spike count). Other
 * node types, and shapes that disagree along an edge, are an error naming the node.
 */
public final class NirImporter {
  private final String file;
  private final double dt;
  private final List<Layer> layers = new ArrayList<>();
  private final List<Map<String, double[]>> values = new ArrayList<>();
  private NirNode pendingWeights;
  private String pendingName;
  private boolean spikingEnd;

  private NirImporter(String file, double dt) {
    this.file = file;
    this.dt = dt;
  }

  /**
   * @param dt        seconds per step; null to take the graph's metadata {@code dt}
   * @param reduction the readout's reduction over time; null for the metadata's, else SUM_SOFTMAX
   */
  public static MultiLayerNetwork build(NirGraph g, String file, Double dt, ReadoutReduction reduction) {
    Object stored = g.metadata().get(NirExporter.DT_KEY);
    double step = dt != null ? dt : stored instanceof Double d ? d : Double.NaN;
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new NirException("NIR file " + file + ": no dt in the graph's metadata; pass --dt (seconds per step)");
    }
    ReadoutReduction r = reduction;
    if (r == null && g.metadata().get(NirExporter.REDUCTION_KEY) instanceof String s) {
      r = parseReduction(s, file);
    }
    return new NirImporter(file, step).chain(g, r == null ? ReadoutReduction.SUM_SOFTMAX : r);
  }

  private MultiLayerNetwork chain(NirGraph g, ReadoutReduction reduction) {
    String input = only(g, NirTypes.INPUT);
    long nIn = vectorShape(g.nodes().get(input), input);
    long size = nIn;
    String cur = input;
    int visited = 1;
    while (true) {
      List<String> next = g.successors(cur);
      if (next.size() != 1) {
        throw problem(cur, "has " + next.size() + " successors; only a chain of layers can be imported");
      }
      String name = next.get(0);
      if (g.predecessors(name).size() != 1) {
        throw problem(name, "has " + g.predecessors(name).size() + " inputs; only a chain of layers can be imported");
      }
      NirNode node = g.nodes().get(name);
      String where = "NIR file " + file + ", node " + name + " (" + node.type() + ")";
      switch (node.type()) {
        case NirTypes.AFFINE, NirTypes.LINEAR -> size = weights(name, node, cur, size, where);
        case NirTypes.LIF, NirTypes.CUBA_LIF -> size = spiking(name, node, null, size, where);
        case NirTypes.GRAPH -> size = recurrent(name, node.graph(), size, where);
        case NirTypes.LI -> size = readout(name, node, size, where, reduction);
        case NirTypes.OUTPUT -> {
          long out = vectorShape(node, name);
          if (out != size) {
            throw new NirException(where + ": shape [" + out + "] but edge " + cur + " -> " + name
                + " carries [" + size + "]");
          }
          if (visited + 1 != g.nodes().size()) {
            throw new NirException("NIR file " + file + ": " + (g.nodes().size() - visited - 1)
                + " node(s) off the chain from " + input + " to " + name + "; only a chain of layers can be imported");
          }
          return network(nIn, size, reduction);
        }
        default -> throw new NirException(where + ": node type " + node.type() + " is not supported"
            + " (supported: Input, Output, Affine, Linear, LIF, CubaLIF, LI, recurrent NIRGraph)");
      }
      cur = name;
      visited++;
    }
  }

  private long weights(String name, NirNode node, String from, long size, String where) {
    if (pendingWeights != null) {
      throw new NirException(where + ": follows weights " + pendingName + " with no neuron between;"
          + " our layers have one weight matrix each");
    }
    NirArray w = node.field("weight");
    if (w.shape().length != 2) {
      throw new NirException(where + ": weight has shape " + w.shapeText() + ", expected (out, in)");
    }
    if (w.shape()[1] != size) {
      throw new NirException(where + ": weight takes " + w.shape()[1] + " inputs but edge " + from + " -> "
          + name + " carries [" + size + "]");
    }
    if (node.type().equals(NirTypes.AFFINE) && node.field("bias").size() != w.shape()[0]) {
      throw new NirException(where + ": bias has " + node.field("bias").size() + " values, weight "
          + w.shape()[0] + " outputs");
    }
    pendingWeights = node;
    pendingName = name;
    return w.shape()[0];
  }

  private long spiking(String name, NirNode node, NirNode wRec, long size, String where) {
    NirNode w = takeWeights(name, where);
    long n = node.field("v_threshold").size();
    if (n != size) {
      throw new NirException(where + ": " + n + " neurons but edge " + pendingOrPrevious() + " -> " + name
          + " carries [" + size + "]");
    }
    NeuronImport.Built built = NeuronImport.layer(node, where, dt, wRec != null);
    BaseSpikingLayer layer = built.layer();
    layer.setHasBias(w.type().equals(NirTypes.AFFINE) || wRec != null && wRec.type().equals(NirTypes.AFFINE));
    layer.setInputGradient(!layers.isEmpty());
    Map<String, double[]> v = InputWeights.params(w, wRec);
    if (wRec != null) {
      double[] rec = InputWeights.transpose(wRec.field("weight"));
      if (layer.zeroSelfConnections()) {
        for (int j = 0; j < n; j++) {
          if (rec[(int) (j * n + j)] != 0) {
            throw new NirException(where + ": w_rec[" + j + "][" + j + "] = " + rec[(int) (j * n + j)]
                + "; " + layer.neuronType() + " has no self-connections");
          }
        }
      }
      v.put(SpikingParamInitializer.V, rec);
    }
    if (built.decayKey() != null) {
      v.put(built.decayKey(), built.decays());
    }
    add(layer, v);
    spikingEnd = true;
    return n;
  }

  private long recurrent(String name, NirGraph sub, long size, String where) {
    RecurrentSubgraph r = RecurrentSubgraph.parse(sub, size, where);
    return spiking(name, r.neuron(), r.wRec(), size, where + "/" + r.neuronName());
  }

  private long readout(String name, NirNode node, long size, String where, ReadoutReduction reduction) {
    NirNode w = takeWeights(name, where);
    int n = node.field("tau").size();
    if (n != size) {
      throw new NirException(where + ": " + n + " outputs but its input edge carries [" + size + "]");
    }
    if (reduction == ReadoutReduction.SPIKE_COUNT) {
      throw new NirException(where + ": SPIKE_COUNT needs a spiking output layer, this graph ends in LI");
    }
    double[] alpha = new double[n];
    for (int j = 0; j < n; j++) {
      if (node.field("r").get(j) != 1.0 || node.field("v_leak").get(j) != 0.0) {
        throw new NirException(where + ": our readout is LI with r = 1 and v_leak = 0 (u = a u + (1 - a) I);"
            + " got r " + node.field("r").get(j) + ", v_leak " + node.field("v_leak").get(j));
      }
      alpha[j] = EulerDecay.decay(node.field("tau").get(j), dt);
      if (!(alpha[j] >= 0 && alpha[j] < 1)) {
        throw new NirException(where + ": tau[" + j + "] gives a decay " + alpha[j] + " outside [0, 1) at dt " + dt);
      }
    }
    LeakyReadout r = new LeakyReadout.Builder().nOut(n).reduction(reduction)
        .hasBias(w.type().equals(NirTypes.AFFINE)).build();
    r.setAlphaMin(Math.min(LeakyReadout.ALPHA_MIN, java.util.Arrays.stream(alpha).min().orElse(1)));
    r.setAlphaMax(Math.max(LeakyReadout.ALPHA_MAX, java.util.Arrays.stream(alpha).max().orElse(0)));
    Map<String, double[]> v = InputWeights.params(w, null);
    v.put(ReadoutParamInitializer.ALPHA, alpha);
    add(r, v);
    spikingEnd = false;
    return n;
  }

  private MultiLayerNetwork network(long nIn, long nOut, ReadoutReduction reduction) {
    if (layers.isEmpty() || pendingWeights != null) {
      throw new NirException("NIR file " + file + ": the graph must end in a neuron after its last weights");
    }
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .updater(new Adam(1e-3)).dataType(DataType.FLOAT).weightInit(WeightInit.UNIFORM).list();
    for (int i = 0; i < layers.size(); i++) {
      list.layer(i, layers.get(i));
    }
    if (spikingEnd) {
      list.layer(layers.size(), new SpikeCountOutput.Builder().build());
    } else {
      list.layer(layers.size(), NetworkBuilder.softmaxLoss((int) nOut));
    }
    MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(nIn)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    for (int i = 0; i < values.size(); i++) {
      for (Map.Entry<String, double[]> e : values.get(i).entrySet()) {
        INDArray p = net.getLayer(i).getParam(e.getKey());
        set(p, e.getValue());
      }
    }
    return net;
  }

  /** Row-major values into a parameter of any order: matrices as [rows][cols], vectors as they are. */
  private static void set(INDArray p, double[] v) {
    if (p.rank() == 2 && p.size(0) > 1 && p.size(1) > 1) {
      long cols = p.size(1);
      for (long i = 0; i < p.size(0); i++) {
        for (long j = 0; j < cols; j++) {
          p.putScalar(new long[] {i, j}, v[(int) (i * cols + j)]);
        }
      }
    } else {
      for (int i = 0; i < v.length; i++) {
        p.putScalar(i, v[i]);
      }
    }
  }

  private void add(Layer layer, Map<String, double[]> v) {
    layers.add(layer);
    values.add(v);
  }

  private NirNode takeWeights(String name, String where) {
    if (pendingWeights == null) {
      throw new NirException(where + ": a neuron without weights before it; each of our layers starts with"
          + " an Affine or Linear");
    }
    NirNode w = pendingWeights;
    pendingWeights = null;
    return w;
  }

  private String pendingOrPrevious() {
    return pendingName == null ? "input" : pendingName;
  }

  private String only(NirGraph g, String type) {
    List<String> found = g.nodes().entrySet().stream().filter(e -> e.getValue().type().equals(type))
        .map(Map.Entry::getKey).toList();
    if (found.size() != 1) {
      throw new NirException("NIR file " + file + ": " + found.size() + " " + type + " nodes; one is supported");
    }
    return found.get(0);
  }

  private long vectorShape(NirNode node, String name) {
    NirArray s = node.field("shape");
    if (s.size() != 1) {
      throw problem(name, "shape " + java.util.Arrays.toString(s.values()) + "; only one-dimensional data is supported");
    }
    return (long) s.get(0);
  }

  private NirException problem(String node, String what) {
    return new NirException("NIR file " + file + ", node " + node + ": " + what);
  }

  private static ReadoutReduction parseReduction(String s, String file) {
    try {
      return ReadoutReduction.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new NirException("NIR file " + file + ": metadata time_reduction '" + s + "' is none of "
          + java.util.Arrays.toString(ReadoutReduction.values()));
    }
  }
}
