package org.snnspark.models.dl4j;

import org.snnspark.models.engine.DelaySchedule;
import org.snnspark.models.engine.SynapticDelays;

import java.io.Serializable;
import java.util.Objects;

/**
 * The learnable synaptic delays of a layer's input product ({@link SynapticDelays}): largest delay,
 * the epochs over which the Gaussian narrows ({@link DelaySchedule}) and the positions' learning
 * rate over the weights'. A bean inside the layer configurations (their JSON nests it); no delays
 * by default.
 */
public final class DelaySettings implements Serializable {
  private static final long serialVersionUID = 1L;
  /** SNN-delays' lr_pos = 100 lr_w: positions move in steps, weights by small fractions. */
  public static final double DEFAULT_LR_SCALE = 100.0;

  private int maxDelay;
  private int annealEpochs;
  private double lrScale = DEFAULT_LR_SCALE;

  /** No delays (and for Jackson). */
  public DelaySettings() {
  }

  /** Delays of up to {@code maxDelay} steps (0 = none); an IllegalArgumentException unless usable. */
  public static DelaySettings of(int maxDelay, int annealEpochs, double lrScale) {
    if (maxDelay < 0 || annealEpochs < 0 || !(lrScale > 0)) {
      throw new IllegalArgumentException("synaptic delays need maxDelay >= 0, annealEpochs >= 0 and a learning-rate"
          + " scale > 0, got " + maxDelay + ", " + annealEpochs + ", " + lrScale);
    }
    DelaySettings d = new DelaySettings();
    d.maxDelay = maxDelay;
    d.annealEpochs = annealEpochs;
    d.lrScale = lrScale;
    return d;
  }

  /** Largest delay in steps; 0 = none. */
  public int getMaxDelay() {
    return maxDelay;
  }

  public void setMaxDelay(int maxDelay) {
    this.maxDelay = maxDelay;
  }

  /** Epochs over which the delays' Gaussian narrows. */
  public int getAnnealEpochs() {
    return annealEpochs;
  }

  public void setAnnealEpochs(int annealEpochs) {
    this.annealEpochs = annealEpochs;
  }

  /** The delay positions' learning rate over the weights' (default {@value #DEFAULT_LR_SCALE}). */
  public double getLrScale() {
    return lrScale;
  }

  public void setLrScale(double lrScale) {
    this.lrScale = lrScale;
  }

  /** Whether the layer has delays. */
  public boolean on() {
    return maxDelay > 0;
  }

  /** The sigma schedule (delays on). */
  public DelaySchedule schedule() {
    return new DelaySchedule(maxDelay, annealEpochs);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DelaySettings)) {
      return false;
    }
    DelaySettings d = (DelaySettings) o;
    return maxDelay == d.maxDelay && annealEpochs == d.annealEpochs && lrScale == d.lrScale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxDelay, annealEpochs, lrScale);
  }

  @Override
  public String toString() {
    return on() ? "maxDelay=" + maxDelay + " (sigma over " + annealEpochs + " epochs, lr x" + lrScale + ")" : "none";
  }
}
