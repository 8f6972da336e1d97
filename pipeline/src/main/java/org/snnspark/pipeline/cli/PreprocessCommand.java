package org.snnspark.pipeline.cli;

import org.snnspark.preprocess.audio.AudioPreprocessConfig;
import org.snnspark.preprocess.audio.AudioPreprocessJob;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code preprocess spikes|audio}: raw data to a dataset directory. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
    description = "Turn raw data into a reusable dataset directory (manifest.json + Parquet shards).")
public final class PreprocessCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "say what to preprocess: " + String.join(", ", spec.subcommands().keySet()));
  }

  static KeyedJobCommand<SpikePreprocessConfig> spikes() {
    return new KeyedJobCommand<>("spikes", new String[] {
        "Bin SHD/SSC HDF5 spike files (spikes/times, spikes/units, labels, extra/...) into sparse"
            + " spike frames, written as Parquet shards + manifest.json.",
        "Example: preprocess spikes --input train=shd_train.h5 --input test=shd_test.h5"
            + " --output shd-ds --valid-fraction 0.1"},
        SpikePreprocessConfig.OPTIONS.options(), SpikePreprocessConfig::new,
        SpikePreprocessConfig::validate, (cfg, spark) -> new SpikePreprocessJob(cfg).run(spark));
  }

  static KeyedJobCommand<AudioPreprocessConfig> audio() {
    return new KeyedJobCommand<>("audio", new String[] {
        "Decode a speech corpus (Google Speech Commands, Heidelberg Digits audio, or one folder per"
            + " class of WAV/FLAC files) and write Kaldi fbank or log-mel features as Parquet"
            + " shards + manifest.json.",
        "Example: preprocess audio --input-dir speech_commands_v0.02 --output gsc-fbank"},
        AudioPreprocessConfig.OPTIONS.options(), AudioPreprocessConfig::new,
        AudioPreprocessConfig::validate, (cfg, spark) -> new AudioPreprocessJob(cfg).run(spark));
  }

  /** Subcommands whose options are generated from the preprocess module's option declarations. */
  static void addGeneratedSubcommands(CommandLine preprocess) {
    preprocess.addSubcommand(spikes().commandLine());
    preprocess.addSubcommand(audio().commandLine());
  }
}
