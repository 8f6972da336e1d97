package org.snnspark.pipeline.train;

import org.snnspark.models.spec.ModelSpec;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.distributed.Averaging;
import org.snnspark.pipeline.distributed.LrScaling;
import org.snnspark.models.spec.NeuronType;
import org.snnspark.models.spec.ReadoutReduction;
import org.snnspark.models.spec.SurrogateKind;
import picocli.CommandLine.Option;

/**
 * Every key of a training run, its default and its meaning, in one place. The CLI ({@code train
 * --help}), presets ({@code conf/*.toml}, keys = option names) and the record a run leaves
 * ({@code run.toml}) all come from these annotations.
 */
public final class TrainConfig {
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
      + " its last checkpoint; the result equals an uninterrupted run with the same settings.")
  public boolean resume;

  // ---- model ----
  @Option(names = "--neuron", description = "Spiking neuron model: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  public NeuronType neuron = new ModelSpec().getNeuron();

  @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
      description = "Neurons per spiking layer, comma separated. Default: 128,128")
  public int[] hidden = new ModelSpec().getHidden();

  @Option(names = "--dropout", description = "Dropout on spikes. Default: ${DEFAULT-VALUE}")
  public double dropout = new ModelSpec().getDropout();

  // On by default, as in sparch: with PyTorch-style initial weights, W x of sparse spike input is
  // far below threshold, plain LIF/RLIF layers start silent, and a silent layer gets no gradient.
  @Option(names = "--batch-norm", negatable = true, fallbackValue = "true",
      description = "Batch-normalise W x over batch and time (sparch's default). Default: ${DEFAULT-VALUE}")
  public boolean batchNorm = true;

  @Option(names = "--readout", description = "Readout reduction over time: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  public ReadoutReduction readout = new ModelSpec().getReadout();

  @Option(names = "--surrogate", description = "Surrogate gradient of the spike: ${COMPLETION-CANDIDATES}."
      + " Default: the neuron model's own (LIF family BOXCAR, CUBA FAST_SIGMOID, ALIF MULTI_GAUSSIAN, LEAKY ATAN,"
      + " SINGLE_SPIKE FAST_SIGMOID)")
  public SurrogateKind surrogate = new ModelSpec().getSurrogate();

  @Option(names = "--surrogate-parameter", description = "Width/scale/alpha of the surrogate."
      + " Default: the surrogate's own")
  public Double surrogateParameter;

  @Option(names = "--threshold", description = "Firing threshold. Default: the neuron model's own"
      + " (1; ALIF 0.01, the rest value of its adaptive threshold)")
  public Double threshold;

  @Option(names = "--bidirectional", negatable = true, fallbackValue = "true",
      description = "Each spiking layer also runs backward in time (sparch). Default: ${DEFAULT-VALUE}")
  public boolean bidirectional = new ModelSpec().isBidirectional();

  @Option(names = "--dt", description = "Time step in ms that CUBA/ALIF time constants are measured"
      + " in. Default: ${DEFAULT-VALUE}")
  public double dt = new ModelSpec().getDt();

  @Option(names = "--tau-mem", description = "CUBA tau_mem / ALIF initial tau_m, ms. Default: the model's own")
  public Double tauMem;

  @Option(names = "--tau-syn", description = "CUBA tau_syn, ms. Default: the model's own")
  public Double tauSyn;

  @Option(names = "--tau-adapt", description = "ALIF initial tau_adp, ms. Default: the model's own")
  public Double tauAdapt;

  @Option(names = "--leaky-beta", description = "LEAKY/RLEAKY/SINGLE_SPIKE membrane decay beta. Default: the model's own")
  public Double leakyBeta;

  @Option(names = "--learn-beta", negatable = true, fallbackValue = "true",
      description = "LEAKY/RLEAKY/SINGLE_SPIKE: train beta. Default: ${DEFAULT-VALUE}")
  public boolean learnBeta = new ModelSpec().isLearnBeta();

  // ---- optimisation ----
  @Option(names = "--epochs", description = "Passes over the training split. Default: ${DEFAULT-VALUE}")
  public int epochs = 20;

  @Option(names = "--batch-size", description = "Minibatch size per worker. Default: ${DEFAULT-VALUE}")
  public int batchSize = 32;

  @Option(names = "--workers", description = "Data-parallel workers (Spark tasks) per averaging round;"
      + " 0 = one per executor (local mode: 1, using all its cores). More workers than executors split"
      + " the same cores; and every worker costs statistical efficiency: an averaged step sees N"
      + " minibatches, so an epoch holds N times fewer steps (see --averaging, --lr-scaling)."
      + " Default: ${DEFAULT-VALUE}")
  public int workers = 0;

  @Option(names = "--averaging-frequency", description = "Minibatches each worker fits between"
      + " averagings; 1 is synchronous data-parallel training. Default: ${DEFAULT-VALUE}")
  public int averagingFrequency = 5;

  @Option(names = "--averaging", description = "${COMPLETION-CANDIDATES}: how the driver combines"
      + " a round: PLAIN takes the workers' mean (DL4J's parameter averaging); NESTEROV applies the"
      + " mean change as an outer step with Nesterov momentum (SlowMo/DiLoCo). With one worker both"
      + " are one worker's training. Default: ${DEFAULT-VALUE}")
  public Averaging averaging = Averaging.NESTEROV;

  @Option(names = "--outer-lr", description = "NESTEROV: step size of the averaged change. Default: ${DEFAULT-VALUE}")
  public double outerLr = 1.0;

  @Option(names = "--outer-momentum", description = "NESTEROV: momentum of the averaged change. Default: ${DEFAULT-VALUE}")
  public double outerMomentum = 0.5;

  @Option(names = "--lr-scaling", description = "${COMPLETION-CANDIDATES}: the workers' learning rate"
      + " is --lr times 1, sqrt(N) or N for N workers. Default: ${DEFAULT-VALUE}")
  public LrScaling lrScaling = LrScaling.SQRT;

  @Option(names = "--warmup-epochs", description = "Epochs over which the scaled learning rate is"
      + " reached linearly from --lr (0: from the first round). Default: ${DEFAULT-VALUE}")
  public double warmupEpochs = 1;

  @Option(names = "--aggregation-fan-in", description = "Most worker results one node sums; more"
      + " workers are summed in a tree on the executors first. Default: ${DEFAULT-VALUE}")
  public int aggregationFanIn = 8;

  @Option(names = "--lr", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
  public double learningRate = 1e-2;

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
    spec.setTauMem(tauMem);
    spec.setTauSyn(tauSyn);
    spec.setTauAdapt(tauAdapt);
    spec.setLeakyBeta(leakyBeta);
    spec.setLearnBeta(learnBeta);
    return spec;
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
    require(averagingFrequency >= 1, "--averaging-frequency must be >= 1, got " + averagingFrequency);
    require(outerLr > 0, "--outer-lr must be > 0, got " + outerLr);
    require(outerMomentum >= 0 && outerMomentum < 1, "--outer-momentum must be in [0, 1), got " + outerMomentum);
    require(warmupEpochs >= 0, "--warmup-epochs must be >= 0, got " + warmupEpochs);
    require(aggregationFanIn >= 2, "--aggregation-fan-in must be >= 2, got " + aggregationFanIn);
    require(learningRate > 0, "--lr must be > 0, got " + learningRate);
    require(lrFactor > 0 && lrFactor < 1, "--lr-factor must be in (0, 1), got " + lrFactor);
    require(lrPatience >= 0, "--lr-patience must be >= 0, got " + lrPatience);
    require(trainEvalSamples >= 0, "--train-eval-samples must be >= 0, got " + trainEvalSamples);
    require(keepCheckpoints >= 1, "--keep-checkpoints must be >= 1, got " + keepCheckpoints);
    require(!(resume && overwrite), "--resume and --overwrite exclude each other");
    require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
    require(hidden.length >= 1, "--hidden needs at least one layer size");
    for (int h : hidden) {
      require(h >= 1, "--hidden sizes must be >= 1, got " + h);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
