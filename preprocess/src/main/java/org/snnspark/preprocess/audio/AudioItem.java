package org.snnspark.preprocess.audio;

import java.io.Serializable;

/**
 * One sample to featurise, as planned on the driver from the corpus listing: which file (or which
 * clip of a background-noise file), its split, label and ids, and — for samples already known to be
 * bad when listing (a list naming a missing file, an unparsable HD name) — the problem.
 */
final class AudioItem implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A silence clip: where in the noise file it is cut from (fractions of the file's length). */
  record Silence(double regionStart, double regionEnd, double position, double seconds) implements Serializable {}

  final String split;
  final String sampleId;
  final int label;
  final String labelName;
  /** Null when the corpus has no speaker ids. */
  final String speaker;
  /** The file to read: a qualified Hadoop path. */
  final String uri;
  /** The file relative to the corpus root: the row's source_file and the name in messages. */
  final String relPath;
  /** Non-null for a clip cut from background noise. */
  final Silence silence;
  /** Non-null when listing already found the sample bad. */
  final String problem;
  /** Shard key ({@link org.snnspark.preprocess.dataset.ShardPartitioner#key}), set by the plan. */
  long key;

  AudioItem(String split, String sampleId, int label, String labelName, String speaker, String uri,
      String relPath, Silence silence, String problem) {
    this.split = split;
    this.sampleId = sampleId;
    this.label = label;
    this.labelName = labelName;
    this.speaker = speaker;
    this.uri = uri;
    this.relPath = relPath;
    this.silence = silence;
    this.problem = problem;
  }

  AudioItem withSplit(String newSplit) {
    return new AudioItem(newSplit, sampleId, label, labelName, speaker, uri, relPath, silence, problem);
  }

  @Override
  public String toString() {
    return sampleId + " (" + split + ", " + labelName + ")";
  }
}
