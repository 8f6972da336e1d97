package org.snnspark.preprocess.audio;

import java.io.Serializable;

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
}
