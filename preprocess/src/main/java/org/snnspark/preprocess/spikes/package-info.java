/**
 * Heidelberg spike files (SHD / SSC HDF5) to a Parquet dataset of binned spike frames.
 *
 * <pre>{@code
 * SpikePreprocessConfig cfg = new SpikePreprocessConfig()
 *     .setInputDir("hdfs:///data/shd")          // or addInput("train", ".../shd_train.h5") ...
 *     .setOutput("hdfs:///datasets/shd-100x700")
 *     .setValidFraction(0.1);                   // SHD has no validation split
 * DatasetManifest m = new SpikePreprocessJob(cfg).run(spark);
 * DatasetVerifier.verify(spark.sparkContext().hadoopConfiguration(), cfg.getOutput());
 * }</pre>
 *
 * Options and their defaults: {@link org.snnspark.preprocess.spikes.SpikePreprocessConfig#keys()}.
 * Output layout and columns: {@link org.snnspark.preprocess.dataset.FrameSchema}. Bad input raises
 * {@link org.snnspark.preprocess.hdf5.SpikeDataException} (file, sample, problem) unless
 * {@code onBadSample=SKIP}.
 */
package org.snnspark.preprocess.spikes;
