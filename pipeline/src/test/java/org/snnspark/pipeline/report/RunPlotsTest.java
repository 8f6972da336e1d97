package org.snnspark.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.io.StagedOutput;

/** The run's pictures say what they show: spikes as rasters, features as a heat map, readable traces. */
class RunPlotsTest {
  @TempDir Path tmp;

  @Test
  void featureInputIsAHeatMapAndSpikeInputARaster() throws Exception {
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(
        new ModelSpec().withBatchNorm(false).withNeuron(LifModel.LIF).withHidden(8), 6, 20, 1, new Adam(1e-3)));
    net.init();
    Path run = tmp.resolve("run");
    try (StagedOutput out = StagedOutput.begin(new Configuration(), run.toString(), false)) {
      // standardised log-mel frames: negative and fractional values, no spikes among them
      RunPlots.rasters(out, net, Nd4j.rand(DataType.FLOAT, 1, 6, 10).subi(0.5), "a feature sample");
      RunPlots.membranes(out, net, Nd4j.rand(DataType.FLOAT, 1, 6, 10).subi(0.5), classes(20), "a feature sample");
      out.commit();
    }
    assertTrue(Files.size(run.resolve("features-input.png")) > 0);
    assertFalse(Files.exists(run.resolve("spikes-input.png")), "feature values are no spikes");
    assertTrue(Files.exists(run.resolve("membrane-layer1.png")));
    assertTrue(Files.exists(run.resolve("membrane-readout.png")));

    Path spikes = tmp.resolve("spikes");
    try (StagedOutput out = StagedOutput.begin(new Configuration(), spikes.toString(), false)) {
      RunPlots.rasters(out, net, Nd4j.rand(DataType.FLOAT, 1, 6, 10).muli(3).castTo(DataType.INT32)
          .castTo(DataType.FLOAT), "a spike sample");
      out.commit();
    }
    assertTrue(Files.exists(spikes.resolve("spikes-input.png")));
    assertFalse(Files.exists(spikes.resolve("features-input.png")));
  }

  @Test
  void tracedNeuronsPeakNearTheThresholdAndRunawayOnesAreCut() {
    double[][] u = {
        {0, 2e9, 4.5e10, 9e10}, // fires every step, its membrane growing without bound
        {0, 0.4, 0.9, 0.2},     // comes close to the threshold
        {0, 0.01, 0.02, 0.01},  // hardly moves
        {0, 0.7, 1.2, 0.0},     // crosses it and resets
    };
    assertArrayEquals(new int[] {1, 3, 2}, MembraneTraces.nearThreshold(u, 3, 1.0));
    assertTrue(MembraneTraces.leaves(u[0], -2, 3));
    assertArrayEquals(new double[] {0, 3, 3, 3}, MembraneTraces.clip(u[0], -2, 3));
    assertFalse(MembraneTraces.leaves(u[3], -2, 3));
  }

  @Test
  void twentyClassesGetTwentyLooks() {
    Set<String> looks = new HashSet<>();
    for (int k = 0; k < 35; k++) {
      looks.add(SeriesStyles.color(k) + " " + java.util.Arrays.toString(SeriesStyles.stroke(k).getDashArray()));
    }
    assertEquals(35, looks.size(), "Speech Commands' 35 words, each its own colour and line");
    assertTrue(SeriesStyles.distinct() >= 35);
  }

  private static List<String> classes(int n) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      names.add("class-" + k);
    }
    return names;
  }
}
