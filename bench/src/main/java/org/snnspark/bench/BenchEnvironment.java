package org.snnspark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a figure depends on besides the code: threads, ND4J backend and BLAS, JVM, CPU, and the
 * machine's load average when the run started (figures taken under load are not comparable).
 * Every JSON line carries it, so a line stands on its own.
 */
public final class BenchEnvironment {
  private BenchEnvironment() {}

  /** Collects the environment now; {@code command} is the bench's own argument list. */
  public static Map<String, Object> collect(List<String> command) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    env.put("command", "bench " + String.join(" ", command));
    env.put("load_avg_start", loadAverage());
    env.put("cpu", cpuModel());
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
    env.put("openblas_thread_timeout", System.getenv("OPENBLAS_THREAD_TIMEOUT"));
    env.put("omp_wait_policy", System.getenv("OMP_WAIT_POLICY"));
    env.put("nd4j_threads", Nd4j.getEnvironment().maxThreads());
    env.put("nd4j_master_threads", Nd4j.getEnvironment().maxMasterThreads());
    try {
      env.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
      env.put("blas_vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      env.put("blas_threads", null);
      env.put("blas_vendor", "unknown: " + e.getMessage());
    }
    env.put("backend", Nd4j.getBackend().getClass().getName());
    env.put("dtype", "float32");
    env.put("kernel_simd", org.snnspark.models.engine.VectorSupport.describe());
    env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    env.put("max_heap_gb", Math.round(Runtime.getRuntime().maxMemory() / 1e8) / 10.0);
    return env;
  }

  /** The 1, 5 and 15 minute load averages (what {@code uptime} prints), or null off Linux. */
  public static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (IOException | RuntimeException e) {
      double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? null : new double[] {one};
    }
  }

  /** The 1-minute load average now, or NaN when unknown. */
  public static double loadNow() {
    double[] l = loadAverage();
    return l == null ? Double.NaN : l[0];
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
