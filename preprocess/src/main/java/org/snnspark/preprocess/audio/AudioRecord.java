package org.snnspark.preprocess.audio;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One sample between featurising and writing: its identity, its features and what the manifest's
 * statistics need — or, for a sample skipped with onBadSample=SKIP, its identity and the problem.
 */
final class AudioRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  String split;
  String sampleId;
  int label;
  String labelName;
  String speaker;
  String sourceFile;
  long sourceIndex;
  int nFrames;
  int nFeatures;
  /** Time-major [nFrames * nFeatures]. */
  float[] features;
  /** SHA-256 of the source file's bytes. */
  String sha256;
  long sourceBytes;
  int sourceRate;
  double sourceSeconds;
  boolean resampled;
  boolean padded;
  boolean cropped;
  /** Non-null for a skipped sample. */
  String problem;

  /**
   * The Parquet row ({@link org.snnspark.preprocess.dataset.FeatureSchema}); with {@code mean} and
   * {@code invStd} non-null the features are stored standardised.
   */
  Row toRow(double[] mean, double[] invStd) {
    float[] f = features;
    if (mean != null) {
      f = new float[features.length];
      for (int i = 0; i < f.length; i++) {
        int k = i % nFeatures;
        f[i] = (float) ((features[i] - mean[k]) * invStd[k]);
      }
    }
    return RowFactory.create(sampleId, label, labelName, speaker, sourceFile, sourceIndex, nFrames, nFeatures, f);
  }
}
