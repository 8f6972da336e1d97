package org.snnspark.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.InputEvents;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.singlespike.SingleSpikeModel;
import org.snnspark.models.spec.Flops;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.bench.BenchSettings.Point;
import org.snnspark.pipeline.distributed.RoundCostModel;
import org.snnspark.pipeline.spark.SparkSessions;

/**
 * Runs the measurements of one bench invocation in order — roofline, layer grid, RadLIF training
 * step (one network, then Spark), spike preprocessing, audio features — and emits one
 * {@link ResultLine} per measurement. A measurement that fails (out of memory, an exception) is
 * reported as a line with an {@code error} field and the run goes on; the exit code says whether
 * any failed. Progress goes to {@code progress} (stderr).
 */
public final class Bench {
  /** The sgemm shapes of the roofline: the RadLIF input projection (B 128 x T 100 rows), and a square one. */
  static final int[][] ROOFLINE_SHAPES = {{12800, 700, 128}, {2048, 2048, 2048}};
  /** The figures {@link AudioFeatureBench} reports, as measurement names (to apply the filter before running). */
  static final List<String> AUDIO_FIGURES = List.of("fbank", "mel+deltas", "wav+fbank", "resample 48k->16k");
  /**
   * Rounds a Spark measurement warms up for at least: fresh executor JVMs run DL4J's code
   * interpreted for tens of rounds (docs/distributed.md has the figures).
   */
  static final int EXECUTOR_WARMUP_ROUNDS = 30;
  /** A layer configuration is skipped when its estimated memory exceeds this share of the heap. */
  private static final double MEMORY_SHARE = 0.6;

  private final BenchSettings s;
  private final JsonLines out;
  private final PrintStream progress;
  private final long start = System.nanoTime();
  private final Map<Integer, Double> localStepRate = new HashMap<>();
  private double roofline = Double.NaN;
  private SparkSessions.Owned spark;
  /** How long opening the Spark session took (reported with the preprocessing job, which excludes it). */
  private double sparkStartSeconds = Double.NaN;
  private int emitted;
  private int failed;

  public Bench(BenchSettings settings, JsonLines out, PrintStream progress) {
    this.s = settings;
    this.out = out;
    this.progress = progress;
  }

  /** Runs everything selected; returns 0 when every measurement succeeded, 1 otherwise. */
  public int run() {
    try {
      roofline();
      layers();
      singleSpikeSpeedup();
      delays();
      recurrence();
      inputProducts();
      trainingSteps();
      sparkTrainingSteps();
      timeToAccuracy();
      roundCosts();
      preprocessing();
      inference();
      audio();
    } finally {
      if (spark != null) {
        spark.close();
      }
    }
    double[] load = BenchEnvironment.loadAverage();
    log("done: %d measurements, %d failed, %.0f s; load average now %s (checksum %.3g)", emitted, failed,
        elapsed(), load == null ? "unknown" : String.format(Locale.ROOT, "%.2f %.2f %.2f", load[0], load[1], load[2]),
        Timer.sink());
    return failed == 0 ? 0 : 1;
  }

  // ---- roofline ----

  /** Large float32 sgemm through ND4J, always measured: every fraction of the roofline refers to it. */
  private void roofline() {
    for (int[] shape : ROOFLINE_SHAPES) {
      int m = shape[0], k = shape[1], n = shape[2];
      String name = "roofline/sgemm " + m + "x" + k + "x" + n;
      INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
      INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
      INDArray c = Nd4j.create(DataType.FLOAT, m, n);
      ResultLine line = timed(name, "roofline", s.timer(), () -> {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        return c.getDouble(0);
      });
      if (line != null) {
        double gflops = Flops.gemm(m, k, n) / line.stats().median() / 1e9;
        roofline = Double.isNaN(roofline) ? gflops : Math.max(roofline, gflops);
        line.param("m", m).param("k", k).param("n", n)
            .put("gflop", Flops.gemm(m, k, n) / 1e9).put("gflops", gflops)
            .put("gflops_best_run", Flops.gemm(m, k, n) / line.stats().min() / 1e9);
        emit(line);
      }
    }
    log("roofline: %.1f GFLOP/s (the best sgemm median)", roofline);
  }

  // ---- one spiking layer per neuron model over the grid ----

