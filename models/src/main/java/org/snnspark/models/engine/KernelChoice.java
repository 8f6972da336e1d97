package org.snnspark.models.engine;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Which of the two kernels of a neuron model a layer runs:
 * the plain-Java loops over time-major memory, fastest on ND4J's CPU backend, or the same
 * arithmetic as ND4J operations, which run on any backend — on CUDA the state stays on the device
 * between steps instead of crossing to the JVM heap.
 * <p>
 * The system property {@value #PROPERTY} = {@code java}, {@code nd4j} or {@code auto} (default)
 * decides; auto means Java on the CPU backend and ND4J otherwise. It is read when a layer creates
 * its kernel (its first forward pass), so tests can switch it per network. Models without an
 * ND4J kernel use their Java kernel on every backend.
 */
public enum KernelChoice {
    JAVA,
    ND4J;

    public static final String PROPERTY = "snnspark.kernel";

    /** The choice for new kernels, from the property and the active ND4J backend. */
    public static KernelChoice current() {
        return choose(System.getProperty(PROPERTY, "auto"),
                Nd4j.getExecutioner().type() == OpExecutioner.ExecutionerType.NATIVE_CPU);
    }

    /** The decision itself: {@code setting} is the property's value, {@code cpuBackend} whether ND4J runs on the CPU. */
    public static KernelChoice choose(String setting, boolean cpuBackend) {
        switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "java":
                return JAVA;
            case "nd4j":
                return ND4J;
            case "auto":
            case "":
                return cpuBackend ? JAVA : ND4J;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be java, nd4j or auto, got " + setting);
        }
    }
}
