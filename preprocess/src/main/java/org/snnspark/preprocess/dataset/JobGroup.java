package org.snnspark.preprocess.dataset;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.JobFailed;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The Spark jobs one piece of driver work starts, under a job group of their own, so that after a
 * failure the driver can wait for their last task. Why: when one task of a job fails, Spark fails
 * the job at once while the job's other tasks are still running; a task writing into a temporary
 * directory the driver has just deleted recreates it (HDFS and local filesystems create missing
 * parents). Tasks of this group are interrupted on cancellation.
 *
 * <p>Which tasks still run is counted by a listener of the group's own, not read from Spark's
 * status store at some moment: listener events arrive asynchronously, in order, and Spark posts a
 * failed job's end after the start of every task it launched — so once the failed job's end has
 * arrived, the count covers every task the group started.
 *
 * <p>Opened on the thread that runs the jobs; {@link #close()} restores the thread's previous
 * group, description and interrupt setting and removes the listener.
 */
final class JobGroup implements AutoCloseable {
  private static final String GROUP = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";
  private static final long POLL_MILLIS = 20;

  private final SparkContext sc;
  private final String id;
  private final Tasks tasks = new Tasks();
  private final String previousGroup;
  private final String previousDescription;
  private final String previousInterrupt;

  JobGroup(SparkContext sc, String description) {
    this.sc = sc;
    this.id = "snn-spark-" + UUID.randomUUID();
    previousGroup = sc.getLocalProperty(GROUP);
    previousDescription = sc.getLocalProperty(DESCRIPTION);
    previousInterrupt = sc.getLocalProperty(INTERRUPT);
    sc.addSparkListener(tasks);
    sc.setJobGroup(id, description, true);
  }

  /**
   * After a Spark job of the group failed: cancels whatever of the group still runs and waits, at
   * most {@code timeout}, until the failed job's end has arrived and none of the group's tasks
   * runs.
   *
   * @return true if no task of the group was running when it returned
   */
  boolean cancelAndAwaitTasks(Duration timeout) throws InterruptedException {
    sc.cancelJobGroup(id);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!tasks.settled()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }

  /** Tasks of the group's jobs that have started and not ended, as far as the listener has heard. */
  int runningTasks() {
    return tasks.running();
  }

  String id() {
    return id;
  }

  @Override
  public void close() {
    sc.removeSparkListener(tasks);
    sc.setLocalProperty(GROUP, previousGroup);
    sc.setLocalProperty(DESCRIPTION, previousDescription);
    sc.setLocalProperty(INTERRUPT, previousInterrupt);
  }

  /** Counts the group's running tasks from Spark's listener events. */
  private final class Tasks extends SparkListener {
    private final Set<Integer> jobs = new HashSet<>();
    private final Set<Integer> ended = new HashSet<>();
    private final Set<Integer> stages = new HashSet<>();
    private boolean failedJobEnded;
    private int running;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
      if (e.properties() != null && id.equals(e.properties().getProperty(GROUP))) {
        jobs.add(e.jobId());
        scala.collection.Iterator<Object> it = e.stageIds().iterator();
        while (it.hasNext()) {
          stages.add((Integer) it.next());
        }
      }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
      if (jobs.contains(e.jobId())) {
        ended.add(e.jobId());
        failedJobEnded |= e.jobResult() instanceof JobFailed;
      }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart e) {
      if (stages.contains(e.stageId())) {
        running++;
      }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
      if (stages.contains(e.stageId())) {
        running--;
      }
    }

    synchronized int running() {
      return running;
    }

    /** A failed job's end has arrived, every job seen has ended, no task runs. */
    synchronized boolean settled() {
      return failedJobEnded && ended.containsAll(jobs) && running == 0;
    }
  }
}