  private void layers() {
    warmUpLayers();
    for (Point p : s.points()) {
      Map<String, Double> lif = new HashMap<>();
      for (NeuronType type : NeuronType.values()) {
        String prefix = "layer/" + type + "/" + p.label() + "/";
        Map<String, Boolean> modes = new LinkedHashMap<>();
        modes.put("fwd", s.selected(prefix + "fwd"));
        modes.put("fwd+bwd", s.selected(prefix + "fwd+bwd"));
        if (!modes.containsValue(true)) {
          continue;
        }
        long need = LayerBench.estimateBytes(type, p.hidden(), p.steps(), p.batch());
        long heap = Runtime.getRuntime().maxMemory();
        if (need > MEMORY_SHARE * heap) {
          modes.forEach((mode, on) -> {
            if (on) {
              emit(layerParams(new ResultLine(prefix + mode, "layer"), type, p).put("skipped", String.format(
                  Locale.ROOT, "needs ~%.1f GB, more than %.0f%% of the %.1f GB heap (raise SNN_DRIVER_MEMORY)",
                  need / 1e9, 100 * MEMORY_SHARE, heap / 1e9)));
            }
          });
          continue;
        }
        log("%s: calibrating the input for a firing rate of %.3f", prefix, s.firingRate());
        try (LayerBench lb = LayerBench.prepare(type, p.hidden(), p.steps(), p.batch(), s.firingRate(), s.seed())) {
          for (Map.Entry<String, Boolean> mode : modes.entrySet()) {
            if (!mode.getValue()) {
              continue;
            }
            boolean fwd = mode.getKey().equals("fwd");
            ResultLine line = timed(prefix + mode.getKey(), "layer", s.timer(),
                fwd ? lb::forward : lb::forwardBackward);
            if (line == null) {
              continue;
            }
            double median = line.stats().median();
            layerParams(line, type, p).param("mode", mode.getKey());
            throughput(line, p.batch(), fwd ? lb.forwardFlops() : lb.forwardBackwardFlops());
            line.put("firing_rate", lb.firingRate()).put("input_spike_height", lb.inputGain);
            if (type == LifModel.LIF) {
              lif.put(mode.getKey(), median);
            } else if (lif.containsKey(mode.getKey())) {
              line.put("speedup_vs_lif", lif.get(mode.getKey()) / median);
            }
            emit(line);
          }
        } catch (Exception | OutOfMemoryError e) {
          modes.forEach((mode, on) -> {
            if (on) {
              fail(prefix + mode, "layer", e);
            }
          });
        }
      }
    }
  }

  /**
   * Compiles every selected model's kernel before any is timed (on a small configuration), so the
   * first grid point's first model does not pay the JIT for the others.
   */
  private void warmUpLayers() {
    long t0 = System.nanoTime();
    int warmed = 0;
    for (NeuronType type : NeuronType.values()) {
      String marker = "layer/" + type + "/";
      boolean any = s.points().stream().anyMatch(p -> s.selected(marker + p.label() + "/fwd")
          || s.selected(marker + p.label() + "/fwd+bwd"));
      if (!any || s.timer().warmup() == 0) {
        continue;
      }
      try (LayerBench lb = LayerBench.prepare(type, 32, 20, 8, s.firingRate(), s.seed())) {
        for (int i = 0; i < 20; i++) {
          Timer.consume(lb.forward());
          Timer.consume(lb.forwardBackward());
        }
        warmed++;
      } catch (Exception | OutOfMemoryError e) {
        log("JIT warm-up of %s failed (its measurements will say why): %s", type, e);
      }
    }
    if (warmed > 0) {
      log("JIT warm-up of %d layer kernels: %.1f s", warmed, (System.nanoTime() - t0) / 1e9);
    }
  }

  // ---- the single-spike layer against the sequential LIF layer ----

  /** Sequence lengths of the single-spike speedup (FastSNN's figure: up to ~14x at long T, on a GPU). */
  static final int[] SPEEDUP_STEPS = {100, 500};

  /**
   * FastSNN's headline figure on this machine: the SINGLE_SPIKE layer's time against the LIF
   * layer's at the base hidden size and batch, T 100 and 500, forward and forward+backward, both
   * layers timed A/B interleaved. LIF fires at the grid's rate, SINGLE_SPIKE has half of its
   * neurons fire once ({@link LayerBench#rateFor}). Part of every run, {@code --quick} included.
   */
  private void singleSpikeSpeedup() {
    Point base = BenchSettings.BASE;
    for (int steps : SPEEDUP_STEPS) {
      Point p = new Point(base.hidden(), steps, base.batch());
      String prefix = "speedup/SINGLE_SPIKE-vs-LIF/" + p.label() + "/";
      List<String> modes = List.of("fwd", "fwd+bwd").stream().filter(m -> s.selected(prefix + m)).toList();
      if (modes.isEmpty()) {
        continue;
      }
      log("%s: calibrating both layers", prefix);
      try (LayerBench lif = LayerBench.prepare(LifModel.LIF, p.hidden(), steps, p.batch(), s.firingRate(), s.seed());
           LayerBench single = LayerBench.prepare(SingleSpikeModel.SINGLE_SPIKE, p.hidden(), steps, p.batch(),
               s.firingRate(), s.seed())) {
        for (String mode : modes) {
          boolean fwd = mode.equals("fwd");
          log("%s%s ...", prefix, mode);
          Timer.Timing[] t = s.timer().timeInterleaved(fwd ? lif::forward : lif::forwardBackward,
              fwd ? single::forward : single::forwardBackward);
          ResultLine line = layerParams(new ResultLine(prefix + mode, "speedup"), SingleSpikeModel.SINGLE_SPIKE, p)
              .param("mode", mode).timing(t[1]);
          double lifMedian = t[0].seconds().median();
          double ratio = lifMedian / t[1].seconds().median();
          throughput(line, p.batch(), fwd ? single.forwardFlops() : single.forwardBackwardFlops());
          line.put("firing_rate", single.firingRate()).put("lif_firing_rate", lif.firingRate())
              .put("lif_median_s", lifMedian).put("speedup_vs_lif", ratio)
              .put("note", String.format(Locale.ROOT, "SINGLE_SPIKE %.2fx faster than LIF (LIF %.1f ms, firing %.3f)",
                  ratio, 1e3 * lifMedian, lif.firingRate()));
          emit(line);
        }
      } catch (Exception | OutOfMemoryError e) {
        modes.forEach(m -> fail(prefix + m, "speedup", e));
      }
    }
  }

