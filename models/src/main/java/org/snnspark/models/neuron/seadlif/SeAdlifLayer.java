package org.snnspark.models.neuron.seadlif;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.dl4j.TimeConstantLayer;
import org.snnspark.models.dl4j.NeuronParam;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.neuron.NeuronType;

/**
 * Configuration of an SE-adLIF layer (Baronig et al. 2025), feed-forward or recurrent; equations
 * and defaults in {@link SeAdlifModel}. Trained per neuron besides W, bias and V: "tauU" and
 * "tauW", the weights in [0, 1] that place tau_u and tau_w in their ranges (the kernel sees the
 * decays alpha and beta), and the couplings "a" in [0, 1] and "b" in [0, 2]. All four start
 * uniform in their ranges and are clamped to them in use; the reference clamps the stored values
 * after every step instead, which gives the same forward pass while they stay inside.
 */
public class SeAdlifLayer extends TimeConstantLayer {
  private static final long serialVersionUID = 1L;

  public static final String TAU_U = "tauU";
  public static final String TAU_W = "tauW";
  public static final String A = "a";
  public static final String B = "b";
  public static final double A_MIN = 0.0;
  public static final double A_MAX = 1.0;
  public static final double B_MIN = 0.0;
  public static final double B_MAX = 2.0;

  private double tauUMin = SeAdlifModel.TAU_MEM_MIN.defaultValue();
  private double tauUMax = SeAdlifModel.TAU_MEM_MAX.defaultValue();
  private double tauWMin = SeAdlifModel.TAU_ADAPT_MIN.defaultValue();
  private double tauWMax = SeAdlifModel.TAU_ADAPT_MAX.defaultValue();
  private double q = SeAdlifModel.ADAPT_SCALE.defaultValue();
  private boolean detachReset = true;

  /** For Jackson. */
  public SeAdlifLayer() {
  }

  protected SeAdlifLayer(Builder b) {
    super(b);
  }

  @Override
  public NeuronType neuronType() {
    return isRecurrent() ? SeAdlifModel.RSE_ADLIF : SeAdlifModel.SE_ADLIF;
  }

  @Override
  public List<NeuronParam> neuronParams() {
    return List.of(NeuronParam.interpolatedTimeConstant(TAU_U, getDt(), tauUMin, tauUMax),
        NeuronParam.interpolatedTimeConstant(TAU_W, getDt(), tauWMin, tauWMax),
        NeuronParam.clamped(A, A_MIN, A_MAX, A_MIN, A_MAX),
        NeuronParam.clamped(B, B_MIN, B_MAX, B_MIN, B_MAX));
  }

  @Override
  public String[] stateNames() {
    return new String[]{"u", "w", SPIKE_STATE};
  }

  /** {@code torch.nn.init.orthogonal_} with gain 1; self-connections are trained. */
  @Override
  public RecurrentInit recurrentInit() {
    return RecurrentInit.ORTHOGONAL;
  }

  @Override
  public NeuronKernel createKernel(DataType dataType) {
    return new SeAdlifKernel((int) getNOut(), isRecurrent(), getThreshold(), q, detachReset, spikeFunction());
  }

  public double getTauUMin() {
    return tauUMin;
  }

  public void setTauUMin(double tauUMin) {
    this.tauUMin = tauUMin;
  }

  public double getTauUMax() {
    return tauUMax;
  }

  public void setTauUMax(double tauUMax) {
    this.tauUMax = tauUMax;
  }

  public double getTauWMin() {
    return tauWMin;
  }

  public void setTauWMin(double tauWMin) {
    this.tauWMin = tauWMin;
  }

  public double getTauWMax() {
    return tauWMax;
  }

  public void setTauWMax(double tauWMax) {
    this.tauWMax = tauWMax;
  }

  /** The scale q of the couplings a and b in the adaptation's input. */
  public double getQ() {
    return q;
  }

  public void setQ(double q) {
    this.q = q;
  }

  /**
   * True (the reference's {@code u_t * (1 - z_t.detach())}): no gradient through the spike in the
   * reset. False gives the complete derivative, which numerical checks can confirm.
   */
  public boolean isDetachReset() {
    return detachReset;
  }

  public void setDetachReset(boolean detachReset) {
    this.detachReset = detachReset;
  }

  /**
   * {@code new SeAdlifLayer.Builder().nOut(360).build()}: recurrent and with a bias unless told
   * otherwise, as the reference's SHD layers.
   */
  public static class Builder extends TimeConstantLayer.Builder<Builder> {
    public Builder() {
      super(new SeAdlifLayer(), SeAdlifModel.SURROGATE, SeAdlifModel.THRESHOLD);
      recurrent(true);
      hasBias(true);
    }

    @Override
    protected SeAdlifLayer settings() {
      return (SeAdlifLayer) super.settings();
    }

    /** Recurrent for RSE_ADLIF, feed-forward for SE_ADLIF. */
    public Builder neuronType(NeuronType type) {
      return servedType(type, SeAdlifModel.TYPES, "an SE-adLIF neuron");
    }

    /** The range of the membrane time constant tau_u. */
    public Builder tauURange(double min, double max) {
      settings().tauUMin = positive("tauUMin", min);
      settings().tauUMax = atLeast("tauUMax", max, min);
      return this;
    }

    /** The range of the adaptation time constant tau_w. */
    public Builder tauWRange(double min, double max) {
      settings().tauWMin = positive("tauWMin", min);
      settings().tauWMax = atLeast("tauWMax", max, min);
      return this;
    }

    public Builder q(double q) {
      settings().q = positive("q", q);
      return this;
    }

    public Builder detachReset(boolean detachReset) {
      settings().detachReset = detachReset;
      return this;
    }

    private static double atLeast(String name, double value, double min) {
      if (!(value >= min)) {
        throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
      }
      return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public SeAdlifLayer build() {
      return built(new SeAdlifLayer(this));
    }
  }
}
