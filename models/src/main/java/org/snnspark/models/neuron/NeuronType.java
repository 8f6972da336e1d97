package org.snnspark.models.neuron;

import org.snnspark.models.surrogate.SurrogateKind;

/**
 * The spiking neuron models a {@code ModelSpec} can stack. Each family is a package of its own
 * ({@code org.snnspark.models.neuron.lif}, {@code alif}, {@code cuba}, {@code leaky},
 * {@code singlespike}) with its layer configuration and kernels, the equations in the kernel's
 * Javadoc; the recurrent variant of a family is the same layer with its recurrent weights V
 * switched on.
 */
public enum NeuronType {
    /** Leaky integrate-and-fire (sparch LIF): membrane decay only. */
    LIF(Family.LIF, false, false),
    /** LIF with recurrent weights V (zero diagonal) on the previous step's spikes. */
    RLIF(Family.LIF, true, false),
    /** Adaptive LIF (sparch adLIF): a second state w with sub-threshold (A) and spike (B) coupling. */
    ADLIF(Family.LIF, false, true),
    /** Recurrent adaptive LIF (sparch RadLIF). */
    RADLIF(Family.LIF, true, true),
    /** Current-based LIF with a synaptic current (Zenke's SpyTorch tutorial), reset by multiplication. */
    CUBA_LIF(Family.CUBA, false, false),
    /** CUBA_LIF with recurrent weights V (the tutorial's {@code v1}). */
    RCUBA_LIF(Family.CUBA, true, false),
    /** Adaptive-threshold LIF of Yin et al. (2021), recurrent as their SRNN, trained time constants. */
    ALIF(Family.ALIF, true, false),
    /** snnTorch's Leaky: first-order LIF, subtractive reset. */
    LEAKY(Family.LEAKY, false, false),
    /** snnTorch's RLeaky: Leaky with an all-to-all recurrent linear map of the spikes. */
    RLEAKY(Family.LEAKY, true, false),
    /**
     * FastSNN's single-spike-per-neuron layer (Taylor, King &amp; Harper): reset-free LIF membrane
     * v_t = beta v_{t-1} + W x_t as one causal filter, spike only at the first threshold crossing.
     */
    SINGLE_SPIKE(Family.SINGLE_SPIKE, false, false);

    /** Neuron models that share a layer configuration and a kernel. */
    public enum Family {
        /** sparch's LIF / RLIF / adLIF / RadLIF. */
        LIF(SurrogateKind.BOXCAR, 1.0),
        /** Zenke's current-based LIF: the tutorial's fast sigmoid of scale 100. */
        CUBA(SurrogateKind.FAST_SIGMOID, 1.0),
        /** Yin's ALIF: multi-Gaussian surrogate; the rest threshold is b0 = 0.01 (Yin's b_j0). */
        ALIF(SurrogateKind.MULTI_GAUSSIAN, 0.01),
        /** snnTorch's Leaky: ATan surrogate (alpha 2), threshold 1. */
        LEAKY(SurrogateKind.ATAN, 1.0),
        /** FastSNN's single-spike layer: Zenke's fast sigmoid of scale 100, threshold 1. */
        SINGLE_SPIKE(SurrogateKind.FAST_SIGMOID, 1.0);

        private final SurrogateKind surrogate;
        private final double threshold;

        Family(SurrogateKind surrogate, double threshold) {
            this.surrogate = surrogate;
            this.threshold = threshold;
        }

        /** The surrogate the reference implementation of the family uses. */
        public SurrogateKind defaultSurrogate() {
            return surrogate;
        }

        /** The reference implementation's threshold (ALIF: the baseline b0 of its adaptive threshold). */
        public double defaultThreshold() {
            return threshold;
        }
    }

    private final Family family;
    private final boolean recurrent;
    private final boolean adaptive;

    NeuronType(Family family, boolean recurrent, boolean adaptive) {
        this.family = family;
        this.recurrent = recurrent;
        this.adaptive = adaptive;
    }

    public Family family() {
        return family;
    }

    /** True when the model feeds its own spikes back through a trained matrix V. */
    public boolean isRecurrent() {
        return recurrent;
    }

    /**
     * True when the model has sparch's adaptation current w (parameters b, A, B). (ALIF adapts its
     * threshold instead: a different mechanism, its own family.)
     */
    public boolean isAdaptive() {
        return adaptive;
    }

    /** {@link Family#defaultSurrogate()} of this model's family. */
    public SurrogateKind defaultSurrogate() {
        return family.defaultSurrogate();
    }

    /** {@link Family#defaultThreshold()} of this model's family. */
    public double defaultThreshold() {
        return family.defaultThreshold();
    }
}
