package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.snnspark.models.engine.SynapticDelays;

/**
 * What a trainer does to the learnable synaptic delays of a network's layers
 * ({@link SynapticDelays}): set each layer's sigma for the coming epoch from its schedule, and at
 * the end round the delays to whole steps. Sigma is a parameter (not trained: NoOp updater, zero
 * gradient), so setting it on the driver's network before an epoch reaches every worker with the
 * parameters, and a saved network keeps it.
 */
public final class NetworkDelays {
  private NetworkDelays() {
  }

  /** Whether any layer has delays. */
  public static boolean any(Layer[] layers) {
    for (Layer l : layers) {
      if (maxDelay(l) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Sets every delayed layer's sigma to its schedule's value for epoch {@code epoch} (0 = the first). */
  public static void startEpoch(Layer[] layers, int epoch) {
    for (Layer l : layers) {
      if (maxDelay(l) > 0) {
        DelayedLayer c = (DelayedLayer) l.conf().getLayer();
        l.getParam(SynapticDelays.SIGMA).assign(c.getDelays().schedule().sigmaAt(epoch));
      }
    }
  }

  /** Rounds every delayed layer's positions to whole steps and switches it to those integer delays. */
  public static void round(Layer[] layers) {
    for (Layer l : layers) {
      int max = maxDelay(l);
      if (max > 0) {
        SynapticDelays.round(l.paramTable(), max);
      }
    }
  }

  private static int maxDelay(Layer l) {
    org.deeplearning4j.nn.conf.layers.Layer c = l.conf().getLayer();
    return c instanceof DelayedLayer ? ((DelayedLayer) c).getDelays().getMaxDelay() : 0;
  }
}
