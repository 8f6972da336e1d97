/**
 * Raw speech corpora (Speech Commands WAV, Heidelberg Digits FLAC, folders of WAV/FLAC per class) to
 * a Parquet dataset of dense feature frames: Kaldi log mel filterbank (as
 * torchaudio.compliance.kaldi.fbank, sparch's input) or librosa-style log mel spectrogram with
 * deltas (Yin et al.'s GSC input).
 *
 * <pre>{@code
 * AudioPreprocessConfig cfg = new AudioPreprocessConfig()
 *     .setInputDir("hdfs:///data/speech_commands_v0.02")   // corpus layout detected from its lists
 *     .setOutput("hdfs:///datasets/gsc-fbank40");
 * DatasetManifest m = new AudioPreprocessJob(cfg).run(spark);
 * DatasetVerifier.verify(spark.sparkContext().hadoopConfiguration(), cfg.getOutput());
 * }</pre>
 *
 * Options and their defaults: {@link org.snnspark.preprocess.audio.AudioPreprocessConfig#keys()}.
 * Output layout and columns: {@link org.snnspark.preprocess.dataset.FeatureSchema}. Bad input raises
 * {@link org.snnspark.preprocess.audio.AudioDataException} (file, problem) unless
 * {@code onBadSample=SKIP}. The pieces are usable alone: {@link org.snnspark.preprocess.audio.AudioDecoder},
 * {@link org.snnspark.preprocess.audio.Resampler}, {@link org.snnspark.preprocess.audio.KaldiFbank},
 * {@link org.snnspark.preprocess.audio.MelSpectrogram}, {@link org.snnspark.preprocess.audio.SavitzkyGolay},
 * {@link org.snnspark.preprocess.audio.FeatureExtractor}; their throughput: the bench's {@code audio/} rows.
 */
package org.snnspark.preprocess.audio;
