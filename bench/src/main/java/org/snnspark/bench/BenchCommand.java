package org.snnspark.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.snnspark.pipeline.cli.PluginSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: this machine's figures, one JSON line per measurement on stdout (progress on
 * stderr); {@code --table FILE} renders a results file as docs/performance.md's tables.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Measure this machine: the float32 sgemm roofline, one spiking layer per neuron model over a grid"
            + " (forward, forward+backward; GFLOP/s and fraction of the roofline), the full RadLIF training step"
            + " (one network and Spark parameter averaging), spike preprocessing against a bare HDF5 read, and"
            + " audio features. One JSON line per measurement on stdout: the median of repeated runs after"
            + " warm-up, with n, min, max, threads, ND4J backend, JVM and the load average at the start.",
        "Figures taken while other work loads the machine are not comparable: check load_avg_start."})
public final class BenchCommand implements Callable<Integer>, PluginSubcommand {
  @Option(names = "--quick", description = "A CI-sized run: hidden 128, 100 steps, batch 32 and 128; fewer repeats,"
      + " a smaller preprocessing file, Spark at batch 32 only.")
  boolean quick;

  @Option(names = "--filter", paramLabel = "TEXT", split = ",",
      description = "Only measurements whose name contains one of these (case-insensitive), e.g."
          + " 'layer/RADLIF', 'fwd+bwd', 'recurrence/', 'input/', 'step/', 'spark/', 'preprocess/', 'inference/', 'audio/'. The roofline is always measured.")
  List<String> filters = new ArrayList<>();

  @Option(names = "--repeats", paramLabel = "N", description = "Timed runs per measurement. Default: 5 (quick: 3)")
  Integer repeats;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first. Default: 2 (quick: 1)")
  Integer warmup;

  @Option(names = "--min-run-seconds", paramLabel = "S",
      description = "Work quicker than this is called several times per timed run. Default: ${DEFAULT-VALUE}")
  double minRunSeconds = 0.2;

  @Option(names = "--output", paramLabel = "FILE", description = "Also write the JSON lines to this file.")
  Path output;

  @Option(names = "--table", paramLabel = "FILE",
      description = "Measure nothing: print the Markdown Performance table of a results file (JSON lines) and exit.")
  Path table;

  @Option(names = "--grid", description = "Layer grid: STAR varies one axis at a time around H 128, T 100, B 128;"
      + " FULL takes every combination (FastSNN's). Default: ${DEFAULT-VALUE}")
  BenchSettings.Grid grid = BenchSettings.Grid.STAR;

  @Option(names = "--hidden", split = ",", paramLabel = "H", description = "Layer grid: hidden sizes."
      + " Default: 128,256,512,1024 (quick: 128)")
  int[] hidden;

  @Option(names = "--steps", split = ",", paramLabel = "T", description = "Layer grid: time steps."
      + " Default: 50,100,200,500 (quick: 100)")
  int[] steps;

  @Option(names = "--batch", split = ",", paramLabel = "B", description = "Layer grid: batch sizes."
      + " Default: 32,64,128,256 (quick: 32,128)")
  int[] batch;

  @Option(names = "--firing-rate", paramLabel = "R", description = "Layer grid: input spikes are scaled so that the"
      + " layer fires at this rate (spikes per neuron and step). Default: ${DEFAULT-VALUE}")
  double firingRate = 0.05;

  @Option(names = "--step-batches", split = ",", paramLabel = "B",
      description = "RadLIF training step on one network: batch sizes. Default: 128,32")
  int[] stepBatches;

  @Option(names = "--spark-batches", split = ",", paramLabel = "B",
      description = "RadLIF training step through Spark: batch sizes per worker. Default: 128,32 (quick: 32)")
  int[] sparkBatches;

