package org.snnspark.preprocess.dataset;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;

/**
 * Logs a job's read progress (an accumulator the read tasks add to) at most every five seconds,
 * as tasks finish. Register with {@code sparkContext().addSparkListener} around the read stage.
 */
public final class ReadProgress extends SparkListener {
  private final Logger log;
  private final LongAccumulator read;
  private final long total;
  private final long start = System.nanoTime();
  private long lastLog = System.nanoTime();

  public ReadProgress(Logger log, LongAccumulator read, long total) {
    this.log = log;
    this.read = read;
    this.total = total;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    long now = System.nanoTime();
    if (now - lastLog < 5_000_000_000L) {
      return;
    }
    lastLog = now;
    long n = read.value();
    double s = (now - start) / 1e9;
    log.info("read {} / {} samples ({}%), {} samples/s", n, total, 100 * n / Math.max(1, total),
        String.format("%.0f", n / s));
  }
}
