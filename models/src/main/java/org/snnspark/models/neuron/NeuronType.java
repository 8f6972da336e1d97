package org.snnspark.models.neuron;

/**
 * The neuron types a {@code ModelSpec} can stack: the names {@code --neuron}, presets and saved
 * layer configurations use. A type is a variant of a neuron model; the model (its folder under this
 * package: {@code lif}, {@code alif}, {@code cuba}, {@code leaky}, {@code singlespike},
 * {@code seadlif}) holds the
 * equations, defaults, options, layer and kernels, and {@code NeuronModels.of(type)} finds it. The
 * recurrent variant of a model is the same layer with its recurrent weights V switched on.
 */
public enum NeuronType {
    /** Leaky integrate-and-fire (sparch LIF): membrane decay only. */
    LIF(false, false),
    /** LIF with recurrent weights V (zero diagonal) on the previous step's spikes. */
    RLIF(true, false),
    /** Adaptive LIF (sparch adLIF): a second state w with sub-threshold (A) and spike (B) coupling. */
    ADLIF(false, true),
    /** Recurrent adaptive LIF (sparch RadLIF). */
    RADLIF(true, true),
    /** Current-based LIF with a synaptic current (Zenke's SpyTorch tutorial), reset by multiplication. */
    CUBA_LIF(false, false),
    /** CUBA_LIF with recurrent weights V (the tutorial's {@code v1}). */
    RCUBA_LIF(true, false),
    /** Adaptive-threshold LIF of Yin et al. (2021), recurrent as their SRNN, trained time constants. */
    ALIF(true, false),
    /** snnTorch's Leaky: first-order LIF, subtractive reset. */
    LEAKY(false, false),
    /** snnTorch's RLeaky: Leaky with an all-to-all recurrent linear map of the spikes. */
    RLEAKY(true, false),
    /**
     * FastSNN's single-spike-per-neuron layer (Taylor, King &amp; Harper): reset-free LIF membrane
     * v_t = beta v_{t-1} + W x_t as one causal filter, spike only at the first threshold crossing.
     */
    SINGLE_SPIKE(false, false),
    /**
     * SE-adLIF of Baronig, Ferrand, Sabathiel &amp; Legenstein (2025): adaptive LIF discretised by
     * symplectic Euler (the adaptation reads the freshly updated membrane), feed-forward.
     */
    SE_ADLIF(false, false),
    /** SE-adLIF with recurrent weights V on the previous step's spikes, as in the paper's SHD network. */
    RSE_ADLIF(true, false);

    private final boolean recurrent;
    private final boolean adaptive;

    NeuronType(boolean recurrent, boolean adaptive) {
        this.recurrent = recurrent;
        this.adaptive = adaptive;
    }

    /** True when the model feeds its own spikes back through a trained matrix V. */
    public boolean isRecurrent() {
        return recurrent;
    }

    /**
     * True when the model has sparch's adaptation current w (parameters b, A, B). (ALIF adapts its
     * threshold instead: a different mechanism, a model of its own.)
     */
    public boolean isAdaptive() {
        return adaptive;
    }
}