  /** The largest delay of the delay rows: SNN-delays' SHD kernel (250 ms at 10 ms steps, 25 taps). */
  static final int BENCH_MAX_DELAY = 24;

  /**
   * A LIF layer with learnable synaptic delays ({@code --delays 24}) at the base point, forward and
   * forward+backward: the delayed product over the non-zero inputs against the per-tap GEMMs
   * (-Dsnnspark.kernel.eventInput on / off, A/B interleaved), and what the delays cost against the
   * same layer without them (timed after). Part of every run.
   */
  private void delays() {
    Point p = BenchSettings.BASE;
    String prefix = "delays/LIF-d" + BENCH_MAX_DELAY + "/" + p.label() + "/";
    List<String> modes = List.of("fwd", "fwd+bwd").stream().filter(m -> s.selected(prefix + m)).toList();
    if (modes.isEmpty()) {
      return;
    }
    log("%s: calibrating both layers", prefix);
    try (LayerBench delayed = LayerBench.prepare(LifModel.LIF, p.hidden(), p.steps(), p.batch(), s.firingRate(),
        s.seed(), BENCH_MAX_DELAY);
         LayerBench plain = LayerBench.prepare(LifModel.LIF, p.hidden(), p.steps(), p.batch(), s.firingRate(),
             s.seed())) {
      for (String mode : modes) {
        boolean fwd = mode.equals("fwd");
        log("%s%s ...", prefix, mode);
        Timer.Work work = fwd ? delayed::forward : delayed::forwardBackward;
        Timer.Timing[] t = s.timer().timeInterleaved(() -> withEventInput("off", work),
            () -> withEventInput("on", work));
        Timer.Timing without = s.timer().time(fwd ? plain::forward : plain::forwardBackward);
        double gemm = t[0].seconds().median();
        double event = t[1].seconds().median();
        double none = without.seconds().median();
        ResultLine line = layerParams(new ResultLine(prefix + mode, "delays"), LifModel.LIF, p)
            .param("mode", mode).param("max_delay", BENCH_MAX_DELAY).timing(t[1]);
        line.put("firing_rate", delayed.firingRate()).put("gemm_median_s", gemm)
            .put("speedup_vs_gemm", gemm / event).put("no_delays_median_s", none)
            .put("cost_vs_no_delays", Math.min(gemm, event) / none)
            .put("note", String.format(Locale.ROOT, "event-driven %.2fx the speed of the per-tap GEMMs (%.1f ms);"
                + " %.1fx the layer without delays (%.1f ms)", gemm / event, 1e3 * gemm,
                Math.min(gemm, event) / none, 1e3 * none));
        emit(line);
      }
    } catch (Exception | OutOfMemoryError e) {
      modes.forEach(m -> fail(prefix + m, "delays", e));
    }
  }

  /** {@code work} with the event-driven input product forced on or off. */
  private static double withEventInput(String setting, Timer.Work work) throws Exception {
    String previous = System.getProperty(InputEvents.PROPERTY);
    System.setProperty(InputEvents.PROPERTY, setting);
    try {
      return work.call();
    } finally {
      if (previous == null) {
        System.clearProperty(InputEvents.PROPERTY);
      } else {
        System.setProperty(InputEvents.PROPERTY, previous);
      }
    }
  }

  /** Firing rates of the event-driven recurrence measurement: those of trained networks. */
  static final double[] RECURRENCE_RATES = {0.01, 0.05, 0.10, 0.20};

  /**
   * The recurrent products, event-driven against dense GEMMs ({@link RecurrenceBench}), at the
   * base point of the grid and the firing rates seen in training. Part of every run.
   */
  private void recurrence() {
    Point p = BenchSettings.BASE;
    for (double rate : RECURRENCE_RATES) {
      eventVsDense("recurrence", String.format(Locale.ROOT, "recurrence/%s/rate%.2f/", p.label(), rate),
          new String[] {"sV", "dV"}, new String[] {"s V", "s^T g"},
          () -> new RecurrenceBench(p.hidden(), p.steps(), p.batch(), rate, s.seed()),
          (line, b) -> line.param("hidden", p.hidden()).param("steps", p.steps()).param("batch", p.batch())
              .put("firing_rate", b.firingRate()),
          "");
    }
  }

  static final double[] INPUT_DENSITIES = {0.01, 0.03, 0.05, 0.10, 0.20};

  /**
   * The input products, event-driven against dense GEMMs ({@link InputProductBench}), at the base
   * point of the grid with 700 inputs and densities around binned spike data's. Part of every run.
   */
  private void inputProducts() {
    Point p = BenchSettings.BASE;
    for (double density : INPUT_DENSITIES) {
      eventVsDense("input", String.format(Locale.ROOT, "input/%s/density%.2f/", p.label(), density),
          new String[] {"xW", "dW"}, new String[] {"x W", "x^T g"},
          () -> new InputProductBench(LayerBench.INPUTS, p.hidden(), p.steps(), p.batch(), density, s.seed()),
          (line, b) -> line.param("inputs", LayerBench.INPUTS).param("hidden", p.hidden()).param("steps", p.steps())
              .param("batch", p.batch()).put("density", b.density()),
          String.format(Locale.ROOT, "; layers use it up to density %.2f", InputEvents.MAX_DENSITY));
    }
  }

