package org.snnspark.pipeline.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.pipeline.train.ResumePoint;
import org.snnspark.pipeline.train.RunMetrics;
import org.snnspark.pipeline.train.SparkTrainer;
import org.snnspark.pipeline.train.TrainResult;

/**
 * Runs a sweep's trials, each an ordinary one-worker training ({@link SparkTrainer}, no averaging),
 * {@code parallel} jobs at a time from as many driver threads: their Spark jobs run side by side,
 * and Spark places each job's task on whichever executor has free cores. Which trial trains to
 * which epoch next is {@link AshaScheduler}'s: a promoted trial continues its run from the
 * checkpoint of its last rung, as {@code train --resume} would. Every job that ends is recorded in
 * the {@link SweepJournal}; the sweep directory ({@code trials/<id>/} run directories,
 * {@code trials.parquet}, {@code leaderboard.txt}, {@code metric.svg}, {@code best/}, the spec as
 * {@code sweep.toml}) appears only once the sweep has ended. Until then it is staged as the hidden
 * {@code .<name>.inprogress}, which a killed sweep leaves for {@code --resume}.
 */
public final class SweepRunner {
  /** The file every sweep directory holds, which lets --overwrite replace one. */
  public static final String MARKER = "sweep.toml";
  /** The dataset the sweep's trials train on (qualified), so that {@code --resume} goes on with the same. */
  static final String DATASET_RECORD = "dataset.txt";
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
  /** Tries of a job: a failure is tried once more from the trial's newest checkpoint. */
  private static final int ATTEMPTS = 2;

  private final SweepSpec spec;
  private final String specText;
  private final List<Trial> trials;
  private final int parallel;

