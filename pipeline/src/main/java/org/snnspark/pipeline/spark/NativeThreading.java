package org.snnspark.pipeline.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * How the native libraries' worker threads wait, set for every JVM that trains.
 * <p>
 * OpenBLAS (ND4J's GEMM) and libnd4j's OpenMP keep their worker threads spinning on a core for a
 * while after each operation, waiting for the next one. Between two GEMMs of a spiking layer the
 * work is the neuron model's time loop, plain Java on the same cores, and a spinning native
 * thread takes a core from it: measured here (2 cores, the sparch RadLIF training step) the
 * spinning was a quarter to a third of the process's CPU time. Threads that sleep at once cost a
 * wake-up of microseconds per GEMM instead. Both variables are read when the libraries load, so
 * they must be in the environment before the JVM starts: the launchers in {@code submit/} export
 * them for the driver (and a local-mode run), and {@link #applyTo} asks Spark to set them for
 * executors. A value the user has set is kept.
 */
public final class NativeThreading {
  /** The variables and the values used unless set. */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    // OpenBLAS: a worker spins 2^n cycles before it sleeps (its default, n = 28, is ~0.1 s)
    m.put("OPENBLAS_THREAD_TIMEOUT", "4");
    // OpenMP (libnd4j's own operations): sleep instead of spinning
    m.put("OMP_WAIT_POLICY", "PASSIVE");
    DEFAULTS = Map.copyOf(m);
  }

  private NativeThreading() {}

  /** Adds {@code spark.executorEnv.*} for each variable the configuration does not set yet. */
  public static void applyTo(SparkConf conf) {
    DEFAULTS.forEach((name, value) -> conf.setIfMissing("spark.executorEnv." + name, value));
  }

  /** The values this JVM started with (null: unset), for reports. */
  public static Map<String, String> current() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : DEFAULTS.keySet()) {
      out.put(name, System.getenv(name));
    }
    return out;
  }
}
