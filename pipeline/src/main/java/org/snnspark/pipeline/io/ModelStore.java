package org.snnspark.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.snnspark.models.dl4j.SavedNetworks;
import org.snnspark.preprocess.dataset.InPlaceOutput;
import org.snnspark.preprocess.dataset.OptionException;

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

  /**
   * The network in {@code file}.
   *
   * @throws OptionException when it is missing or not a model a 'train' run wrote
   */
  public static MultiLayerNetwork load(Configuration conf, String file) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.isFile(path)) {
        throw notAModel(file, fs.exists(path) ? "is a directory" : "does not exist");
      }
      requireFinished(fs, fs.makeQualified(path), file);
      try (InputStream in = fs.open(path)) {
        byte[] magic = in.readNBytes(ZIP_MAGIC.length);
        if (!Arrays.equals(magic, ZIP_MAGIC)) {
          throw notAModel(file, "is not a zip file");
        }
      }
      try (InputStream in = fs.open(path)) {
        return SavedNetworks.restore(in, true);
      } catch (IllegalStateException e) {
        // DL4J's "Model wasnt found within file: gotConfig: [false]..." for a zip of something else
        throw notAModel(file, "is a zip file without DL4J's configuration.json and coefficients.bin");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a model inside a run directory (or its {@code checkpoints/}) that a run writing in
   * place has not finished: such a file may be one the run was killed while writing.
   */
  private static void requireFinished(FileSystem fs, Path model, String file) throws IOException {
    Path dir = model.getParent();
    for (int up = 0; up < 2 && dir != null; up++, dir = dir.getParent()) {
      if (InPlaceOutput.unfinishedBy(fs, dir).isPresent()) {
        throw new OptionException("{model} " + file + " belongs to the unfinished run " + dir + " (its job was"
            + " interrupted, or still runs): finish it with 'train --resume', or give a finished run's model.zip");
      }
    }
  }

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private static OptionException notAModel(String file, String what) {
    return new OptionException("{model} " + file + " " + what + ": give the model.zip a 'train' run wrote");
  }
}
