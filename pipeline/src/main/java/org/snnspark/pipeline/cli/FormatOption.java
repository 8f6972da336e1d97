package org.snnspark.pipeline.cli;

import org.snnspark.preprocess.dataset.OptionException;

/** The --format of export and import: NIR is the one interchange format so far. */
final class FormatOption {
  private FormatOption() {}

  static void requireNir(String format) {
    if (!"nir".equalsIgnoreCase(format)) {
      throw new OptionException("{format} " + format + " is not supported: the one format is nir");
    }
  }
}
