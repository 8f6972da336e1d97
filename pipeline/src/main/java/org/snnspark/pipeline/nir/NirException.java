package org.snnspark.pipeline.nir;

/** A NIR file this project cannot read, a graph it cannot run, or a model NIR cannot express: one line naming the file, the node or layer, and the problem. */
public final class NirException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public NirException(String message) {
    super(message);
  }

  public NirException(String message, Throwable cause) {
    super(message, cause);
  }
}
