package org.snnspark.pipeline.cli;

/** A job failed for a reason the user can act on; its message is printed as is. */
public final class JobFailedException extends RuntimeException {
  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