  @Option(names = "--averaging-frequency", paramLabel = "N",
      description = "Spark: minibatches per worker between parameter averages (train's default). Default: ${DEFAULT-VALUE}")
  int averagingFrequency = 5;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master of the Spark measurements."
      + " Default: ${DEFAULT-VALUE}")
  String master = "local[2]";

  @Option(names = "--shd-samples", paramLabel = "N", description = "Samples in the synthetic SHD file for the"
      + " preprocessing figures (at SHD's spike density). Default: 8156, SHD's train split (quick: 2264, its test split)")
  Integer shdSamples;

  @Option(names = "--audio-seconds", paramLabel = "S", description = "Seconds per audio figure per run."
      + " Default: 2 (quick: 0.3)")
  Double audioSeconds;

  @Option(names = "--tta-workers", split = ",", paramLabel = "N",
      description = "Time to accuracy: worker counts to train with. Default: 1,2,4,8 (quick: 1,2)")
  int[] ttaWorkers;

  @Option(names = "--tta-setups", split = ",", paramLabel = "SETUP",
      description = "Time to accuracy: ways to train with several workers (${COMPLETION-CANDIDATES}):"
          + " SYNC is train's defaults averaging every minibatch, AUTO all of train's defaults (the frequency"
          + " auto picks), LOCAL5 every 5 minibatches, DL4J what training did with DL4J's averaging."
          + " Default: SYNC,AUTO,DL4J (quick: SYNC)")
  List<TtaSetup> ttaSetups;

  @Option(names = "--tta-target", paramLabel = "ACC", description = "Time to accuracy: the validation"
      + " accuracy to reach. Default: ${DEFAULT-VALUE}")
  double ttaTarget = 0.9;

  @Option(names = "--tta-max-epochs", paramLabel = "N", description = "Time to accuracy: epochs a run"
      + " may take. Default: 30 (quick: 12)")
  Integer ttaMaxEpochs;

  @Option(names = "--tta-train-samples", paramLabel = "N", description = "Time to accuracy: samples in"
      + " the generated train file (15%% held out for validation). Default: 2000 (quick: 1000)")
  Integer ttaTrainSamples;

  @Option(names = "--tta-seeds", split = ",", paramLabel = "S", description = "Time to accuracy: one"
      + " generated dataset per seed (the seed also seeds its training runs). With more than one, each run's"
      + " line ends in /sS and a line tta/SETUP/wN/total sums the epochs over the datasets, against one"
      + " worker's total: one dataset's epochs are noisy. Default: --seed")
  List<Long> ttaSeeds;

  @Option(names = "--seed", description = "Seed of every synthetic input. Default: ${DEFAULT-VALUE}")
  long seed = 42;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (table != null) {
      spec.commandLine().getOut().print(MarkdownTable.render(JsonLines.read(table)));
      spec.commandLine().getOut().flush();
      return 0;
    }
    BenchSettings settings = settings();
    // JSON lines go to the real stdout; anything else a library prints goes to stderr
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try (JsonLines lines = new JsonLines(stdout, output, BenchEnvironment.collect(arguments()))) {
      return new Bench(settings, lines, System.err).run();
    } finally {
      System.setOut(stdout);
    }
  }

  BenchSettings settings() {
    int r = repeats != null ? repeats : quick ? 3 : 5;
    int w = warmup != null ? warmup : quick ? 1 : 2;
    require(r >= 1, "--repeats must be >= 1");
    require(w >= 0, "--warmup must be >= 0");
    require(firingRate > 0 && firingRate < 1, "--firing-rate must be in (0, 1)");
    require(averagingFrequency >= 1, "--averaging-frequency must be >= 1");
    int[] h = orDefault(hidden, quick ? new int[] {128} : new int[] {128, 256, 512, 1024});
    int[] t = orDefault(steps, quick ? new int[] {100} : new int[] {50, 100, 200, 500});
    int[] b = orDefault(batch, quick ? new int[] {32, 128} : new int[] {32, 64, 128, 256});
    int[] sb = orDefault(stepBatches, new int[] {128, 32});
    int[] pb = orDefault(sparkBatches, quick ? new int[] {32} : new int[] {128, 32});
    for (int[] axis : List.of(h, t, b, sb, pb)) {
      for (int v : axis) {
        require(v >= 1, "sizes must be >= 1");
      }
    }
    int samples = shdSamples != null ? shdSamples : quick ? 2264 : 8156;
    require(samples >= 1, "--shd-samples must be >= 1");
    double audio = audioSeconds != null ? audioSeconds : quick ? 0.3 : 2.0;
    require(audio > 0, "--audio-seconds must be > 0");
    BenchSettings.TimeToAccuracy tta = new BenchSettings.TimeToAccuracy(
        orDefault(ttaWorkers, quick ? new int[] {1, 2} : new int[] {1, 2, 4, 8}),
        ttaSetups != null && !ttaSetups.isEmpty() ? List.copyOf(ttaSetups)
            : quick ? List.of(TtaSetup.SYNC) : List.of(TtaSetup.SYNC, TtaSetup.AUTO, TtaSetup.DL4J),
        ttaTarget, ttaMaxEpochs != null ? ttaMaxEpochs : quick ? 12 : 30,
        ttaTrainSamples != null ? ttaTrainSamples : quick ? 1000 : 2000,
        ttaSeeds != null && !ttaSeeds.isEmpty() ? List.copyOf(ttaSeeds) : List.of(seed));
    require(tta.target() > 0 && tta.target() <= 1, "--tta-target must be in (0, 1]");
    require(tta.maxEpochs() >= 1 && tta.trainSamples() >= 20, "--tta-max-epochs >= 1, --tta-train-samples >= 20");
    for (int v : tta.workers()) {
      require(v >= 1, "--tta-workers must be >= 1");
    }
    require(new HashSet<>(tta.datasetSeeds()).size() == tta.datasetSeeds().size(),
        "--tta-seeds lists a seed twice: " + tta.datasetSeeds());
    return new BenchSettings(List.copyOf(filters), new Timer(w, r, minRunSeconds, Timer.BENCH_WARMUP_SECONDS), grid, h, t, b, firingRate, sb, pb,
        averagingFrequency, master, samples, audio, tta, seed);
  }

  private List<String> arguments() {
    return spec.commandLine().getParseResult().originalArgs().stream()
        .filter(a -> !a.equals("bench")).toList();
  }

  private static int[] orDefault(int[] given, int[] fallback) {
    return given != null && given.length > 0 ? given : fallback;
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
