package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;

/** Reads networks saved with DL4J's ModelSerializer, also those older versions of these layers wrote. */
public final class SavedNetworks {
  private SavedNetworks() {
  }

  /** {@link ModelSerializer#restoreMultiLayerNetwork(InputStream, boolean)} knowing the layers' old class names. */
  public static MultiLayerNetwork restore(InputStream in, boolean loadUpdater) throws IOException {
    LegacyLayerNames.install();
    return ModelSerializer.restoreMultiLayerNetwork(in, loadUpdater);
  }
}
