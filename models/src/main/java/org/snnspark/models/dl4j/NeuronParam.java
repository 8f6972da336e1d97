package org.snnspark.models.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained per-neuron parameter of a spiking layer: how it starts, and how the stored (raw) value
 * becomes the value the kernel uses, with the matching chain rule for its gradient.
 * <ul>
 *   <li>{@link #clamped}: the kernel sees {@code min(max(raw, lo), hi)} and the gradient passes only
 *       inside the range ({@code torch.clamp}'s): sparch's a, b, A, B; snnTorch's beta in [0, 1].</li>
 *   <li>{@link #timeConstant}: the parameter is a time constant tau and the kernel sees the decay
 *       {@code exp(-dt / tau)} (Yin's ALIF). A tau that training pushes to 0 or below gives decay 0,
 *       the limit from above, instead of a growing exponential; the gradient is 0 there.</li>
 *   <li>{@link #interpolatedTimeConstant}: the parameter is a weight r in [0, 1] between two time
 *       constants, tau = tau_min + r (tau_max - tau_min), and the kernel sees exp(-dt / tau)
 *       (SE-adLIF's {@code InterpolationTrainer}). r is clamped to [0, 1] in use, so tau never
 *       leaves its range; the gradient passes only inside, as with {@link #clamped}.</li>
 * </ul>
 */
public final class NeuronParam {
    private enum Transform { CLAMP, TIME_CONSTANT, INTERPOLATED_TIME_CONSTANT }

    private enum Init { UNIFORM, NORMAL }

    private final String key;
    private final Transform transform;
    private final double lo;
    private final double hi;
    private final double dt;
    private final Init init;
    private final double initA;
    private final double initB;

    private NeuronParam(String key, Transform transform, double lo, double hi, double dt, Init init, double initA,
                        double initB) {
        this.key = key;
        this.transform = transform;
        this.lo = lo;
        this.hi = hi;
        this.dt = dt;
        this.init = init;
        this.initA = initA;
        this.initB = initB;
    }

    /** Clamped to [lo, hi] in use, initialised uniform in [initLo, initHi]. */
    public static NeuronParam clamped(String key, double lo, double hi, double initLo, double initHi) {
        return new NeuronParam(key, Transform.CLAMP, lo, hi, Double.NaN, Init.UNIFORM, initLo, initHi);
    }

    /** A time constant (same unit as dt) used as exp(-dt / tau), initialised normal(mean, std). */
    public static NeuronParam timeConstant(String key, double dt, double mean, double std) {
        return new NeuronParam(key, Transform.TIME_CONSTANT, Double.NaN, Double.NaN, dt, Init.NORMAL, mean, std);
    }

    /**
     * A weight in [0, 1] between time constants tauMin and tauMax (same unit as dt), used as
     * exp(-dt / (tauMin + r (tauMax - tauMin))) with r clamped to [0, 1]; initialised uniform in [0, 1].
     */
    public static NeuronParam interpolatedTimeConstant(String key, double dt, double tauMin, double tauMax) {
        if (!(tauMin > 0 && tauMax >= tauMin)) {
            throw new IllegalArgumentException(key + ": need 0 < tauMin <= tauMax, got " + tauMin + ", " + tauMax);
        }
        return new NeuronParam(key, Transform.INTERPOLATED_TIME_CONSTANT, tauMin, tauMax, dt, Init.UNIFORM, 0.0, 1.0);
    }

    public String key() {
        return key;
    }

    /** The value the kernel uses for a stored value. */
    public double effective(double raw) {
        if (transform == Transform.CLAMP) {
            return Math.min(hi, Math.max(lo, raw));
        }
        if (transform == Transform.INTERPOLATED_TIME_CONSTANT) {
            return Math.exp(-dt / interpolatedTau(raw));
        }
        return raw > 0 ? Math.exp(-dt / raw) : 0.0;
    }

    /** dL/d(raw) from dL/d(effective value). */
    public double rawGradient(double raw, double gradEffective) {
        if (transform == Transform.CLAMP) {
            return raw < lo || raw > hi ? 0.0 : gradEffective;
        }
        if (transform == Transform.INTERPOLATED_TIME_CONSTANT) {
            if (raw < 0 || raw > 1) {
                return 0.0;
            }
            double tau = interpolatedTau(raw);
            return gradEffective * Math.exp(-dt / tau) * dt / (tau * tau) * (hi - lo);
        }
        // d/dtau exp(-dt/tau) = exp(-dt/tau) dt / tau^2
        return raw > 0 ? gradEffective * Math.exp(-dt / raw) * dt / (raw * raw) : 0.0;
    }

    /** tau_min + r (tau_max - tau_min), r clamped to [0, 1] (lo, hi hold tau_min, tau_max). */
    private double interpolatedTau(double raw) {
        return lo + Math.min(1.0, Math.max(0.0, raw)) * (hi - lo);
    }

    /** The values the kernel uses for the first {@code n} stored values (a new array). */
    public double[] effective(double[] raw, int n) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = effective(raw[j]);
        }
        return out;
    }

    /** Turns gradients with respect to the effective values into gradients of the stored ones, in place. */
    public void toRawGradient(double[] raw, double[] grad) {
        for (int j = 0; j < grad.length; j++) {
            grad[j] = rawGradient(raw[j], grad[j]);
        }
    }

    /** Writes initial values from ND4J's (seeded) generator into a parameter view. */
    void initialize(INDArray view) {
        INDArray r = init == Init.UNIFORM
                ? Nd4j.rand(view.dataType(), view.shape()).muli(initB - initA).addi(initA)
                : Nd4j.randn(view.dataType(), view.shape()).muli(initB).addi(initA);
        view.assign(r);
    }
}
