package org.snnspark.pipeline.train;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --averaging-frequency}: a number of minibatches, or {@code auto} (stored as 0). */
public final class AveragingFrequency implements ITypeConverter<Integer> {
  /** The value {@code auto} stands for. */
  public static final int AUTO = 0;

  @Override
  public Integer convert(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("auto") || v.equals("0")) {
      return AUTO;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TypeConversionException("'" + value + "' is neither auto nor a number of minibatches >= 1");
  }
}