  public SweepRunner(SweepSpec spec, String specText, List<Trial> trials, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
    }
    this.spec = spec;
    this.specText = specText;
    this.trials = trials;
    this.parallel = parallel;
  }

  /** The outcomes in trial order and the leaderboard; the sweep directory is {@code output}. */
  public record Result(List<TrialOutcome> outcomes, Leaderboard leaderboard) {}

  /**
   * @param resume continue the sweep a killed driver left in {@code output}'s staging directory:
   *     the jobs its journal records are not run again, unfinished trials continue from their
   *     checkpoints
   */
  public Result run(SparkSession spark, String output, boolean overwrite, boolean resume) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (StagedOutput out = StagedOutput.resumable(conf, output, overwrite, resume, MARKER, "sweep")) {
      String dataset = qualifiedDataset(conf);
      requireSameSpec(out);
      requireSameDataset(out, dataset);
      out.writeString(MARKER, specText);
      out.writeString(DATASET_RECORD, dataset + "\n");
      SweepJournal journal = new SweepJournal(out);
      List<RungResult> recorded = journal.read();
      if (!recorded.isEmpty()) {
        LOG.info("resuming sweep {}: {} finished job(s) in its journal are not run again", out.target(),
            recorded.size());
      }
      AshaScheduler scheduler = new AshaScheduler(trials, spec.earlyStopping(), spec.maximise(), recorded);
      runJobs(spark, out, scheduler, journal);
      List<TrialOutcome> outcomes = scheduler.outcomes();
      Leaderboard board = new Leaderboard(outcomes, spec.metric(), spec.maximise());
      TrialOutcome best = board.best().orElseThrow(() -> new IllegalStateException("no trial of "
          + trials.size() + " gave a " + spec.metric().key() + "; first error: " + firstError(outcomes)));
      TrialTable.write(spark, spec.axes(), outcomes, spec.metric(), out.resolve("trials.parquet").toString());
      out.writeString("leaderboard.txt", board.render());
      out.writeString("metric.svg", MetricPlot.svg(spec, outcomes));
      copy(out, best.trial().runDir(), "best");
      out.commit();
      return new Result(outcomes, board);
    }
  }

  /** A resumed sweep must be the one that was started: its trials, ids and run directories are the spec's. */
  private void requireSameSpec(StagedOutput out) {
    out.readString(MARKER).filter(before -> !before.equals(specText)).ifPresent(before -> {
      throw new IllegalArgumentException("sweep spec " + spec.source() + " differs from the spec the"
          + " interrupted sweep started with (" + out.resolve(MARKER) + "): resume with that spec, or --overwrite");
    });
  }

  /**
   * A resumed sweep trains on the dataset it started with: its finished trials are not trained
   * again, so a new dataset would rank trials of two datasets in one table.
   */
  private static void requireSameDataset(StagedOutput out, String dataset) {
    out.readString(DATASET_RECORD).map(String::strip).filter(before -> !before.equals(dataset)).ifPresent(before -> {
      throw new IllegalArgumentException("--dataset " + dataset + " differs from the dataset the interrupted"
          + " sweep trained on (" + before + "): resume with --dataset " + before + ", or --overwrite");
    });
  }

  private String qualifiedDataset(Configuration conf) {
    String dataset = trials.get(0).config().dataset;
    try {
      Path path = new Path(dataset);
      return path.getFileSystem(conf).makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve --dataset " + dataset + ": " + e.getMessage(), e);
    }
  }

  private void runJobs(SparkSession spark, StagedOutput out, AshaScheduler scheduler, SweepJournal journal) {
    long start = System.nanoTime();
    AtomicInteger jobs = new AtomicInteger();
    for (Trial trial : trials) {
      trial.config().output = out.resolve(trial.runDir()).toString();
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "sweep-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> threads = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        threads.add(pool.submit(() -> {
          for (AshaScheduler.Job job = scheduler.next().orElse(null); job != null;
              job = scheduler.next().orElse(null)) {
            runJob(spark, job, scheduler, journal);
            jobs.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : threads) {
        f.get();
      }
      LOG.info(String.format(Locale.ROOT, "sweep: %d job(s) in %.0f s", jobs.get(), seconds(start)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the sweep stopped: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Trains {@code job}'s trial to its rung's epochs and records it. A trial's failure is its row's
   * status, not the sweep's: the other trials still count. A stopped SparkContext is the sweep's
   * end, not the trials': nothing is recorded, and --resume runs those jobs again.
   */

  /**
   * Trains {@code job}'s trial to its rung's epochs and records it. A failed attempt (an executor
   * lost more often than Spark retries a task, a filesystem error) is tried once more, from the
   * trial's newest checkpoint; a trial that fails again is its row's status, not the sweep's: the
   * other trials still count. A stopped SparkContext is the sweep's end, not the trial's: nothing
   * is recorded, and --resume runs those jobs again.
   */
  private void runJob(SparkSession spark, AshaScheduler.Job job, AshaScheduler scheduler, SweepJournal journal) {
    Trial trial = job.trial();
    spark.sparkContext().setJobGroup("sweep-trial-" + trial.id(), "sweep trial " + trial.id() + " "
        + trial.describe(), false);
    for (int attempt = 1; ; attempt++) {
      try {
        RungResult result = attempt(spark, job);
        journal.write(result);
        scheduler.reached(result);
        logJob(job, result);
        return;
      } catch (RuntimeException e) {
        if (spark.sparkContext().isStopped()) {
          scheduler.failed(trial, e.toString());
          throw new IllegalStateException("Spark stopped during trial " + trial.id() + ": " + e, e);
        }
        if (attempt < ATTEMPTS) {
          LOG.warn("trial {} ({}) failed: {}; trying again from its newest checkpoint", trial.id(), trial.describe(),
              e.toString());
          continue;
        }
        LOG.warn("trial {} ({}) failed {} times, last: {}", trial.id(), trial.describe(), ATTEMPTS, e.toString());
        scheduler.failed(trial, e.toString());
        return;
      }
    }
  }

  /** One attempt at a job: the trial's run continued from its newest checkpoint, if it has one. */
  private RungResult attempt(SparkSession spark, AshaScheduler.Job job) {
    Trial trial = job.trial();
    long t0 = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<EpochStats> history = new ArrayList<>(
        ResumePoint.of(conf, trial.config().output).map(s -> s.history).orElse(List.of()));
    int firstEpoch = history.size() + 1;
    if (job.last() && RunMetrics.exists(conf, trial.config().output)) {
      // killed after the trial's run was committed and before its journal entry: the run is the result
      TrainResult r = RunMetrics.read(conf, trial.config().output);
      return finished(job, r, r.epochs().size() + 1, t0);
    }
    if (!job.last() && history.size() >= job.epochs()) {
      // killed after the rung's checkpoint and before its journal entry: nothing to train
      return paused(job, history.subList(0, job.epochs()), firstEpoch, t0);
    }
    trial.config().resume = ResumePoint.exists(conf, trial.config().output);
    SparkTrainer trainer = new SparkTrainer(trial.config()).addEpochListener(stats -> {
      history.add(stats);
      if (!job.last() && stats.epoch() >= job.epochs()) {
        throw new RungReached(stats.epoch());
      }
    });
    return trained(spark, job, trainer, history, firstEpoch, t0);
  }

  /** Runs the trainer: to the end of the trial, or paused at the job's rung. */
  private RungResult trained(SparkSession spark, AshaScheduler.Job job, SparkTrainer trainer,
      List<EpochStats> history, int firstEpoch, long t0) {
    try {
      return finished(job, trainer.run(spark), firstEpoch, t0);
    } catch (RuntimeException e) {
      if (!reachedRung(e)) {
        throw e;
      }
      return paused(job, history, firstEpoch, t0);
    }
  }

  private RungResult finished(AshaScheduler.Job job, TrainResult r, int firstEpoch, long t0) {
    return new RungResult(job.trial().id(), job.rung(), r.epochs().size(), spec.metric().of(r), firstEpoch,
        seconds(t0), r.bestEpoch(), r.testAccuracy(), valid(r.epochs()), loss(r.epochs()));
  }

  private RungResult paused(AshaScheduler.Job job, List<EpochStats> history, int firstEpoch, long t0) {
    return new RungResult(job.trial().id(), job.rung(), history.size(), spec.metric().after(history), firstEpoch,
        seconds(t0), bestEpoch(history), null, valid(history), loss(history));
  }

  private static List<Double> valid(List<EpochStats> history) {
    return history.stream().map(EpochStats::validAccuracy).toList();
  }

  private static List<Double> loss(List<EpochStats> history) {
    return history.stream().map(EpochStats::trainLoss).toList();
  }

  /** The epoch train would keep as model.zip had the run ended here: the first with the best validation accuracy. */
  private static int bestEpoch(List<EpochStats> history) {
    EpochStats best = history.get(0);
    for (EpochStats e : history) {
      if (e.validAccuracy() > best.validAccuracy()) {
        best = e;
      }
    }
    return best.epoch();
  }

  private static boolean reachedRung(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof RungReached) {
        return true;
      }
    }
    return false;
  }

  private void logJob(AshaScheduler.Job job, RungResult r) {
    Trial t = job.trial();
    String what = job.last() ? "finished"
        : "reached rung " + (job.rung() + 1) + " of " + spec.earlyStopping().rungs().size();
    LOG.info(String.format(Locale.ROOT, "trial %s %s (%s seed=%d): %s %.4f after %d of %d epochs (from epoch %d)"
        + " in %.0f s", t.id(), what, t.describe(), t.seed(), spec.metric().key(), r.metric(), r.epochs(),
        t.config().epochs, r.firstEpoch(), r.seconds()));
  }

  private static void copy(StagedOutput out, String from, String to) {
    try {
      // a sweep resumed after its last steps had begun may find an older copy
      out.fs().delete(out.resolve(to), true);
      FileUtil.copy(out.fs(), out.resolve(from), out.fs(), out.resolve(to), false, out.fs().getConf());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static String firstError(List<TrialOutcome> outcomes) {
    return outcomes.stream().filter(o -> o.error() != null).map(TrialOutcome::error).findFirst().orElse("none");
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