  /**
   * One point of an event-driven against dense measurement: the forward product ({@code names[0]})
   * and the backward one ({@code names[1]}), each timed A/B interleaved with its dense GEMM.
   */
  private <B extends EventVsDense> void eventVsDense(String group, String prefix, String[] names, String[] operations,
      java.util.concurrent.Callable<B> make, java.util.function.BiConsumer<ResultLine, B> describe, String noteTail) {
    List<Integer> products = java.util.stream.IntStream.range(0, 2).filter(i -> s.selected(prefix + names[i])).boxed()
        .toList();
    if (products.isEmpty()) {
      return;
    }
    B bench;
    try {
      bench = make.call();
    } catch (Exception | OutOfMemoryError e) {
      products.forEach(i -> fail(prefix + names[i], group, e));
      return;
    }
    // milliseconds a call: more calls than elsewhere, so the JIT has compiled both sides
    Timer timer = new Timer(Math.max(10, s.timer().warmup()), Math.max(9, s.timer().repeats()), 0,
        Timer.BENCH_WARMUP_SECONDS);
    for (int i : products) {
      String name = prefix + names[i];
      try {
        boolean fwd = i == 0;
        log("%s ...", name);
        Timer.Timing[] t = timer.timeInterleaved(fwd ? bench::denseForward : bench::denseBackward,
            fwd ? bench::eventForward : bench::eventBackward);
        double dense = t[0].seconds().median();
        double event = t[1].seconds().median();
        ResultLine line = new ResultLine(name, group);
        describe.accept(line, bench);
        line.param("product", operations[i]).timing(t[1]);
        throughput(line, BenchSettings.BASE.batch(), bench.denseFlops());
        line.put("dense_median_s", dense).put("speedup_vs_dense", dense / event);
        if (fwd) {
          line.put("relative_difference", bench.mismatch());
        }
        line.put("note", String.format(Locale.ROOT, "event-driven %.2fx the speed of the dense GEMM (%.2f ms)%s",
            dense / event, 1e3 * dense, noteTail));
        emit(line);
      } catch (Exception | OutOfMemoryError e) {
        fail(name, group, e);
      }
    }
  }

  private static ResultLine layerParams(ResultLine line, NeuronType type, Point p) {
    return line.param("neuron", type.name()).param("recurrent", type.isRecurrent())
        .param("inputs", LayerBench.INPUTS).param("hidden", p.hidden()).param("steps", p.steps())
        .param("batch", p.batch()).param("classes", LayerBench.CLASSES);
  }

  // ---- the RadLIF training step ----

  private static String stepLabel(int batch) {
    return "RADLIF/h128x2/t" + TrainingBench.STEPS + "/b" + batch;
  }

  /**
   * Warm-up of the training step: in a fresh JVM its time falls by an order of magnitude over its
   * first calls, as batch-norm, dropout and Adam compile after the layers; without enough warm-up
   * a run of only the step ({@code --filter step/}) measures the JIT compiler, not the step.
   */
  static final int STEP_WARMUP_CALLS = 20;
  static final double STEP_WARMUP_SECONDS = 5.0;
  static final int STEP_REPEATS = 15;

  private void trainingSteps() {
    Timer timer = new Timer(Math.max(STEP_WARMUP_CALLS, s.timer().warmup()), Math.max(STEP_REPEATS, s.timer().repeats()),
        s.timer().minRunSeconds(), STEP_WARMUP_SECONDS);
    for (TrainingBench.StepNetwork network : TrainingBench.StepNetwork.values()) {
      for (int batch : s.stepBatches()) {
        String name = "step/" + network.label + "/h128x2/t" + TrainingBench.STEPS + "/b" + batch;
        if (s.selected(name)) {
          trainingStep(name, network, batch, timer);
        }
      }
    }
  }

  private void trainingStep(String name, TrainingBench.StepNetwork network, int batch, Timer timer) {
    try {
      TrainingBench.Local local = new TrainingBench.Local(network, batch, s.seed());
      // the square sgemm of the roofline timed in turn with the step: this VM's speed drifts by
      // 20% within minutes, so the fraction against an sgemm of the same minutes is stated too
      int[] square = ROOFLINE_SHAPES[ROOFLINE_SHAPES.length - 1];
      INDArray a = Nd4j.rand(DataType.FLOAT, square[0], square[1]);
      INDArray b = Nd4j.rand(DataType.FLOAT, square[1], square[2]);
      INDArray c = Nd4j.create(DataType.FLOAT, square[0], square[2]);
      log("%s ...", name);
      Timer.Timing[] t = timer.timeInterleaved(local::step, () -> {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        return c.getDouble(0);
      });
      ResultLine line = new ResultLine(name, "step").timing(t[0]);
      stepParams(line, network, batch).param("trainer", "MultiLayerNetwork.fit");
      double flops = network.flops(batch);
      if (Double.isNaN(flops)) {
        line.put("samples_per_s", batch / line.stats().median());
      } else {
        throughput(line, batch, flops);
        double nearby = Flops.gemm(square[0], square[1], square[2]) / t[1].seconds().median() / 1e9;
        line.put("roofline_nearby_gflops", nearby)
            .put("roofline_nearby_fraction", flops / line.stats().median() / 1e9 / nearby);
      }
      if (network == TrainingBench.StepNetwork.RADLIF) {
        localStepRate.put(batch, batch / line.stats().median());
      }
      line.put("firing_rates", local.firingRates());
      emit(line);
    } catch (Exception | OutOfMemoryError e) {
      fail(name, "step", e);
    }
  }

