package org.snnspark.preprocess.testutil;

import java.io.IOException;
import java.time.Instant;
import org.snnspark.preprocess.dataset.JobOwner;

/** The owner of a job that has ended: a short-lived process of this host, started and killed. */
public final class DeadJob {
  private DeadJob() {}

  public static JobOwner owner() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sleep", "30").start();
    long start = p.toHandle().info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    p.destroyForcibly();
    p.waitFor();
    JobOwner self = JobOwner.current();
    return new JobOwner(self.host(), p.pid(), start);
  }
}
