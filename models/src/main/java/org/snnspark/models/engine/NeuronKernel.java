package org.snnspark.models.engine;

/**
 * The time loop of one neuron model, forward and hand-written BPTT, over time-major arrays (row
 * {@code t * mb + b}, {@code n} neurons per row). The layer ({@code SpikingLayerImpl}) does what all
 * models share: the input product for all steps, dropout, masks, both directions, dV as one GEMM.
 * <p>
 * Contract every implementation keeps (the layer relies on it):
 * <ul>
 *   <li>The recurrent input {@code s_{t-1} V} enters the model exactly where {@code drive_t} does,
 *       so dL/d(drive_t) is also its gradient and {@code dV = sum_t s_{t-1}^T gDrive_t}.</li>
 *   <li>A padding row ({@link StepMask}) carries every state variable through unchanged, emits
 *       nothing and gets no gradient.</li>
 *   <li>Parameters arrive already transformed (clamped, or decays computed from time constants);
 *       gradients are returned with respect to those values, accumulated into the caller's arrays.</li>
 * </ul>
 * Two kinds of implementation exist behind this interface: plain Java loops ({@link LoopKernel},
 * the fast one on the CPU backend) and ND4J operations (any backend, CUDA included).
 */
public interface NeuronKernel {

    /** Neurons per row. */
    int neurons();

    /** State variables carried between steps, in the order of the layer configuration's state names. */
    int stateCount();

    /**
     * @param params the model's per-neuron parameters ([n] each) by name, already transformed
     * @param v      recurrent weights, row-major [n, n] (row i = effect of neuron i's spike), or null
     *               when the model is not recurrent
     */
    void setParameters(ParamValues params, double[] v);

    /** State before the first step: one [mb * n] array per state variable; null (or a null entry): rest. */
    void setInitialState(double[][] state);

    /** Runs all steps. {@code drive} (time-major, T * mb * n) is only read. */
    void forward(double[] drive, int mb, int steps, boolean[] valid);

    /**
     * BPTT through the last {@link #forward}.
     *
     * @param gOut      dL/ds_t, time-major (padding rows are ignored)
     * @param gDrive    out: dL/d(drive_t), time-major, zero on padding rows and rows before firstStep
     * @param firstStep the earliest step gradients flow back to (0 = full BPTT)
     * @param dParams   out (accumulated): dL/d(parameter) per neuron, by the names of {@link #setParameters}
     */
    void backward(double[] gOut, double[] gDrive, int firstStep, ParamValues dParams);

    /**
     * dL/dV of the last {@link #backward}, row-major [n, n] (diagonal included), for kernels that
     * form it during BPTT; null when the caller is to form it (one GEMM of spikes and drive
     * gradients) or the model is not recurrent.
     */
    default double[] recurrentWeightGradient() {
        return null;
    }

    /** Spikes s (time-major; padding rows hold the carried spike state, not output). */
    double[] spikes();

    /** State variable {@code k} over all steps (time-major). */
    double[] state(int k);

    /** Which {@link #state(int)} holds the membrane potential (for traces and plots). */
    default int membraneState() {
        return 0;
    }
}
