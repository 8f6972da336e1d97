package org.snnspark.preprocess.dataset;

import java.time.Duration;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import scala.Option;

/**
 * The Spark jobs one piece of driver work starts, under a job group of their own, so that after a
 * failure the driver can wait for their last task. Why: when one task of a job fails, Spark fails
 * the job at once while the job's other tasks are still running; a task writing into a temporary
 * directory the driver has just deleted recreates it (HDFS and local filesystems create missing
 * parents). Tasks of this group are interrupted on cancellation.
 *
 * <p>Opened on the thread that runs the jobs; {@link #close()} restores the thread's previous
 * group, description and interrupt setting.
 */
final class JobGroup implements AutoCloseable {
  private static final String GROUP = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";
  private static final long POLL_MILLIS = 20;

  private final SparkContext sc;
  private final String id;
  private final String previousGroup;
  private final String previousDescription;
  private final String previousInterrupt;

  JobGroup(SparkContext sc, String description) {
    this.sc = sc;
    this.id = "snn-spark-" + UUID.randomUUID();
    previousGroup = sc.getLocalProperty(GROUP);
    previousDescription = sc.getLocalProperty(DESCRIPTION);
    previousInterrupt = sc.getLocalProperty(INTERRUPT);
    sc.setJobGroup(id, description, true);
  }

  /**
   * Cancels whatever of the group still runs and waits until none of its tasks is active, at most
   * {@code timeout}.
   *
   * @return true if no task of the group was active when it returned
   */
  boolean cancelAndAwaitTasks(Duration timeout) throws InterruptedException {
    sc.cancelJobGroup(id);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (activeTasks() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }

  /** Tasks of the group's jobs that Spark's status store still counts as running. */
  int activeTasks() {
    SparkStatusTracker tracker = sc.statusTracker();
    int active = 0;
    for (int job : tracker.getJobIdsForGroup(id)) {
      Option<SparkJobInfo> info = tracker.getJobInfo(job);
      if (info.isEmpty()) {
        continue;
      }
      for (int stage : info.get().stageIds()) {
        Option<SparkStageInfo> s = tracker.getStageInfo(stage);
        if (s.isDefined()) {
          active += s.get().numActiveTasks();
        }
      }
    }
    return active;
  }

  String id() {
    return id;
  }

  @Override
  public void close() {
    sc.setLocalProperty(GROUP, previousGroup);
    sc.setLocalProperty(DESCRIPTION, previousDescription);
    sc.setLocalProperty(INTERRUPT, previousInterrupt);
  }
}
