package org.snnspark.pipeline.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.OptionsToml;
import org.snnspark.pipeline.distributed.Averaging;
import org.snnspark.pipeline.distributed.AdamScaling;
import org.snnspark.pipeline.distributed.LocalSteps;
import org.snnspark.pipeline.distributed.RoundCostModel;
import org.snnspark.pipeline.distributed.StatisticsDecay;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every key of a training run, its default and its meaning, in one place. The CLI ({@code train
 * --help}), presets ({@code conf/*.toml}, keys = option names) and the record a run leaves
 * ({@code run.toml}) all come from these annotations, and, for the neuron models' own options and
 * the synaptic delays, from their {@link ModelOption} declarations ({@link ModelOptionFlags}), so
 * that a new neuron model brings its flags along.
 */
@Command(modelTransformer = ModelOptionFlags.class)
public final class TrainConfig implements OptionsToml.Generated {
  /** The network settings' defaults; a neuron model's own are its declarations (NeuronModels). */
  private static final ModelSpec DEFAULTS = new ModelSpec();

  /** The values of the flags {@link ModelOptionFlags} generates, by option name. */
  private final Map<String, Object> modelOptions = new LinkedHashMap<>();

  public TrainConfig() {
    for (ModelOption<?> o : ModelSpec.NETWORK_OPTIONS) {
      modelOptions.put(o.name(), o.defaultValue());
    }
  }

  @Option(names = "--dataset", required = true, paramLabel = "DIR",
      description = "Dataset directory written by 'preprocess' (manifest.json + split=*/ shards).")
  public String dataset;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Run directory to create: model.zip, metrics.json, metrics.csv, run.toml.")
  public String output;

  @Option(names = "--overwrite", description = "Replace an existing output directory (and discard"
      + " an interrupted run's checkpoints).")
  public boolean overwrite;

  @Option(names = "--resume", description = "Continue an interrupted run of the same --output from"
      + " its last checkpoint; the result equals an uninterrupted run with the same settings (other"
      + " settings than the interrupted run's are refused, save --epochs, --stop-at-accuracy and"
      + " --keep-checkpoints).")
  public boolean resume;

  @Option(names = "--init-model", paramLabel = "FILE", description = "Fine-tune: start from the"
      + " network and parameters of this model.zip (written by 'train' or by 'import --format nir')"
      + " instead of a new network, with a fresh optimizer of the options below; the model options"
      + " (--neuron, --hidden, ...) then come from the file and are not used.")
  public String initModel;

  // ---- model ----
  @Option(names = "--neuron", converter = NeuronTypeOption.class, completionCandidates = NeuronTypeOption.Names.class,
      description = "Spiking neuron model: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  public NeuronType neuron = DEFAULTS.getNeuron();

  @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
      description = "Neurons per spiking layer, comma separated. Default: 128,128")
  public int[] hidden = DEFAULTS.getHidden();

  @Option(names = "--dropout", description = "Dropout on spikes. Default: ${DEFAULT-VALUE}")
  public double dropout = DEFAULTS.getDropout();

  @Option(names = "--batch-norm", negatable = true, fallbackValue = "true",
      description = "Batch-normalise W x over batch and time (sparch's default). Default: ${DEFAULT-VALUE}")
  public boolean batchNorm = DEFAULTS.isBatchNorm();

  @Option(names = "--readout", description = "Readout reduction over time: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  public ReadoutReduction readout = DEFAULTS.getReadout();

  @Option(names = "--surrogate", description = "Surrogate gradient of the spike: ${COMPLETION-CANDIDATES}."
      + " Default: the neuron model's own (see Neuron models below)")
  public SurrogateKind surrogate = DEFAULTS.getSurrogate();

  @Option(names = "--surrogate-parameter", description = "Width/scale/alpha of the surrogate."
      + " Default: the surrogate's own")
  public Double surrogateParameter;

  @Option(names = "--threshold", description = "Firing threshold. Default: the neuron model's own"
      + " (see Neuron models below, which also say where a model's setting means more)")
  public Double threshold;

  @Option(names = "--bidirectional", negatable = true, fallbackValue = "true",
      description = "Each spiking layer also runs backward in time (sparch). Default: ${DEFAULT-VALUE}")
  public boolean bidirectional = DEFAULTS.isBidirectional();

  @Option(names = "--dt", description = "Time step in ms that the neuron models' time constants are measured"
      + " in. Default: ${DEFAULT-VALUE}")
  public double dt = DEFAULTS.getDt();

  @Option(names = "--rate-low", description = "Firing-rate band: lower end, spikes per neuron and step;"
      + " a neuron of a spiking layer outside the band is penalised (see --rate-strength). Default: ${DEFAULT-VALUE}")
  public double rateLow = DEFAULTS.getRateLow();

  @Option(names = "--rate-high", description = "Firing-rate band: upper end. Default: ${DEFAULT-VALUE}")
  public double rateHigh = DEFAULTS.getRateHigh();

  @Option(names = "--rate-strength", description = "Firing-rate band: weight of the penalty (0 = off)."
      + " Default: ${DEFAULT-VALUE}")
  public double rateStrength = DEFAULTS.getRateStrength();

  @Option(names = "--count-correct-rate", description = "--readout SPIKE_COUNT: the firing rate the"
      + " correct class's output neurons are trained towards. Default: ${DEFAULT-VALUE}")
  public double countCorrectRate = DEFAULTS.getCountCorrectRate();

  @Option(names = "--count-incorrect-rate", description = "--readout SPIKE_COUNT: the firing rate the"
      + " other classes' output neurons are trained towards. Default: ${DEFAULT-VALUE}")
  public double countIncorrectRate = DEFAULTS.getCountIncorrectRate();

  // ---- optimisation ----
  @Option(names = "--epochs", description = "Passes over the training split. Default: ${DEFAULT-VALUE}")
  public int epochs = 20;

  @Option(names = "--batch-size", description = "Minibatch size per worker. Default: ${DEFAULT-VALUE}")
  public int batchSize = 32;

  @Option(names = "--workers", description = "Data-parallel workers (Spark tasks) per averaging round;"
      + " 0 = one per executor (local mode: 1, using all its cores). More workers than executors split"
      + " the same cores; and every worker costs statistical efficiency: an averaged step sees N"
      + " minibatches, so an epoch holds N times fewer steps (see --averaging, --adam-scaling). With 8"
      + " workers, --warmup-epochs 0 --lr-patience 0 --adam-beta1 0.95 needed fewer epochs than the"
      + " defaults; with 2 or 4, more (docs/distributed.md). Default: ${DEFAULT-VALUE}")
  public int workers = 0;

  @Option(names = "--averaging-frequency", converter = AveragingFrequency.class, description = "Minibatches"
      + " each worker fits between averagings; 1 is synchronous data-parallel training; auto (written 0)"
      + " picks the smallest whose predicted communication share of a round stays under 10% (see"
      + " --network-gbps, --executor-gflops, --round-overhead-ms), and with N > 1 workers at most "
      + LocalSteps.ONE_WORKER_MINIBATCHES + " / N, since longer local steps cost epochs. Default: auto")
  public int averagingFrequency = AveragingFrequency.AUTO;

  @Option(names = "--network-gbps", description = "--averaging-frequency auto: the network's bandwidth"
      + " between executors and driver, Gbit/s. Default: ${DEFAULT-VALUE}")
  public double networkGbps = 10;

  @Option(names = "--executor-gflops", description = "--averaging-frequency auto: the GFLOP/s one worker"
      + " trains at (the bench's step lines: 70-110 on 2 cores of an AVX-512 server). Default: ${DEFAULT-VALUE}")
  public double executorGflops = 100;

  @Option(names = "--round-overhead-ms", description = "--averaging-frequency auto: what a round costs"
      + " besides compute and transfer, ms (the bench's scaling/round lines; 16-27 ms with one or two"
      + " workers on a 2-core machine). Default: ${DEFAULT-VALUE}")
  public double roundOverheadMs = 20;

  @Option(names = "--averaging", description = "${COMPLETION-CANDIDATES}: how the driver combines"
      + " a round's weights: PLAIN takes the workers' mean (DL4J's parameter averaging); NESTEROV applies"
      + " the mean change as an outer step with Nesterov momentum (SlowMo/DiLoCo; measured slower here,"
      + " see docs/distributed.md). One worker always trains plainly. Default: ${DEFAULT-VALUE}")
  public Averaging averaging = Averaging.PLAIN;

  @Option(names = "--statistics-decay", description = "${COMPLETION-CANDIDATES}: how a round moves the"
      + " batch-norm running statistics: PER_ROUND takes the workers' mean (DL4J's), PER_MINIBATCH as far"
      + " as one worker's running average would move over all the round's minibatches, so that they keep"
      + " up with the weights. Default: ${DEFAULT-VALUE}")
  public StatisticsDecay statisticsDecay = StatisticsDecay.PER_MINIBATCH;

  @Option(names = "--outer-lr", description = "NESTEROV: step size of the averaged change. Default: ${DEFAULT-VALUE}")
  public double outerLr = 1.0;

  @Option(names = "--outer-momentum", description = "NESTEROV: momentum of the averaged change. Default: ${DEFAULT-VALUE}")
  public double outerMomentum = 0.5;

  @Option(names = "--adam-scaling", description = "${COMPLETION-CANDIDATES}: how the workers' Adam"
      + " follows N workers: NONE keeps one worker's; SQRT and LINEAR multiply --lr by sqrt(N) or N and"
      + " shorten Adam's moment averages to as many samples as one worker's span"
      + " (beta' = 1 - N (1 - beta)). Default: ${DEFAULT-VALUE}")
  public AdamScaling adamScaling = AdamScaling.LINEAR;

  @Option(names = "--warmup-epochs", description = "Epochs over which the scaled learning rate is"
      + " reached linearly from --lr (0: from the first round). Default: ${DEFAULT-VALUE}")
  public double warmupEpochs = 1;

  @Option(names = "--aggregation-fan-in", description = "Most worker results one node sums; more"
      + " workers are summed in a tree on the executors first. Default: ${DEFAULT-VALUE}")
  public int aggregationFanIn = 8;

  @Option(names = "--stop-at-accuracy", description = "End training after the first epoch whose"
      + " validation accuracy reaches this fraction (0 = run all --epochs); needs a validation split."
      + " Default: ${DEFAULT-VALUE}")
  public double stopAtAccuracy = 0;

  @Option(names = "--lr", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
  public double learningRate = 1e-2;

  @Option(names = "--adam-beta1", description = "Adam's first-moment decay. Default: ${DEFAULT-VALUE}")
  public double adamBeta1 = Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY;

  @Option(names = "--adam-beta2", description = "Adam's second-moment decay. Default: ${DEFAULT-VALUE}")
  public double adamBeta2 = Adam.DEFAULT_ADAM_BETA2_VAR_DECAY;

  @Option(names = "--lr-schedule", description = "${COMPLETION-CANDIDATES}: PLATEAU reduces the rate"
      + " when validation accuracy stalls (sparch). Default: ${DEFAULT-VALUE}")
  public LrSchedule lrSchedule = LrSchedule.PLATEAU;

  @Option(names = "--lr-factor", description = "PLATEAU: multiply the rate by this. Default: ${DEFAULT-VALUE}")
  public double lrFactor = 0.7;

  @Option(names = "--lr-patience", description = "PLATEAU: epochs without improvement before a"
      + " reduction. Default: ${DEFAULT-VALUE}")
  public int lrPatience = 1;

  @Option(names = "--lr-min", description = "PLATEAU: lower bound of the rate. Default: ${DEFAULT-VALUE}")
  public double lrMin = 1e-6;

  @Option(names = "--seed", description = "Seed for initialisation, shuffling and averaging splits. Default: ${DEFAULT-VALUE}")
  public long seed = 42;

  // ---- data ----
  @Option(names = "--train-split", description = "Split to train on. Default: ${DEFAULT-VALUE}")
  public String trainSplit = "train";

  @Option(names = "--valid-split", description = "Split that picks the best epoch and drives the"
      + " PLATEAU schedule. Default: valid, when the dataset has it (else none)")
  public String validSplit;

  @Option(names = "--test-split", description = "Split scored at the end. Default: test, when the"
      + " dataset has it (else none)")
  public String testSplit;

  @Option(names = "--train-eval-samples", description = "Size of the fixed training subset scored"
      + " after every epoch for the train accuracy (0 = skip). Default: ${DEFAULT-VALUE}")
  public int trainEvalSamples = 1000;

  @Option(names = "--noise-scale-samples", description = "Measure the gradient noise scale (McCandlish"
      + " et al. 2018: the batch size beyond which larger batches stop buying proportionally fewer"
      + " steps) on this many training samples, as whole minibatches of --batch-size (at least 2),"
      + " before the first epoch and after every epoch, and print how many times one worker's epochs"
      + " 2, 4 and 8 workers would need. Costs that many samples' gradients on the driver per epoch;"
      + " does not change the training. 0 = off. Default: ${DEFAULT-VALUE}")
  public int noiseScaleSamples = 0;

  @Option(names = "--precise-statistics", description = "After every epoch, recompute batch-norm's"
      + " running mean and variance from this many training samples (whole minibatches of --batch-size)"
      + " at the epoch's final weights (precise BN, Wu and Johnson 2021), so that validation, checkpoints"
      + " and the saved model normalise with statistics of their own weights instead of a running"
      + " average that trails them. Changes no weight. 0 = keep the running averages."
      + " Default: ${DEFAULT-VALUE}")
  public int preciseStatistics = 0;

  @Option(names = "--keep-checkpoints", description = "Epoch checkpoints kept in the run directory"
      + " (the best model is always kept). Default: ${DEFAULT-VALUE}")
  public int keepCheckpoints = 2;

  public ModelSpec modelSpec() {
    ModelSpec spec = new ModelSpec();
    spec.setNeuron(neuron);
    spec.setHidden(hidden.clone());
    spec.setDropout(dropout);
    spec.setBatchNorm(batchNorm);
    spec.setReadout(readout);
    spec.setSurrogate(surrogate);
    spec.setSurrogateParameter(surrogateParameter);
    spec.setThreshold(threshold);
    spec.setBidirectional(bidirectional);
    spec.setDt(dt);
    spec.withRateBand(rateLow, rateHigh, rateStrength);
    spec.withCountRates(countCorrectRate, countIncorrectRate);
    for (ModelOption<?> o : ModelOptionFlags.options()) {
      copy(o, spec);
    }
    return spec;
  }

  private <T> void copy(ModelOption<T> option, ModelSpec spec) {
    spec.set(option, get(option));
  }

  /**
   * The value of a flag generated from {@code option} ({@link ModelOptionFlags}): a neuron model's
   * option is null until set (each model then uses its own default); a network option starts at
   * its default.
   */
  public <T> T get(ModelOption<T> option) {
    return option.type().cast(modelOptions.get(option.name()));
  }

  public <T> void set(ModelOption<T> option, T value) {
    modelOptions.put(option.name(), value);
  }

  /** The generated flags' values by preset key ({@code tau-mem}); the unset ones left out. */
  @Override
  public Map<String, Object> generatedOptions() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ModelOption<?> o : ModelOptionFlags.options()) {
      if (modelOptions.get(o.name()) != null) {
        out.put(o.flag().substring(2), modelOptions.get(o.name()));
      }
    }
    return out;
  }

  /**
   * The optimizer every one of {@code workers} workers runs: Adam at --lr (the workers' rate is
   * scaled per round, see {@link org.snnspark.pipeline.distributed.LrWarmup}) with --adam-beta1/2
   * as --adam-scaling sets them for that many workers.
   */
  public Adam adam(int workers) {
    return new Adam(learningRate, adamScaling.decay(adamBeta1, workers), adamScaling.decay(adamBeta2, workers),
        Adam.DEFAULT_ADAM_EPSILON);
  }

  /** The cost model behind {@code --averaging-frequency auto}. */
  public RoundCostModel roundCostModel() {
    return new RoundCostModel(roundOverheadMs / 1e3, networkGbps * 1e9 / 8, executorGflops * 1e9, aggregationFanIn);
  }

  /** The validation split to use in {@code data}: the one named, or "valid" if present; null for none. */
  public String validSplitIn(PreparedDataset data) {
    return splitIn(data, "--valid-split", validSplit, "valid");
  }

  /** The test split to use in {@code data}: the one named, or "test" if present; null for none. */
  public String testSplitIn(PreparedDataset data) {
    return splitIn(data, "--test-split", testSplit, "test");
  }

  private static String splitIn(PreparedDataset data, String flag, String named, String usual) {
    if (named == null) {
      return data.hasSplit(usual) ? usual : null;
    }
    if (!data.hasSplit(named)) {
      throw new IllegalArgumentException(flag + " " + named + ": dataset " + data.dir()
          + " has no such split (it has " + data.splitNames() + ")");
    }
    return named;
  }

  /** Rejects settings no run can use, before Spark starts. */
  public void validate() {
    require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
    require(batchSize >= 1, "--batch-size must be >= 1, got " + batchSize);
    require(workers >= 0, "--workers must be >= 0, got " + workers);
    require(averagingFrequency >= 0, "--averaging-frequency must be >= 1 or auto, got " + averagingFrequency);
    require(networkGbps > 0 && executorGflops > 0 && roundOverheadMs >= 0,
        "--network-gbps and --executor-gflops must be > 0, --round-overhead-ms >= 0");
    require(outerLr > 0, "--outer-lr must be > 0, got " + outerLr);
    require(outerMomentum >= 0 && outerMomentum < 1, "--outer-momentum must be in [0, 1), got " + outerMomentum);
    require(warmupEpochs >= 0, "--warmup-epochs must be >= 0, got " + warmupEpochs);
    require(aggregationFanIn >= 2, "--aggregation-fan-in must be >= 2, got " + aggregationFanIn);
    require(stopAtAccuracy >= 0 && stopAtAccuracy <= 1, "--stop-at-accuracy must be in [0, 1], got " + stopAtAccuracy);
    require(adamBeta1 >= 0 && adamBeta1 < 1 && adamBeta2 >= 0 && adamBeta2 < 1,
        "--adam-beta1 and --adam-beta2 must be in [0, 1), got " + adamBeta1 + " and " + adamBeta2);
    require(learningRate > 0, "--lr must be > 0, got " + learningRate);
    require(lrFactor > 0 && lrFactor < 1, "--lr-factor must be in (0, 1), got " + lrFactor);
    require(lrPatience >= 0, "--lr-patience must be >= 0, got " + lrPatience);
    require(trainEvalSamples >= 0, "--train-eval-samples must be >= 0, got " + trainEvalSamples);
    require(preciseStatistics == 0 || preciseStatistics >= batchSize, "--precise-statistics must be 0 (off)"
        + " or at least one minibatch (--batch-size " + batchSize + "), got " + preciseStatistics);
    require(noiseScaleSamples == 0 || noiseScaleSamples >= 2 * batchSize, "--noise-scale-samples must be"
        + " 0 (off) or at least two minibatches (2 x --batch-size = " + 2 * batchSize + "), got "
        + noiseScaleSamples);
    require(keepCheckpoints >= 1, "--keep-checkpoints must be >= 1, got " + keepCheckpoints);
    require(!(resume && overwrite), "--resume and --overwrite exclude each other");
    require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
    require(hidden.length >= 1, "--hidden needs at least one layer size");
    require(readout == ReadoutReduction.SPIKE_COUNT || (countCorrectRate == DEFAULTS.getCountCorrectRate()
        && countIncorrectRate == DEFAULTS.getCountIncorrectRate()),
        "--count-correct-rate and --count-incorrect-rate apply to --readout SPIKE_COUNT only, got --readout " + readout);
    require(rateLow >= 0 && rateLow <= rateHigh && rateHigh <= 1 && rateStrength >= 0,
        "the firing-rate band needs 0 <= --rate-low <= --rate-high <= 1 and --rate-strength >= 0, got "
            + rateLow + ", " + rateHigh + ", " + rateStrength);
    for (int h : hidden) {
      require(h >= 1, "--hidden sizes must be >= 1, got " + h);
    }
    for (ModelOption<?> o : ModelOptionFlags.options()) {
      requireAccepted(o);
    }
    require(get(ModelSpec.DELAYS) == 0 || !bidirectional, "--delays does not combine with --bidirectional");
  }

  private <T> void requireAccepted(ModelOption<T> option) {
    T value = get(option);
    require(value == null || option.accepts(value), option.flag() + " must be " + option.rule() + ", got " + value);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
