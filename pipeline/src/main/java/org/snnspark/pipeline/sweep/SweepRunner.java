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
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.pipeline.train.SparkTrainer;
import org.snnspark.pipeline.train.TrainResult;

/**
 * Runs a sweep's trials, each an ordinary one-worker training ({@link SparkTrainer}, no averaging),
 * {@code parallel} at a time from as many driver threads: their Spark jobs run side by side, and
 * Spark places each job's task on whichever executor has free cores. The sweep directory
 * ({@code trials/<id>/} run directories, {@code trials.parquet}, {@code leaderboard.txt},
 * {@code best/}, the spec as {@code sweep.toml}) appears only once every trial has ended.
 */
public final class SweepRunner {
  /** The file every sweep directory holds, which lets --overwrite replace one. */
  public static final String MARKER = "sweep.toml";
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

  private final SweepSpec spec;
  private final String specText;
  private final List<Trial> trials;
  private final int parallel;
  private final RungBoard rungs;

  public SweepRunner(SweepSpec spec, String specText, List<Trial> trials, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
    }
    this.spec = spec;
    this.specText = specText;
    this.trials = trials;
    this.parallel = parallel;
    this.rungs = spec.earlyStopping() == null ? null : new RungBoard(spec.earlyStopping(), spec.maximise());
  }

  /** The outcomes in trial order and the leaderboard; the sweep directory is {@code output}. */
  public record Result(List<TrialOutcome> outcomes, Leaderboard leaderboard) {}

  public Result run(SparkSession spark, String output, boolean overwrite) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (StagedOutput out = StagedOutput.begin(jsc.hadoopConfiguration(), output, overwrite, MARKER, "sweep")) {
      out.writeString(MARKER, specText);
      List<TrialOutcome> outcomes = runTrials(spark, out);
      Leaderboard board = new Leaderboard(outcomes, spec.metric(), spec.maximise());
      TrialOutcome best = board.best().orElseThrow(() -> new IllegalStateException("no trial of "
          + trials.size() + " gave a " + spec.metric().key() + "; first error: " + firstError(outcomes)));
      TrialTable.write(spark, spec.axes(), outcomes, spec.metric(), out.resolve("trials.parquet").toString());
      out.writeString("leaderboard.txt", board.render());
      copy(out, best.trial().runDir(), "best");
      out.commit();
      return new Result(outcomes, board);
    }
  }

  private List<TrialOutcome> runTrials(SparkSession spark, StagedOutput out) {
    long start = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "sweep-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<TrialOutcome>> futures = new ArrayList<>();
      for (Trial trial : trials) {
        trial.config().output = out.resolve(trial.runDir()).toString();
        futures.add(pool.submit(() -> {
          TrialOutcome o = runOne(spark, trial);
          logFinished(o, done.incrementAndGet(), start);
          return o;
        }));
      }
      List<TrialOutcome> outcomes = new ArrayList<>();
      for (Future<TrialOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a trial could not be run: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A trial's failure is its row's status, not the sweep's: the other trials still count. */
  private TrialOutcome runOne(SparkSession spark, Trial trial) {
    spark.sparkContext().setJobGroup("sweep-trial-" + trial.id(), "sweep trial " + trial.id() + " " + trial.describe(), false);
    long t0 = System.nanoTime();
    List<EpochStats> seen = new ArrayList<>();
    SparkTrainer trainer = new SparkTrainer(trial.config()).addEpochListener(stats -> {
      seen.add(stats);
      // a rung at the last epoch decides nothing: the trial has ended anyway
      if (rungs != null && rungs.isRung(stats.epoch()) && stats.epoch() < trial.config().epochs
          && !rungs.continues(stats.epoch(), spec.metric().after(seen))) {
        throw new TrialStopped(stats.epoch(), spec.metric().after(seen));
      }
    });
    try {
      TrainResult r = trainer.run(spark);
      return outcome(trial, TrialStatus.SUCCEEDED, spec.metric().of(r), r.bestEpoch(), r.testAccuracy(), seen, t0, null);
    } catch (RuntimeException e) {
      TrialStopped stopped = stoppedIn(e);
      if (stopped != null) {
        return outcome(trial, TrialStatus.STOPPED, spec.metric().after(seen), bestEpoch(seen), null, seen, t0, null);
      }
      LOG.warn("trial {} ({}) failed: {}", trial.id(), trial.describe(), e.toString());
      return outcome(trial, TrialStatus.FAILED, Double.NaN, 0, null, seen, t0, e.toString());
    }
  }

  private static TrialOutcome outcome(Trial trial, TrialStatus status, double metric, int bestEpoch, Double test,
      List<EpochStats> seen, long t0, String error) {
    List<Double> valid = new ArrayList<>();
    List<Double> loss = new ArrayList<>();
    for (EpochStats e : seen) {
      valid.add(e.validAccuracy());
      loss.add(e.trainLoss());
    }
    return new TrialOutcome(trial, status, metric, bestEpoch, test, valid, loss, seconds(t0), error);
  }

  private static int bestEpoch(List<EpochStats> seen) {
    EpochStats best = seen.get(0);
    for (EpochStats e : seen) {
      if (e.validAccuracy() > best.validAccuracy()) {
        best = e;
      }
    }
    return best.epoch();
  }

  private static TrialStopped stoppedIn(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof TrialStopped s) {
        return s;
      }
    }
    return null;
  }

  private void logFinished(TrialOutcome o, int done, long start) {
    double elapsed = seconds(start);
    double eta = elapsed / done * (trials.size() - done);
    LOG.info(String.format(Locale.ROOT, "trial %s %s (%s seed=%d): %s %.4f after %d of %d epochs in %.0f s;"
        + " %d/%d done, ETA %.0f s", o.trial().id(), o.status(), o.trial().describe(), o.trial().seed(),
        spec.metric().key(), o.metric(), o.validAccuracy().size(), o.trial().config().epochs, o.seconds(), done,
        trials.size(), eta));
  }

  private static void copy(StagedOutput out, String from, String to) {
    try {
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
