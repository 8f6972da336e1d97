package org.snnspark.preprocess.audio;

/**
 * Bad audio input: names the file and the problem, e.g.
 * {@code yes/0a7c2a8d_nohash_0.wav: truncated WAV: the data chunk says 32000 bytes, 1204 follow it}.
 * Thrown by the decoders and the feature pipeline; the job stops with it (onBadSample=FAIL) or
 * lists it in the manifest (SKIP).
 */
public class AudioDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String problem;

  public AudioDataException(String file, String problem) {
    this(file, problem, null);
  }

  public AudioDataException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file as the corpus names it (a path relative to the corpus root, or a URI). */
  public String getFile() {
    return file;
  }

  public String getProblem() {
    return problem;
  }
}
