package org.snnspark.pipeline.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.spec.NeuronModels;

/**
 * The neuron models' part of {@code train --help}, written from the models' own declarations: per
 * model the {@code --neuron} values it serves, its surrogate and threshold, and its options with
 * their flags, defaults and meaning. A model added to the registry appears here without an edit.
 */
public final class NeuronModelHelp {
  private NeuronModelHelp() {
  }

  public static String heading() {
    return "%nNeuron models (--neuron), their defaults and their own options:%n";
  }

  /** One line per model and per option, for a picocli footer (no format specifiers). */
  public static List<String> lines() {
    List<String> out = new ArrayList<>();
    for (NeuronModel m : NeuronModels.all()) {
      String types = m.types().stream().map(NeuronType::name).collect(Collectors.joining(", "));
      out.add(String.format(Locale.ROOT, "  %s: %s", types, m.name()));
      out.add(String.format(Locale.ROOT, "      surrogate %s, threshold %s%s", m.surrogate(), m.threshold(),
          m.thresholdMeaning().isEmpty() ? "" : " (" + m.thresholdMeaning() + ")"));
      for (ModelOption<?> o : m.options()) {
        out.add(String.format(Locale.ROOT, "      %-18s %s", o.flag() + "=" + o.defaultValue(), o.doc()));
      }
    }
    return out;
  }
}