  private static ResultLine stepParams(ResultLine line, int batch) {
    return stepParams(line, TrainingBench.StepNetwork.RADLIF, batch);
  }

  private static ResultLine stepParams(ResultLine line, TrainingBench.StepNetwork network, int batch) {
    return line.param("neuron", network.spec.getNeuron().name()).param("delays", network.spec.getMaxDelay())
        .param("inputs", TrainingBench.INPUTS).param("hidden", TrainingBench.HIDDEN)
        .param("classes", TrainingBench.CLASSES).param("steps", TrainingBench.STEPS).param("batch", batch)
        .param("batch_norm", true).param("dropout", TrainingBench.spec().getDropout())
        .param("updater", "Adam(" + TrainingBench.LEARNING_RATE + ")");
  }

  /**
   * The training step through Spark with this project's training master ({@code spark/...}) and,
   * for comparison, DL4J's ({@code spark-dl4j/...}), one worker per core of the master.
   */
  private void sparkTrainingSteps() {
    for (int batch : s.sparkBatches()) {
      for (TrainingBench.Master master : TrainingBench.Master.values()) {
        String name = (master == TrainingBench.Master.ROUNDS ? "spark/" : "spark-dl4j/") + stepLabel(batch);
        if (s.selected(name)) {
          sparkTrainingStep(name, master, batch);
        }
      }
    }
  }

