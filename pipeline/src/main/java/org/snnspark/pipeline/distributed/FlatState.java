package org.snnspark.pipeline.distributed;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's training state as one flat float32 vector: its parameters (in the network's flat
 * order) followed by its updater's state (Adam's moments). What a round ships to the workers and
 * what each worker sends back; one array, so a round moves one buffer each way.
 */
public final class FlatState {
  private FlatState() {}

  /** Parameters of a network with this configuration, counted without building it. */
  public static long parameterCount(MultiLayerConfiguration conf) {
    long n = 0;
    for (int i = 0; i < conf.getConfs().size(); i++) {
      NeuralNetConfiguration layer = conf.getConf(i);
      n += layer.getLayer().initializer().numParams(layer);
    }
    return n;
  }

  public static float[] read(MultiLayerNetwork net) {
    requireFloat(net);
    float[] params = net.params().toFloatVector();
    INDArray updater = updaterState(net);
    if (updater == null) {
      return params;
    }
    float[] u = updater.toFloatVector();
    float[] all = Arrays.copyOf(params, params.length + u.length);
    System.arraycopy(u, 0, all, params.length, u.length);
    return all;
  }

  /** Loads parameters and updater state; the network's shapes must be the ones {@code state} came from. */
  public static void write(MultiLayerNetwork net, float[] state) {
    requireFloat(net);
    long p = net.numParams();
    INDArray updater = updaterState(net);
    long u = updater == null ? 0 : updater.length();
    if (state.length != p + u) {
      throw new IllegalArgumentException("state of " + state.length + " values for a network of " + p
          + " parameters and " + u + " updater values");
    }
    net.params().assign(Nd4j.createFromArray(Arrays.copyOf(state, (int) p)));
    if (updater != null) {
      updater.assign(Nd4j.createFromArray(Arrays.copyOfRange(state, (int) p, state.length)));
    }
  }

  /** The updater's state view (created if the network has no updater yet), null for a stateless updater. */
  static INDArray updaterState(MultiLayerNetwork net) {
    Updater updater = net.getUpdater(true);
    return updater == null ? null : updater.getStateViewArray();
  }

  private static void requireFloat(MultiLayerNetwork net) {
    if (net.params().dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("distributed training ships float32 state; the network's"
          + " parameters are " + net.params().dataType());
    }
  }
}
