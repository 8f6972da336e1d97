package org.snnspark.pipeline.nir;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.dl4j.LeakyReadout;
import org.snnspark.models.dl4j.NeuronParam;
import org.snnspark.models.dl4j.SpikeCountOutput;
import org.snnspark.models.dl4j.SpikingParamInitializer;
import org.snnspark.models.dl4j.ReadoutParamInitializer;
import org.snnspark.models.engine.ReadoutReduction;

/**
 * A trained network as a NIR graph: {@code input} -> per spiking layer a weight node
 * ({@code affine_i} / {@code linear_i}, batch-norm folded) and its neuron ({@code lif_i},
 * {@code cubalif_i}; a recurrent layer is a sub-graph {@code rlif_i} holding {@code input -> lif ->
 * output} and {@code lif -> w_rec -> lif}, as snnTorch exports RLeaky) -> the readout's weights and
 * {@code li} -> {@code output}. The graph's output is the readout's value at every step (the LI
 * membrane, or the output layer's spikes for the spike-count readout); NIR has no reduction over
 * time, so the readout's reduction is exported only when the caller accepts that it stays outside
 * the graph, named in the metadata ({@code time_reduction}) with {@code dt} in seconds.
 */
public final class NirExporter {
  public static final String DT_KEY = "dt";
  public static final String REDUCTION_KEY = "time_reduction";
  public static final String SOURCE_KEY = "source";

  private NirExporter() {}

  /**
   * @param dt             seconds per step, for the continuous-time parameters
   * @param reduceOutside  accept that the readout's reduction over time is left to the consumer
   */
  public static NirGraph export(MultiLayerNetwork net, double dt, boolean reduceOutside, String model) {
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new NirException("--dt must be a positive number of seconds per step, got " + dt);
    }
    NirArray.Dtype dtype = net.getLayerWiseConfigurations().getDataType() == DataType.DOUBLE
        ? NirArray.Dtype.FLOAT64 : NirArray.Dtype.FLOAT32;
    NirGraph g = new NirGraph();
    long nIn = net.layerInputSize(0);
    g.node("input", new NirNode(NirTypes.INPUT).with("shape", NirArray.shapeOf(nIn)));
    String last = "input";
    long size = nIn;
    ReadoutReduction reduction = null;
    int layers = net.getnLayers();
    for (int i = 0; i < layers; i++) {
      Layer conf = net.getLayer(i).conf().getLayer();
      Map<String, INDArray> params = net.getLayer(i).paramTable();
      String where = "model " + model + ", layer " + i;
      if (conf instanceof BaseSpikingLayer s) {
        refuseUnexportable(s, where);
        last = chainWeights(g, last, i, InputWeights.node(params, s.getNIn(), s.getNOut(),
            s.isHasBias(), s.isBatchNorm(), dtype));
        NirNode neuron = NeuronExport.node(s, params, dt, where);
        String name = neuron.type().toLowerCase(java.util.Locale.ROOT) + "_" + i;
        if (s.isRecurrent()) {
          neuron = recurrent(neuron, InputWeights.recurrent(params.get(SpikingParamInitializer.V),
              s.zeroSelfConnections(), dtype), s.getNOut());
          name = "r" + name;
        }
        last = chain(g, last, name, neuron);
        size = s.getNOut();
      } else if (conf instanceof LeakyReadout r) {
        if (r.getDelays().on()) {
          throw new NirException(where + " (LeakyReadout): learnable synaptic delays per synapse;"
              + " NIR's Delay delays whole signals");
        }
        reduction = r.getReduction();
        last = chainWeights(g, last, i, InputWeights.node(params, r.getNIn(), r.getNOut(),
            r.isHasBias(), r.isBatchNorm(), dtype));
        last = chain(g, last, "li", readout(r, params, dt));
        size = r.getNOut();
      } else if (conf instanceof SpikeCountOutput) {
        reduction = ReadoutReduction.SPIKE_COUNT;
      } else if (!(conf instanceof LossLayer)) {
        throw new NirException(where + " (" + conf.getClass().getSimpleName() + "): no NIR primitive for it");
      }
    }
    if (reduction != null && !reduceOutside) {
      throw new NirException("model " + model + ", readout: NIR has no reduction over time (" + reduction
          + "); pass --reduce-outside to export the per-step output and apply " + reduction + " outside the graph");
    }
    chain(g, last, "output", new NirNode(NirTypes.OUTPUT).with("shape", NirArray.shapeOf(size)));
    g.withMetadata(DT_KEY, dt);
    if (reduction != null) {
      g.withMetadata(REDUCTION_KEY, reduction.name());
    }
    return g.withMetadata(SOURCE_KEY, "snn-spark");
  }

  private static String chain(NirGraph g, String from, String name, NirNode node) {
    g.node(name, node).edge(from, name);
    return name;
  }

  /** affine_i or linear_i after {@code from}. */
  private static String chainWeights(NirGraph g, String from, int layer, NirNode weights) {
    return chain(g, from, weights.type().toLowerCase(java.util.Locale.ROOT) + "_" + layer, weights);
  }

  private static void refuseUnexportable(BaseSpikingLayer s, String where) {
    String what = s.neuronType() + ", " + s.getClass().getSimpleName();
    if (s.isBidirectional()) {
      throw new NirException(where + " (" + what + "): bidirectional; a NIR graph runs forward in time"
          + " and cannot see the reversed sequence");
    }
    if (s.getDelays().on()) {
      throw new NirException(where + " (" + what + "): learnable synaptic delays per synapse;"
          + " NIR's Delay delays whole signals");
    }
  }

  /** snnTorch's recurrent sub-graph: the neuron gets the layer's input plus its own spikes through w_rec. */
  private static NirNode recurrent(NirNode neuron, NirNode wRec, long n) {
    NirGraph sub = new NirGraph()
        .node("input", new NirNode(NirTypes.INPUT).with("shape", NirArray.shapeOf(n)))
        .node("lif", neuron)
        .node("w_rec", wRec)
        .node("output", new NirNode(NirTypes.OUTPUT).with("shape", NirArray.shapeOf(n)))
        .edge("input", "lif").edge("lif", "w_rec").edge("w_rec", "lif").edge("lif", "output");
    return NirNode.subgraph(sub);
  }

  /** u = a u + (1 - a) I: LI with tau = dt / (1 - a), r = 1. */
  private static NirNode readout(LeakyReadout r, Map<String, INDArray> params, double dt) {
    int n = (int) r.getNOut();
    NeuronParam alpha = r.alphaParam();
    INDArray raw = params.get(ReadoutParamInitializer.ALPHA);
    double[] tau = new double[n];
    for (int j = 0; j < n; j++) {
      tau[j] = EulerDecay.tau(alpha.effective(raw.getDouble(j)), dt);
    }
    return new NirNode(NirTypes.LI).with("tau", NeuronExport.vec(tau))
        .with("r", NeuronExport.vec(NeuronExport.filled(n, 1.0)))
        .with("v_leak", NeuronExport.vec(new double[n]));
  }
}
