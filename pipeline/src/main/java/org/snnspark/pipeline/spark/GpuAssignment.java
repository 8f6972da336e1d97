package org.snnspark.pipeline.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a training task on the GPU Spark assigned it. With {@code spark.executor.resource.gpu.*}
 * and {@code spark.task.resource.gpu.amount} set, each task is handed GPU addresses (from the
 * discovery script); ND4J's CUDA backend picks the device per thread, so the task's thread is
 * attached to its first GPU before DL4J builds the worker's network on it.
 */
public final class GpuAssignment {
  public static final String RESOURCE = "gpu";
  private static final Logger LOG = LoggerFactory.getLogger(GpuAssignment.class);
  private static final AtomicBoolean WARNED_CPU = new AtomicBoolean();

  private GpuAssignment() {}

  /** The GPU addresses of the running Spark task; empty outside a task or without GPUs. */
  public static List<String> taskGpus() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return List.of();
    }
    scala.Option<ResourceInformation> gpu = task.resources().get(RESOURCE);
    if (gpu.isEmpty()) {
      return List.of();
    }
    return new ArrayList<>(List.of(gpu.get().addresses()));
  }

  /** The CUDA device index for a task's addresses (the first one; addresses are device ids). */
  public static int deviceOf(List<String> addresses) {
    String first = addresses.get(0).trim();
    try {
      return Integer.parseInt(first);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("GPU address '" + first + "' from Spark's discovery script"
          + " is not a CUDA device index (the script must print nvidia-smi's indices)", e);
    }
  }

  /**
   * Attaches the calling thread to the task's GPU on a CUDA backend. Returns the device used, or
   * -1 when there is nothing to do (no GPU assigned, or a CPU backend, which is reported once).
   */
  public static int bindCurrentThread() {
    List<String> gpus = taskGpus();
    if (gpus.isEmpty()) {
      return -1;
    }
    int device = deviceOf(gpus);
    if (!isCudaBackend()) {
      if (WARNED_CPU.compareAndSet(false, true)) {
        LOG.warn("Spark assigned GPU {} but ND4J runs on the CPU backend; build with -Pcuda to"
            + " use it", gpus);
      }
      return -1;
    }
    int devices = Nd4j.getAffinityManager().getNumberOfDevices();
    if (device >= devices) {
      throw new IllegalStateException("Spark assigned GPU " + device + " but ND4J sees " + devices
          + " device(s): check CUDA_VISIBLE_DEVICES against the discovery script");
    }
    // ND4J-CUDA keeps the device per thread; "unsafe" only because arrays already on another
    // device would not move: this runs before the task creates any
    Nd4j.getAffinityManager().unsafeSetDevice(device);
    return device;
  }

  static boolean isCudaBackend() {
    return Nd4j.getBackend().getClass().getName().toLowerCase(java.util.Locale.ROOT).contains("cuda");
  }
}
