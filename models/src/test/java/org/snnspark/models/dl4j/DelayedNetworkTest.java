package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.snnspark.models.engine.DelaySchedule;
import org.snnspark.models.engine.SynapticDelays;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.testutil.Sequences;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks with learnable synaptic delays: save and load, rounding to whole steps, clamping, what they refuse. */
class DelayedNetworkTest {
  private static final int MAX_DELAY = 3;

  private static ModelSpec spec(NeuronType type) {
    return new ModelSpec().withNeuron(type).withHidden(5, 4).withDropout(0.0).withDelays(MAX_DELAY, 6);
  }

  private static MultiLayerNetwork net(ModelSpec spec, org.nd4j.linalg.learning.config.IUpdater updater) {
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 4, 3, 9, updater));
    net.init();
    return net;
  }

  @Test
  void jsonRoundTripKeepsTheDelaySettings() {
    MultiLayerConfiguration conf = NetworkBuilder.build(spec(LifModel.ADLIF), 4, 3, 9, new Adam(1e-3));
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    BaseSpikingLayer layer = (BaseSpikingLayer) back.getConf(1).getLayer();
    assertEquals(DelaySettings.of(MAX_DELAY, 6, DelaySettings.DEFAULT_LR_SCALE), layer.getDelays());
    LeakyReadout readout = (LeakyReadout) back.getConf(2).getLayer();
    assertEquals(DelaySettings.of(MAX_DELAY, 6, DelaySettings.DEFAULT_LR_SCALE), readout.getDelays());
    LeakyReadout plain = (LeakyReadout) NetworkBuilder.build(spec(LifModel.ADLIF).withReadoutDelays(false), 4, 3, 9,
        new Adam(1e-3)).getConf(2).getLayer();
    assertEquals(new DelaySettings(), plain.getDelays());
  }

  @Test
  void modelSerializerKeepsPositionsAndSigma() throws IOException {
    MultiLayerNetwork net = net(spec(LifModel.RADLIF), new Adam(1e-2));
    NetworkDelays.startEpoch(net.getLayers(), 2);
    INDArray x = Sequences.spikes(DataType.FLOAT, 3, 5, 4, 9, 0.3);
    net.fit(new DataSet(x, Sequences.oneHot(DataType.FLOAT, 5, 3)));
    INDArray before = net.output(x, false);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    MultiLayerNetwork back = SavedNetworks.restore(new ByteArrayInputStream(bytes.toByteArray()), true);

    // the two spiking layers and the readout
    for (int l = 0; l < 3; l++) {
      assertEquals(net.getLayer(l).getParam(SynapticDelays.POSITIONS), back.getLayer(l).getParam(SynapticDelays.POSITIONS));
      assertEquals(sigmaAt(2), back.getLayer(l).getParam(SynapticDelays.SIGMA).getDouble(0), 1e-6);
    }
    assertEquals(net.params(), back.params());
    assertEquals(before, back.output(x, false));
  }

  /** Sigma of {@link #spec}'s schedule in epoch {@code epoch}. */
  private static double sigmaAt(int epoch) {
    return new DelaySchedule(MAX_DELAY, 6).sigmaAt(epoch);
  }

  /** Every position 2.4, rounded: the layer is the same layer without delays on its input two steps later. */
  @Test
  void roundedDelaysAreWholeStepShifts() {
    MultiLayerNetwork delayed = net(spec(LifModel.LIF).withHidden(5).withBatchNorm(false), new Sgd(0.0));
    MultiLayerNetwork plain = net(new ModelSpec().withNeuron(LifModel.LIF).withHidden(5).withDropout(0.0)
        .withBatchNorm(false), new Sgd(0.0));
    delayed.getLayer(0).getParam(SynapticDelays.POSITIONS).assign(2.4);
    // strong enough weights that spike input without batch-norm makes the layer spike
    delayed.getLayer(0).getParam(SpikingParamInitializer.W).muli(6);
    NetworkDelays.round(delayed.getLayers());
    assertEquals(Nd4j.valueArrayOf(new long[]{4, 5}, 2.0, DataType.FLOAT),
        delayed.getLayer(0).getParam(SynapticDelays.POSITIONS));
    assertEquals(0.0, delayed.getLayer(0).getParam(SynapticDelays.SIGMA).getDouble(0));
    for (int l = 0; l < 2; l++) {
      for (Map.Entry<String, INDArray> e : plain.getLayer(l).paramTable().entrySet()) {
        e.getValue().assign(delayed.getLayer(l).getParam(e.getKey()));
      }
    }
    INDArray x = Sequences.spikes(DataType.FLOAT, 4, 3, 4, 12, 0.4);
    INDArray shifted = Nd4j.zeros(DataType.FLOAT, 3, 4, 12);
    shifted.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 12))
        .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 10)));
    INDArray spikesDelayed = delayed.feedForward(x, false).get(1);
    INDArray spikesPlain = plain.feedForward(shifted, false).get(1);
    assertTrue(spikesPlain.sumNumber().doubleValue() > 0, "the layer spikes");
    assertEquals(spikesPlain, spikesDelayed);
  }

  /** Positions leave [0, D] only by a step of the optimiser; the next training pass puts them back. */
  @Test
  void trainingClampsPositions() {
    MultiLayerNetwork net = net(spec(LifModel.LIF), new Sgd(0.0));
    INDArray p = net.getLayer(0).getParam(SynapticDelays.POSITIONS);
    p.putScalar(0, -1.5);
    p.putScalar(1, MAX_DELAY + 2.0);
    p.putScalar(2, 1.25);
    INDArray x = Sequences.spikes(DataType.FLOAT, 5, 3, 4, 8, 0.3);
    net.fit(new DataSet(x, Sequences.oneHot(DataType.FLOAT, 3, 3)));
    assertEquals(0.0, p.getDouble(0));
    assertEquals(MAX_DELAY, p.getDouble(1));
    assertEquals(1.25, p.getDouble(2), 1e-7);
  }

  /** Sigma is not trained: a training step with a large learning rate leaves it as the schedule set it. */
  @Test
  void sigmaIsNotTrained() {
    MultiLayerNetwork net = net(spec(LifModel.ADLIF), new Adam(0.5));
    NetworkDelays.startEpoch(net.getLayers(), 1);
    INDArray before = net.getLayer(0).getParam(SynapticDelays.POSITIONS).dup();
    INDArray x = Sequences.features(DataType.FLOAT, 6, 3, 4, 30, 3.0);
    net.fit(new DataSet(x, Sequences.oneHot(DataType.FLOAT, 3, 3)));
    assertNotEquals(before, net.getLayer(0).getParam(SynapticDelays.POSITIONS), "positions are trained");
    assertEquals(sigmaAt(1), net.getLayer(0).getParam(SynapticDelays.SIGMA).getDouble(0), 1e-6);
  }

  /** Positions train at 100 times the weights' rate (SNN-delays'), also after the rate is changed. */
  @Test
  void positionsTrainAtTheScaledLearningRate() {
    MultiLayerNetwork net = net(spec(LifModel.LIF).withHidden(5), new Sgd(0.5));
    net.setLearningRate(1e-3);
    INDArray x = Sequences.features(DataType.FLOAT, 8, 4, 4, 30, 3.0);
    INDArray y = Sequences.oneHot(DataType.FLOAT, 4, 3);
    MultiLayerNetwork probe = net.clone();
    probe.setInput(x);
    probe.setLabels(y);
    probe.computeGradientAndScore();
    INDArray gW = probe.gradient().getGradientFor("0_" + SpikingParamInitializer.W).div(4);
    INDArray gP = probe.gradient().getGradientFor("0_" + SynapticDelays.POSITIONS).div(4);
    assertTrue(gP.norm2Number().doubleValue() > 1e-4, "positions have a gradient");
    INDArray w = net.getLayer(0).getParam(SpikingParamInitializer.W).dup();
    INDArray p = net.getLayer(0).getParam(SynapticDelays.POSITIONS).dup();
    net.fit(new DataSet(x, y));
    assertTrue(w.sub(gW.mul(1e-3)).equalsWithEps(net.getLayer(0).getParam(SpikingParamInitializer.W), 1e-6));
    assertTrue(p.sub(gP.mul(0.1)).equalsWithEps(net.getLayer(0).getParam(SynapticDelays.POSITIONS), 1e-5));
  }

  @Test
  void stepByStepRunsAreRefused() {
    MultiLayerNetwork net = net(spec(LifModel.LIF), new Sgd(0.0));
    INDArray x = Sequences.spikes(DataType.FLOAT, 7, 1, 4, 3, 0.3);
    assertThrows(UnsupportedOperationException.class, () -> net.rnnTimeStep(x));
  }

  @Test
  void bidirectionalLayersRefuseDelays() {
    assertThrows(IllegalArgumentException.class,
        () -> new LifLayer.Builder().nOut(3).bidirectional(true).delays(2, 0).build());
  }
}
