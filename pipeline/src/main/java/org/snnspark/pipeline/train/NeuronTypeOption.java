package org.snnspark.pipeline.train;

import java.util.Iterator;
import org.snnspark.models.neuron.NeuronType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How a {@code --neuron} option reads its value: a registered neuron type's name, case-sensitive,
 * the valid ones listed by {@code ${COMPLETION-CANDIDATES}} and in the error, as picocli does for
 * an enum. {@code @Option(names = "--neuron", converter = NeuronTypeOption.class, completionCandidates
 * = NeuronTypeOption.Names.class)}.
 */
public final class NeuronTypeOption implements ITypeConverter<NeuronType> {
  @Override
  public NeuronType convert(String value) {
    for (NeuronType type : NeuronType.values()) {
      if (type.name().equals(value)) {
        return type;
      }
    }
    throw new TypeConversionException(String.format("expected one of %s (case-sensitive) but was '%s'",
        NeuronType.values(), value));
  }

  /** The registered types' names, in the registry's order. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NeuronType.values().stream().map(NeuronType::name).iterator();
    }
  }
}
