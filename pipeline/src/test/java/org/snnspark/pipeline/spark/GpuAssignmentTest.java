package org.snnspark.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU assignment pieces that need no cluster. Spark's local mode does not schedule task resources,
 * so the scheduling itself (a fake discovery script, one GPU per task) is tested on the loopback
 * standalone cluster.
 */
class GpuAssignmentTest {
  @TempDir Path dir;

  @Test
  void outsideATaskThereIsNoGpu() {
    assertTrue(GpuAssignment.taskGpus().isEmpty());
    assertEquals(-1, GpuAssignment.bindCurrentThread());
  }

  @Test
  void addressesMustBeDeviceIndices() {
    assertEquals(3, GpuAssignment.deviceOf(List.of("3", "4")));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GpuAssignment.deviceOf(List.of("GPU-5f3e")));
    assertTrue(e.getMessage().contains("GPU-5f3e"), e.getMessage());
  }

  @Test
  void theShippedDiscoveryScriptFailsLoudlyWithoutNvidiaSmi() throws Exception {
    Path script = Path.of("..", "submit", "gpu-discovery.sh").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
    pb.environment().put("PATH", dir.toString()); // no nvidia-smi here
    pb.environment().remove("CUDA_VISIBLE_DEVICES");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(1, p.waitFor(), out);
    assertTrue(out.contains("nvidia-smi not found"), out);

    // with a stand-in nvidia-smi reporting three GPUs, it prints Spark's resource JSON
    Path fake = dir.resolve("nvidia-smi");
    Files.writeString(fake, "#!/bin/sh\nprintf '0\\n1\\n2\\n'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    pb = new ProcessBuilder("bash", script.toString());
    pb.environment().put("PATH", dir + ":/usr/bin:/bin");
    pb.environment().remove("CUDA_VISIBLE_DEVICES");
    p = pb.start();
    out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor());
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\", \"2\"]}", out);

    pb.environment().put("CUDA_VISIBLE_DEVICES", "2,0");
    p = pb.start();
    out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor());
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", out,
        "CUDA renumbers visible devices from 0");
  }
}
