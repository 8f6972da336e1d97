package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.nd4j.shade.jackson.databind.DeserializationContext;
import org.nd4j.shade.jackson.databind.JavaType;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.deser.DeserializationProblemHandler;
import org.nd4j.shade.jackson.databind.jsontype.TypeIdResolver;

import java.util.Map;

/**
 * The class names a saved model's JSON may give our layer configurations from before they moved
 * to {@code org.snnspark.models.dl4j} and {@code org.snnspark.models.neuron.*}.
 * <p>
 * DL4J writes every layer configuration with Jackson's {@code @class} property, the class's full
 * name, and resolves it with {@code Class.forName}. A name that no longer resolves reaches the
 * mapper's problem handlers ({@link DeserializationProblemHandler#handleUnknownTypeId}); this one
 * answers with the class the name moved to. Configurations written since name the new classes.
 */
public final class LegacyLayerNames {
  private static final String OLD = "org.snnspark.models.layers.";
  private static final Map<String, String> MOVED = Map.of(
      OLD + "LifLayer", "org.snnspark.models.neuron.lif.LifLayer",
      OLD + "AlifLayer", "org.snnspark.models.neuron.alif.AlifLayer",
      OLD + "CubaLifLayer", "org.snnspark.models.neuron.cuba.CubaLifLayer",
      OLD + "LeakyLayer", "org.snnspark.models.neuron.leaky.LeakyLayer",
      OLD + "SingleSpikeLayer", "org.snnspark.models.neuron.singlespike.SingleSpikeLayer",
      OLD + "LeakyReadout", "org.snnspark.models.dl4j.LeakyReadout",
      OLD + "SpikeCountOutput", "org.snnspark.models.dl4j.SpikeCountOutput");
  private static boolean installed;

  private LegacyLayerNames() {
  }

  /** Teaches DL4J's JSON and YAML mappers the old names; idempotent. */
  public static synchronized void install() {
    if (!installed) {
      install(JsonMappers.getMapper());
      install(JsonMappers.getMapperYaml());
      installed = true;
    }
  }

  private static void install(ObjectMapper mapper) {
    mapper.addHandler(new DeserializationProblemHandler() {
      @Override
      public JavaType handleUnknownTypeId(DeserializationContext ctxt, JavaType baseType, String subTypeId,
                        TypeIdResolver idResolver, String failureMsg) {
        String moved = MOVED.get(subTypeId);
        if (moved == null) {
          return null;
        }
        try {
          return ctxt.getTypeFactory().constructSpecializedType(baseType,
              Class.forName(moved, true, LegacyLayerNames.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("moved layer class " + moved + " is missing", e);
        }
      }
    });
  }
}
