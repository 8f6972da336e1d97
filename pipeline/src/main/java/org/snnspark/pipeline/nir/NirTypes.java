package org.snnspark.pipeline.nir;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node types of NIR (neuromorphs/NIR {@code nir/ir/*.py}) and the fields their constructors
 * take, which is what {@code nir.read} accepts: every stored dataset of a node becomes a keyword
 * argument, so a field not listed here makes NIR's reader fail, and a required one missing too.
 * Every node may also have a {@code metadata} group.
 */
public final class NirTypes {
  public static final String GRAPH = "NIRGraph";
  public static final String INPUT = "Input";
  public static final String OUTPUT = "Output";
  public static final String AFFINE = "Affine";
  public static final String LINEAR = "Linear";
  public static final String LI = "LI";
  public static final String LIF = "LIF";
  public static final String CUBA_LIF = "CubaLIF";

  /** Required and optional fields of one node type. */
  public record Fields(List<String> required, List<String> optional) {
    public boolean allows(String field) {
      return required.contains(field) || optional.contains(field);
    }
  }

  private static final Map<String, Fields> FIELDS = Map.ofEntries(
      Map.entry(INPUT, new Fields(List.of("shape"), List.of())),
      Map.entry(OUTPUT, new Fields(List.of("shape"), List.of())),
      Map.entry(AFFINE, new Fields(List.of("weight", "bias"), List.of())),
      Map.entry(LINEAR, new Fields(List.of("weight"), List.of())),
      Map.entry("Scale", new Fields(List.of("scale"), List.of())),
      Map.entry(LI, new Fields(List.of("tau", "r", "v_leak"), List.of())),
      Map.entry(LIF, new Fields(List.of("tau", "r", "v_leak", "v_threshold"), List.of("v_reset"))),
      Map.entry("CubaLI", new Fields(List.of("tau_syn", "tau_mem", "r", "v_leak"), List.of("w_in"))),
      Map.entry(CUBA_LIF, new Fields(List.of("tau_syn", "tau_mem", "r", "v_leak", "v_threshold"),
          List.of("v_reset", "w_in"))),
      Map.entry("I", new Fields(List.of("r"), List.of())),
      Map.entry("IF", new Fields(List.of("r", "v_threshold"), List.of("v_reset"))),
      Map.entry("Delay", new Fields(List.of("delay"), List.of())),
      Map.entry("Threshold", new Fields(List.of("threshold"), List.of())),
      Map.entry("Flatten", new Fields(List.of("start_dim", "end_dim"), List.of("input_type"))),
      Map.entry("Conv1d", new Fields(List.of("weight", "stride", "padding", "dilation", "groups", "bias"),
          List.of("input_shape"))),
      Map.entry("Conv2d", new Fields(List.of("weight", "stride", "padding", "dilation", "groups", "bias"),
          List.of("input_shape"))),
      Map.entry("SumPool2d", new Fields(List.of("kernel_size", "stride", "padding"), List.of())),
      Map.entry("AvgPool2d", new Fields(List.of("kernel_size", "stride", "padding"), List.of())));

  /** What this project turns into layers; the rest of NIR's types are known but not supported. */
  public static final Set<String> SUPPORTED = Set.of(GRAPH, INPUT, OUTPUT, AFFINE, LINEAR, LI, LIF, CUBA_LIF);

  private NirTypes() {}

  /** The fields of a NIR type other than NIRGraph, or null for a type NIR does not have. */
  public static Fields of(String type) {
    return FIELDS.get(type);
  }

  public static boolean known(String type) {
    return GRAPH.equals(type) || FIELDS.containsKey(type);
  }
}
