package org.snnspark.models.engine;

/**
 * Whether the kernels' SIMD loops run in this JVM. They are written with the JDK's Vector API
 * (the incubator module {@code jdk.incubator.vector} of Java 17), because C2 leaves the kernels'
 * loops scalar: they store at one offset and load at another of arrays it cannot prove distinct,
 * and it never reorders a floating-point sum. The module must be added to the JVM
 * ({@code --add-modules=jdk.incubator.vector}; the launchers, Spark's executor options and the
 * tests do); without it, on a CPU whose vectors are narrower than 256 bits, or with
 * {@code -Dsnnspark.kernel.vector=false}, the kernels run their scalar loops, which compute
 * exactly the same bits (every SIMD loop here has a scalar twin with the same operations in the
 * same order, tested equal).
 */
public final class VectorSupport {
    /** System property that turns the SIMD loops off ({@code false}); default on. */
    public static final String PROPERTY = "snnspark.kernel.vector";
    static final String MODULE = "jdk.incubator.vector";

    /** Why the SIMD loops do not run in this JVM, or null when they do. */
    private static final String OFF = detect();

    /** True when the SIMD loops run. */
    public static final boolean ENABLED = OFF == null;

    static {
        if (OFF != null && OFF.contains("--add-modules")) {
            // once per JVM: an executor started without the flag trains correctly but slower
            org.slf4j.LoggerFactory.getLogger(VectorSupport.class).warn("spiking layers run their scalar loops,"
                    + " about 1.5x slower: start this JVM with --add-modules=" + MODULE
                    + " (spark.executor.extraJavaOptions; the launchers in submit/ do)");
        }
    }

    private VectorSupport() {
    }

    /** Why the SIMD loops do not run, or null when they do. */
    private static String detect() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return "off (-D" + PROPERTY + "=false)";
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "off (JVM started without --add-modules=" + MODULE + ")";
        }
        try {
            int bits = SimdLanes.preferredBits();
            return bits >= 256 ? null : "off (this CPU's vectors are " + bits + " bits)";
        } catch (LinkageError e) {
            return "off (" + e + ")";
        }
    }

    /** For logs and bench output: "on (512-bit)" or why not. */
    public static String describe() {
        return OFF != null ? OFF : "on (" + SimdLanes.preferredBits() + "-bit)";
    }
}
