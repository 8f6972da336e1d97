package org.snnspark.preprocess.spikes;

import java.io.Serializable;

/**
 * One sample between reading and writing: its identity, its binned frame (and raw events in events
 * mode) and the numbers the manifest's statistics need — or, for a sample skipped with
 * onBadSample=SKIP, only its identity and the problem.
 */
final class SampleRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  String split;
  String sampleId;
  int label;
  String labelName;
  Integer speaker;
  String sourceFile;
  long sourceIndex;
  /** The binned frame: the task's buffer, valid until the task bins its next sample. */
  FrameBuffer frame;
  float[] eventTime;
  int[] eventChannel;
  /** Non-null for a skipped sample. */
  String problem;
}
