package org.snnspark.pipeline.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.spec.NeuronModels;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code train} flags written from {@link ModelOption} declarations instead of fields of
 * {@link TrainConfig}: every neuron model's options (one flag per name, whichever models declare
 * it) and the network's ({@link ModelSpec#NETWORK_OPTIONS}). picocli runs this on the command
 * built from TrainConfig's annotations, alone or mixed into {@code train}; the values land in the
 * TrainConfig ({@link TrainConfig#get}), so presets, {@code --help} and {@code run.toml} treat
 * these flags as any other.
 */
public final class ModelOptionFlags implements CommandLine.IModelTransformer {
  /** The hand-written flags the generated ones follow in {@code --help}, where they belong by subject. */
  private static final String MODEL_OPTIONS_AFTER = "--dt";
  private static final String NETWORK_OPTIONS_AFTER = "--count-incorrect-rate";

  /** Every declared option with a flag: the models' (the first declaration of each name), then the network's. */
  public static List<ModelOption<?>> options() {
    List<ModelOption<?>> out = new ArrayList<>(byName().values().stream().map(l -> l.get(0).option).toList());
    out.addAll(ModelSpec.NETWORK_OPTIONS);
    return out;
  }

  @Override
  public CommandSpec transform(CommandSpec command) {
    TrainConfig cfg = configOf(command);
    List<OptionSpec> models = new ArrayList<>();
    for (List<Declared> declared : byName().values()) {
      models.add(flag(cfg, declared.get(0).option, describe(declared)));
    }
    List<OptionSpec> network = new ArrayList<>();
    for (ModelOption<?> o : ModelSpec.NETWORK_OPTIONS) {
      network.add(flag(cfg, o, o.doc() + ". Default: " + o.defaultValue()));
    }
    insertAfter(command, MODEL_OPTIONS_AFTER, models);
    insertAfter(command, NETWORK_OPTIONS_AFTER, network);
    return command;
  }

  private record Declared(NeuronModel model, ModelOption<?> option) {
  }

  /** The models' options by name, in the order of the models; a name's declarations must agree on its type. */
  private static Map<String, List<Declared>> byName() {
    Map<String, List<Declared>> byName = new LinkedHashMap<>();
    for (NeuronModel m : NeuronModels.all()) {
      for (ModelOption<?> o : m.options()) {
        List<Declared> same = byName.computeIfAbsent(o.name(), k -> new ArrayList<>());
        if (!same.isEmpty() && same.get(0).option.type() != o.type()) {
          throw new IllegalStateException(o.name() + " is a " + same.get(0).option.type().getSimpleName() + " of "
              + same.get(0).model + " but a " + o.type().getSimpleName() + " of " + m);
        }
        same.add(new Declared(m, o));
      }
    }
    return byName;
  }

  /** "CUBA_LIF/RCUBA_LIF: doc; ALIF: doc. Default: ..." with the models' own words. */
  private static String describe(List<Declared> declared) {
    Map<String, List<String>> typesByDoc = new LinkedHashMap<>();
    for (Declared d : declared) {
      typesByDoc.computeIfAbsent(d.option.doc(), k -> new ArrayList<>())
          .addAll(d.model.types().stream().map(NeuronType::name).toList());
    }
    String meaning = typesByDoc.entrySet().stream()
        .map(e -> String.join("/", e.getValue()) + ": " + e.getKey())
        .collect(Collectors.joining("; "));
    boolean oneDefault = declared.stream().map(d -> d.option.defaultValue()).distinct().count() == 1;
    return meaning + ". Default: "
        + (oneDefault ? declared.get(0).option.defaultValue() : "the model's own (see Neuron models below)");
  }

  private static <T> OptionSpec flag(TrainConfig cfg, ModelOption<T> option, String description) {
    OptionSpec.Builder b = OptionSpec.builder(option.flag())
        .type(option.type())
        // picocli formats descriptions (String.format): a literal % must be doubled
        .description(description.replace("%", "%%"))
        .initialValue(cfg.get(option))
        .getter(new IGetter() {
          @Override
          @SuppressWarnings("unchecked")
          public <V> V get() {
            return (V) cfg.get(option);
          }
        })
        .setter(new ISetter() {
          @Override
          public <V> V set(V value) {
            V before = get();
            cfg.set(option, option.type().cast(value));
            return before;
          }

          @SuppressWarnings("unchecked")
          private <V> V get() {
            return (V) cfg.get(option);
          }
        });
    if (option.type() == Boolean.class) {
      b.negatable(true).fallbackValue("true");
    } else {
      b.paramLabel("<" + option.name() + ">");
    }
    return b.build();
  }

  /** Puts {@code added} after the option {@code anchor} (at the end without it): picocli only appends. */
  private static void insertAfter(CommandSpec command, String anchor, List<OptionSpec> added) {
    List<OptionSpec> all = command.options();
    int at = all.indexOf(command.findOption(anchor)) + 1;
    List<OptionSpec> after = at == 0 ? List.of() : new ArrayList<>(all.subList(at, all.size()));
    after.forEach(command::remove);
    added.forEach(command::addOption);
    after.forEach(command::addOption);
  }

  private static TrainConfig configOf(CommandSpec command) {
    if (command.userObject() instanceof TrainConfig cfg) {
      return cfg;
    }
    for (CommandSpec mixin : command.mixins().values()) {
      if (mixin.userObject() instanceof TrainConfig cfg) {
        return cfg;
      }
    }
    throw new IllegalStateException(command.qualifiedName() + " has no TrainConfig");
  }
}