  private void sparkTrainingStep(String name, TrainingBench.Master master, int batch) {
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
      int workers = jsc.defaultParallelism();
      try (TrainingBench.Distributed d = new TrainingBench.Distributed(jsc, master, workers, batch,
          s.averagingFrequency(), s.seed())) {
        ResultLine line = timed(name, "spark", s.timer().warmingUpAtLeast(EXECUTOR_WARMUP_ROUNDS, 5), d::round);
        if (line == null) {
          return;
        }
        double median = line.stats().median();
        stepParams(line, batch).param("trainer", master == TrainingBench.Master.ROUNDS
                ? "SparkDl4jMultiLayer + RoundTrainingMaster" : "SparkDl4jMultiLayer + ParameterAveragingTrainingMaster")
            .param("master", jsc.master()).param("workers", workers)
            .param("averaging_frequency", s.averagingFrequency())
            .param("samples_per_round", d.samplesPerRound());
        line.put("seconds_per_round", median);
        d.phases().putInto(line, line.stats().n());
        throughput(line, d.samplesPerRound(), TrainingBench.flops(batch) * workers * s.averagingFrequency());
        Double local = localStepRate.get(batch);
        if (local != null) {
          double ratio = d.samplesPerRound() / median / local;
          line.put("vs_multilayernetwork", ratio).put("averaging_cost", 1 - ratio);
        }
        emit(line);
      }
    } catch (Exception | OutOfMemoryError e) {
      fail(name, "spark", e);
    }
  }

  // ---- time to accuracy ----

  /**
   * Epochs and wall time to the target validation accuracy for each averaging rule and worker
   * count, on one generated dataset per seed ({@link TimeToAccuracy}); each line also gives its
   * epochs relative to one worker's with the same rule, and with several datasets a total line per
   * rule and worker count sums them ({@link TtaTotals}).
   */
  private void timeToAccuracy() {
    BenchSettings.TimeToAccuracy t = s.timeToAccuracy();
    List<String> names = new java.util.ArrayList<>();
    for (TtaSetup setup : t.setups()) {
      for (int w : t.workers()) {
        names.add(ttaName(setup, w));
      }
    }
    if (names.stream().noneMatch(s::selected)) {
      return;
    }
    org.apache.spark.sql.SparkSession session = spark();
    List<Long> seeds = t.datasetSeeds();
    TtaTotals totals = new TtaTotals(t.maxEpochs());
    for (long seed : seeds) {
      timeToAccuracyOn(session, seed, seeds.size() > 1 ? "/s" + seed : "", totals);
    }
    if (seeds.size() > 1) {
      for (TtaSetup setup : t.setups()) {
        for (int w : t.workers()) {
          String name = ttaName(setup, w);
          if (totals.datasets(name) > 0) {
            emit(totals.line(name, ttaName(setup, 1)).param("workers", w).param("setup", setup)
                .param("target", t.target()));
          }
        }
      }
    }
  }

  /**
   * Every selected setup and worker count on the dataset generated with {@code seed}; lines named
   * with {@code suffix}, epochs recorded in {@code totals}.
   */
  private void timeToAccuracyOn(org.apache.spark.sql.SparkSession session, long seed, String suffix,
      TtaTotals totals) {
    BenchSettings.TimeToAccuracy t = s.timeToAccuracy();
    log("time to accuracy: generating and preprocessing %d HARD-profile samples (seed %d)", t.trainSamples(), seed);
    try (TimeToAccuracy tta = new TimeToAccuracy(session, t.trainSamples(), seed)) {
      // one worker trains alike in every setup (nothing to average): trained once per dataset
      TimeToAccuracy.Outcome oneWorker = null;
      for (TtaSetup setup : t.setups()) {
        for (int w : t.workers()) {
          String name = ttaName(setup, w);
          if (!s.selected(name)) {
            continue;
          }
          try {
            TimeToAccuracy.Outcome o;
            if (w == 1 && oneWorker != null) {
              o = oneWorker;
            } else {
              log("%s%s: training to %.0f%% validation accuracy (at most %d epochs)", name, suffix,
                  100 * t.target(), t.maxEpochs());
              o = tta.run(session, w, setup, t.target(), t.maxEpochs(), seed);
            }
            if (w == 1) {
              oneWorker = o;
            }
            emit(ttaLine(name + suffix, setup, w, t, o, oneWorker, session).param("dataset_seed", seed));
            totals.add(name, seed, o.epochsToTarget());
          } catch (Exception | OutOfMemoryError e) {
            fail(name + suffix, "tta", e);
          }
        }
      }
    } catch (Exception e) {
      fail("tta/dataset" + suffix, "tta", e);
    }
  }

  private static ResultLine ttaLine(String name, TtaSetup setup, int w, BenchSettings.TimeToAccuracy t,
      TimeToAccuracy.Outcome o, TimeToAccuracy.Outcome oneWorker, org.apache.spark.sql.SparkSession session) {
    ResultLine line = new ResultLine(name, "tta").param("workers", w).param("setup", setup)
        .param("target", t.target()).param("max_epochs", t.maxEpochs())
        .param("train_samples", o.samplesPerEpoch()).param("master", session.sparkContext().master())
        .param("cores", session.sparkContext().defaultParallelism())
        .put("valid_accuracy", o.validAccuracy()).put("wall_s", o.wallSeconds())
        .put("rounds_per_epoch", o.roundsPerEpoch());
    if (!o.noiseScales().isEmpty()) {
      line.put("gradient_noise_scale_by_epoch", o.noiseScaleValues());
    }
    if (w > 1 && oneWorker != null) {
      line.put("predicted_epochs_vs_1_worker", oneWorker.predictedEpochsFactor(w));
    }
    if (o.epochsToTarget() == 0) {
      return line.put("epochs_to_target", "not reached in " + t.maxEpochs());
    }
    line.put("epochs_to_target", o.epochsToTarget())
        .put("averaged_updates_to_target", (double) o.epochsToTarget() * o.roundsPerEpoch())
        .put("train_s_to_target", o.trainSecondsToTarget());
    if (oneWorker != null && oneWorker.epochsToTarget() > 0) {
      line.put("epochs_vs_1_worker", o.epochsToTarget() / (double) oneWorker.epochsToTarget())
          .put("train_time_vs_1_worker", o.trainSecondsToTarget() / oneWorker.trainSecondsToTarget());
    }
    return line;
  }

  private static String ttaName(TtaSetup setup, int workers) {
    return "tta/" + setup + "/w" + workers;
  }

  // ---- what a round costs, and what that predicts for larger clusters ----

  /** Hidden sizes of the round-cost networks: about 1.7 thousand, 70 thousand and 1.1 million parameters. */
  static final int[] ROUND_COST_HIDDEN = {32, 256, 1024};
  /** Cluster sizes of the prediction table. */
  static final int[] PREDICTED_EXECUTORS = {1, 2, 4, 8, 16, 32, 64};
  /** The network of the prediction table, 10 Gbit/s. */
  static final double NETWORK_BYTES_PER_SECOND = 10e9 / 8;

  /**
   * Times rounds of {@link RoundCostBench} for each hidden size and worker count, then fixes the
   * {@link RoundCostModel} from the rounds with as many workers as the master has cores (more
   * would share cores, which a cluster's executors do not): the smallest network's round is the
   * fixed cost, the largest network's extra time per byte moved (the state out once, back once per
   * worker; serialising, summing and applying included) the per-byte cost, taken as a bandwidth
   * when below the network's.
   */
  private void roundCosts() {
    int cores = spark().sparkContext().defaultParallelism();
    Map<Integer, Double> smallest = new HashMap<>();
    Map<Integer, double[]> largest = new HashMap<>();
    for (int hidden : ROUND_COST_HIDDEN) {
      for (int w : s.timeToAccuracy().workers()) {
        String name = "scaling/round/h" + hidden + "/w" + w;
        if (!s.selected(name)) {
          continue;
        }
        try (RoundCostBench b = new RoundCostBench(JavaSparkContext.fromSparkContext(spark().sparkContext()),
            hidden, w, s.seed())) {
          ResultLine line = timed(name, "scaling", s.timer().warmingUpAtLeast(EXECUTOR_WARMUP_ROUNDS, 2), b::round);
          if (line == null) {
            continue;
          }
          double t = line.stats().median();
          line.param("workers", w).param("parameters", b.parameters()).param("state_bytes", b.stateBytes())
              .param("master", spark().sparkContext().master()).put("seconds_per_round", t);
          b.phases().putInto(line, line.stats().n());
          emit(line);
          if (hidden == ROUND_COST_HIDDEN[0]) {
            smallest.put(w, t);
          } else if (hidden == ROUND_COST_HIDDEN[ROUND_COST_HIDDEN.length - 1]) {
            largest.put(w, new double[] {t, b.stateBytes()});
          }
        } catch (Exception | OutOfMemoryError e) {
          fail(name, "scaling", e);
        }
      }
    }
    int w = smallest.keySet().stream().filter(largest::containsKey).filter(n -> n <= cores)
        .max(Integer::compare).orElse(0);
    Double stepRate = localStepRate.get(32);
    if (w == 0 || stepRate == null) {
      return;
    }
    double fixed = smallest.get(w);
    double[] big = largest.get(w);
    double bytesPerSecond = big[1] * (1.0 + w) / Math.max(big[0] - fixed, 1e-6);
    double flops = TrainingBench.flops(32) / 32 * stepRate;
    RoundCostModel model = new RoundCostModel(fixed, Math.min(NETWORK_BYTES_PER_SECOND, bytesPerSecond), flops, 8);
    log("round cost model (from %d workers on %d cores): fixed %.1f ms a round, %.3g bytes/s (min of 10 Gbit/s"
        + " and %.3g measured), a worker trains at %.1f GFLOP/s (step/b32)", w, cores, fixed * 1e3,
        model.bytesPerSecond(), bytesPerSecond, flops / 1e9);
    for (RecipeShape r : RecipeShape.SEEDS) {
      predict(model, r);
    }
  }

  private void predict(RoundCostModel model, RecipeShape r) {
    long state = RoundCostModel.adamStateBytes(r.parameters());
    double flopsPerSample = r.flopsPerSample();
    double one = model.epochSeconds(r.trainSamples(), 1, r.batch(), 5, state, flopsPerSample);
    for (int n : PREDICTED_EXECUTORS) {
      String name = "scaling/predicted/" + r.name() + "/n" + n;
      if (!s.selected(name)) {
        continue;
      }
      int auto = model.autoFrequency(n, state, r.batch(), flopsPerSample);
      double epoch = model.epochSeconds(r.trainSamples(), n, r.batch(), 5, state, flopsPerSample);
      double epochAuto = model.epochSeconds(r.trainSamples(), n, r.batch(), auto, state, flopsPerSample);
      emit(new ResultLine(name, "scaling").param("recipe", r.name()).param("executors", n)
          .param("fixed_ms", model.fixedSeconds() * 1e3).param("bytes_per_s", model.bytesPerSecond())
          .param("worker_gflops", model.executorFlops() / 1e9)
          .param("parameters", r.parameters()).param("train_samples", r.trainSamples()).param("batch", r.batch())
          .param("network_gbit_s", NETWORK_BYTES_PER_SECOND * 8 / 1e9)
          .put("epoch_s_f5", epoch).put("speedup_f5", one / epoch)
          .put("communication_share_f5", model.communicationShare(n, state, 5, r.batch(), flopsPerSample))
          .put("auto_frequency", auto).put("epoch_s_auto", epochAuto).put("speedup_auto", one / epochAuto));
    }
  }

  // ---- preprocessing ----

  private void preprocessing() {
    String bare = "preprocess/spikes/jhdf-read";
    String job = "preprocess/spikes/job";
    boolean doBare = s.selected(bare);
    boolean doJob = s.selected(job);
    if (!doBare && !doJob) {
      return;
    }
    long t0 = System.nanoTime();
    log("preprocess: generating a synthetic SHD file of %d samples at SHD's spike density", s.shdSamples());
    try (PreprocessBench pb = new PreprocessBench(s.shdSamples(), s.seed())) {
      log("preprocess: generated in %.1f s (%.1f MB)", (System.nanoTime() - t0) / 1e9, pb.fileBytes() / 1e6);
      pb.bareRead(); // counts the spikes for the figures below
      org.apache.spark.sql.SparkSession session = doJob ? spark() : null; // started before timing
      // A/B interleaved, a garbage collection before each run: the bare read allocates the whole
      // file as Java arrays, and either would otherwise pay for the other's garbage (measured: the
      // bare read alone from 0.66 to 3.07 s in one run)
      log("%s ...", doBare && doJob ? bare + " and " + job + ", interleaved" : doBare ? bare : job);
      Timer.Timing[] t = s.timer().atMost(doJob ? 3 : s.timer().repeats()).timeInterleaved(
          doBare ? pb::bareRead : () -> 0.0, doJob ? () -> pb.job(session) : () -> 0.0, System::gc);
      double bareRate = pb.samples() / t[0].seconds().median();
      if (doBare) {
        ResultLine line = new ResultLine(bare, "preprocess").timing(t[0]);
        preprocessParams(line, pb).param("threads", 1);
        line.put("samples_per_s", bareRate).put("spikes_per_s", pb.spikes() / line.stats().median());
        emit(line);
      }
      if (doJob) {
        ResultLine line = new ResultLine(job, "preprocess").timing(t[1]);
        double rate = pb.samples() / line.stats().median();
        preprocessParams(line, pb).param("master", session.sparkContext().master())
            .param("cores", session.sparkContext().defaultParallelism())
            .param("shards", pb.shards());
        line.put("session_start_s", sparkStartSeconds);
        line.put("samples_per_s", rate).put("spikes_per_s", pb.spikes() / line.stats().median());
        if (doBare) {
          line.put("vs_bare_read", rate / bareRate);
        }
        emit(line);
      }
    } catch (Exception | OutOfMemoryError e) {
      if (doBare) {
        fail(bare, "preprocess", e);
      }
      if (doJob) {
        fail(job, "preprocess", e);
      }
    }
  }

  // ---- inference ----

  /**
   * {@code predict} against {@code evaluate} on the same split and model, interleaved: writing a
   * row per sample should cost little more than scoring them.
   */
  private void inference() {
    String evaluate = "inference/evaluate";
    String predict = "inference/predict";
    if (!s.selected(evaluate) && !s.selected(predict)) {
      return;
    }
    log("inference: generating and preprocessing %d samples at SHD's spike density", s.shdSamples());
    try (PreprocessBench pb = new PreprocessBench(s.shdSamples(), s.seed());
        InferenceBench ib = new InferenceBench(spark(), pb, s.seed())) {
      org.apache.spark.sql.SparkSession session = spark();
      log("%s and %s, interleaved ...", evaluate, predict);
      Timer.Timing[] t = s.timer().atMost(3).timeInterleaved(() -> ib.evaluate(session),
          () -> ib.predict(session), System::gc);
      double evaluateRate = ib.samples() / t[0].seconds().median();
      double predictRate = ib.samples() / t[1].seconds().median();
      for (int i = 0; i < 2; i++) {
        ResultLine line = new ResultLine(i == 0 ? evaluate : predict, "inference").timing(t[i]);
        line.param("samples", ib.samples()).param("network", ib.network().toString())
            .param("master", session.sparkContext().master());
        line.put("samples_per_s", i == 0 ? evaluateRate : predictRate);
        if (i == 1) {
          line.put("vs_evaluate", predictRate / evaluateRate);
        }
        emit(line);
      }
    } catch (Exception | OutOfMemoryError e) {
      fail(evaluate, "inference", e);
      fail(predict, "inference", e);
    }
  }

  private static ResultLine preprocessParams(ResultLine line, PreprocessBench pb) throws java.io.IOException {
    return line.param("samples", pb.samples()).param("channels", 700).param("spikes_per_sample",
        (double) pb.spikes() / pb.samples()).param("file_mb", pb.fileBytes() / 1e6);
  }

  // ---- audio ----

  static String audioName(String figure) {
    return "audio/" + figure.replace(' ', '-');
  }

  private void audio() {
    if (AUDIO_FIGURES.stream().noneMatch(f -> s.selected(audioName(f)))) {
      return;
    }
    log("audio: %d warm-up and %d timed runs of %.1f s per figure", s.timer().warmup(), s.timer().repeats(),
        s.audioSeconds());
    try {
      for (int w = 0; w < s.timer().warmup(); w++) {
        AudioFeatureBench.run(s.audioSeconds());
      }
      Map<String, double[]> factors = new LinkedHashMap<>();
      int repeats = s.timer().repeats();
      for (int r = 0; r < repeats; r++) {
        List<AudioFeatureBench.Figure> figures = AudioFeatureBench.run(s.audioSeconds());
        for (AudioFeatureBench.Figure f : figures) {
          factors.computeIfAbsent(f.name(), k -> new double[repeats])[r] = f.realtimeFactor();
          Timer.consume(f.audioSeconds());
        }
      }
      factors.forEach((figure, values) -> {
        String name = audioName(figure);
        if (s.selected(name)) {
          ResultLine line = new ResultLine(name, "audio").stats(Stats.of(values), "audio_s_per_cpu_s")
              .param("seconds_per_run", s.audioSeconds()).param("threads", 1)
              .put("realtime_per_core", Stats.of(values).median());
          emit(line);
        }
      });
    } catch (Exception | OutOfMemoryError e) {
      AUDIO_FIGURES.stream().map(Bench::audioName).filter(s::selected).forEach(n -> fail(n, "audio", e));
    }
  }

  // ---- helpers ----

  /** samples/s, GFLOP per call, GFLOP/s and the fraction of the roofline, from the median time. */
  private void throughput(ResultLine line, double samplesPerCall, double flopsPerCall) {
    double median = line.stats().median();
    double gflops = flopsPerCall / median / 1e9;
    line.put("samples_per_s", samplesPerCall / median).put("gflop", flopsPerCall / 1e9).put("gflops", gflops)
        .put("roofline_fraction", gflops / roofline);
  }

  private org.apache.spark.sql.SparkSession spark() {
    if (spark == null) {
      log("starting Spark (%s)", s.master());
      long t0 = System.nanoTime();
      spark = SparkSessions.open("snn-spark bench", s.master(), Map.of());
      sparkStartSeconds = (System.nanoTime() - t0) / 1e9;
      log("Spark session started in %.1f s", sparkStartSeconds);
    }
    return spark.session();
  }

  private ResultLine timed(String name, String group, Timer timer, Timer.Work work) {
    log("%s ...", name);
    try {
      return new ResultLine(name, group).timing(timer.time(work));
    } catch (Exception | OutOfMemoryError e) {
      fail(name, group, e);
      return null;
    }
  }

  private void fail(String name, String group, Throwable e) {
    failed++;
    log("%s FAILED: %s", name, e);
    emit(new ResultLine(name, group).put("error", String.valueOf(e)));
  }

  private void emit(ResultLine line) {
    out.emit(line);
    emitted++;
    if (line.stats() != null) {
      log("%s: median %s %s (n=%d, %s .. %s)", line.name(), number(line.stats().median()), line.unit(),
          line.stats().n(), number(line.stats().min()), number(line.stats().max()));
    }
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  private void log(String format, Object... args) {
    progress.printf(Locale.ROOT, "[bench %5.0fs] %s%n", elapsed(), String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
