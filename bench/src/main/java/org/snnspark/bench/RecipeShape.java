package org.snnspark.bench;

import java.util.List;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.Flops;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.distributed.FlatState;

/**
 * The shape of a seed recipe as the scaling prediction needs it: its network (as in its preset
 * in {@code conf/}), the dataset's input size, classes and training samples.
 */
record RecipeShape(String name, int[] hidden, int inputs, int steps, int classes, long trainSamples, int batch) {
  /** shd-radlif, ssc-radlif and shd-radlif-small on the full SHD (8,156 train) and SSC (75,466 train) sets. */
  static final List<RecipeShape> SEEDS = List.of(
      new RecipeShape("shd-radlif-small", new int[] {128, 128}, 700, 100, 20, 8156, 32),
      new RecipeShape("ssc-radlif", new int[] {512, 512, 512}, 700, 100, 35, 75466, 32),
      new RecipeShape("shd-radlif", new int[] {1024, 1024, 1024}, 700, 100, 20, 8156, 32));

  /** Parameters of the network, counted from its configuration (initialising 3 x 1024 takes minutes). */
  long parameters() {
    ModelSpec spec = new ModelSpec().withHidden(hidden).withBatchNorm(true);
    spec.setNeuron(LifModel.RADLIF);
    return FlatState.parameterCount(NetworkBuilder.build(spec, inputs, classes, 1, new Adam(1e-3)));
  }

  /** Dense training FLOPs per sample (forward and backward). */
  double flopsPerSample() {
    return Flops.network(batch, steps, inputs, hidden, true, classes) / batch;
  }
}
