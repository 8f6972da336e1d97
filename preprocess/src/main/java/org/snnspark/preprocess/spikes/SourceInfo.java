package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.List;

/**
 * What the driver needs to plan the job, read from a source file by an executor task: its size and
 * checksum (null until computed, unless the file was copied: see {@link SourceFiles#inspect}), the sample count and the small per-sample vectors (labels, speakers: two bytes a sample
 * in the file), never the spike data.
 */
record SourceInfo(String split, String uri, String fileName, long sizeBytes, String sha256,
    long numSamples, int[] labels, int[] speakers, List<String> classNames) implements Serializable {

  /** This source with its SHA-256 (computed after the inspect stage). */
  SourceInfo withSha256(String sha) {
    return new SourceInfo(split, uri, fileName, sizeBytes, sha, numSamples, labels, speakers, classNames);
  }

  /** {@code shd_train.h5} -> {@code shd_train}: the prefix of this file's sample ids. */
  String stem() {
    return fileName.endsWith(".h5") ? fileName.substring(0, fileName.length() - 3) : fileName;
  }
}
