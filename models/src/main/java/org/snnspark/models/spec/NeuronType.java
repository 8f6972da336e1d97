package org.snnspark.models.spec;

/**
 * The spiking neuron models a {@link ModelSpec} can stack. Equations: {@code shared/DESIGN.md}
 * ("Neuron models"). The first four are sparch's family and share one layer implementation
 * ({@link org.snnspark.models.layers.LifLayer}); the flags below say which of its two optional
 * terms each model switches on.
 */
public enum NeuronType {
    /** Leaky integrate-and-fire (sparch LIF): membrane decay only. */
    LIF(false, false),
    /** LIF with recurrent weights V (zero diagonal) on the previous step's spikes. */
    RLIF(true, false),
    /** Adaptive LIF (sparch adLIF): a second state w with sub-threshold (A) and spike (B) coupling. */
    ADLIF(false, true),
    /** Recurrent adaptive LIF (sparch RadLIF). */
    RADLIF(true, true);

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

    /** True when the model has the adaptation current w (parameters b, A, B). */
    public boolean isAdaptive() {
        return adaptive;
    }
}
