package org.snnspark.preprocess.hdf5;

/**
 * Bad spike input: names the file, the sample (when one sample is at fault) and the problem, e.g.
 * {@code shd_train.h5, sample 17: unit 700 >= channel count 700 (spike 3)}.
 */
public class SpikeDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final long sample;
  private final String problem;

  /** A problem with one sample. */
  public SpikeDataException(String file, long sample, String problem) {
    super(file + ", sample " + sample + ": " + problem);
    this.file = file;
    this.sample = sample;
    this.problem = problem;
  }

  /** The same problem again, with a cause (e.g. to rethrow a task's error on the driver). */
  public SpikeDataException(String file, long sample, String problem, Throwable cause) {
    super(sample >= 0 ? file + ", sample " + sample + ": " + problem : file + ": " + problem, cause);
    this.file = file;
    this.sample = sample;
    this.problem = problem;
  }

  /** A problem with the whole file (missing dataset, not HDF5, truncated...). */
  public SpikeDataException(String file, String problem, Throwable cause) {
    super(file + ": " + problem + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    this.file = file;
    this.sample = -1;
    this.problem = problem;
  }

  public String getFile() {
    return file;
  }

  /** The sample index in its file, or -1 when the problem is the file itself. */
  public long getSample() {
    return sample;
  }

  public String getProblem() {
    return problem;
  }
}
