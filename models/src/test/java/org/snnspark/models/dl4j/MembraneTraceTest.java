package org.snnspark.models.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.snnspark.models.neuron.cuba.CubaModel;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.neuron.NeuronType;

/** Membrane traces handed out for plots agree with the spikes the layer emitted. */
class MembraneTraceTest {
  @Test
  void aLifNeuronSpikesExactlyWhereItsMembraneReachesTheThreshold() {
    for (NeuronType type : new NeuronType[] {LifModel.LIF, CubaModel.CUBA_LIF, LeakyModel.LEAKY}) {
      ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(8).withDropout(0).withBatchNorm(false);
      MultiLayerNetwork net = new MultiLayerNetwork(
          NetworkBuilder.build(spec, 5, 3, 11, new NoOp(), DataType.DOUBLE));
      net.init();
      SpikingLayer layer = (SpikingLayer) net.getLayer(0);
      assertNull(layer.lastMembrane(0), "no trace before a forward pass");
      INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5, 12).muli(40);
      INDArray spikes = net.feedForward(x, false).get(1);
      double[][] u = layer.lastMembrane(1);
      assertEquals(8, u.length);
      assertEquals(12, u[0].length);
      double threshold = spec.effectiveThreshold();
      int checked = 0;
      for (int j = 0; j < 8; j++) {
        for (int t = 0; t < 12; t++) {
          // LIF/Leaky read the spike off this step's membrane; CuBa (tutorial order) off the last one's
          double v = type == CubaModel.CUBA_LIF ? (t == 0 ? 0 : u[j][t - 1]) : u[j][t];
          assertEquals(v >= threshold ? 1.0 : 0.0, spikes.getDouble(1, j, t), 0.0,
              type + " neuron " + j + " step " + t + " u=" + v);
          checked++;
        }
      }
      assertEquals(96, checked);
      double[][] readout = ((LeakyReadoutImpl) net.getLayer(1)).lastMembrane(0);
      assertEquals(3, readout.length);
      assertEquals(12, readout[0].length);
    }
  }
}
