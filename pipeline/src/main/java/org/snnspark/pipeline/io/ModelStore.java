package org.snnspark.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Saves and loads DL4J models (ModelSerializer zip) on any Hadoop filesystem. */
public final class ModelStore {
  private ModelStore() {}

  public static void save(MultiLayerNetwork net, FileSystem fs, Path file) {
    try (OutputStream out = fs.create(file, true)) {
      ModelSerializer.writeModel(net, out, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model " + file + ": " + e.getMessage(), e);
    }
  }

  public static MultiLayerNetwork load(Configuration conf, String file) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.isFile(path)) {
        throw new IllegalArgumentException("model " + file + " does not exist (expected the"
            + " model.zip a 'train' run wrote)");
      }
      try (InputStream in = fs.open(path)) {
        return ModelSerializer.restoreMultiLayerNetwork(in, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file + ": " + e.getMessage(), e);
    }
  }
}
