package org.snnspark.pipeline.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.deeplearning4j.util.ModelSerializer;
import org.snnspark.models.dl4j.SavedNetworks;
import org.snnspark.pipeline.io.StagedOutput;

/**
 * Per-epoch checkpoints inside a run's staging directory: {@code checkpoints/epoch-NNNN.zip}
 * (network, updater state, iteration and epoch counters), {@code epoch-NNNN.velocity} (the outer
 * optimizer's momentum, when it has one) followed by {@code epoch-NNNN.json}
 * (the {@link RunState}). Files are immutable once renamed into place and the state is written
 * last, so the newest state file always names complete checkpoints: a run killed while writing
 * resumes from the previous epoch.
 */
final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  private static final String DIR = "checkpoints";
  private static final Pattern STATE = Pattern.compile("epoch-(\\d{4,})\\.json");
  private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{4,})\\.(zip|json|velocity)");
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final StagedOutput out;
  private final int keep;

  Checkpoints(StagedOutput out, int keep) {
    this.out = out;
    this.keep = keep;
  }

  static String epochName(int epoch) {
    return String.format(Locale.ROOT, "epoch-%04d", epoch);
  }

  /**
   * Saves the network after {@code state.epoch} and the outer optimizer's momentum (null: none);
   * the network also as the best model when it is a new best.
   */
  void save(MultiLayerNetwork net, float[] velocity, RunState state, boolean isBest) {
    String name = epochName(state.epoch);
    state.checkpoint = DIR + "/" + name + ".zip";
    writeModel(net, state.checkpoint);
    state.outerVelocity = velocity == null ? null : DIR + "/" + name + ".velocity";
    if (velocity != null) {
      out.writeAtomically(state.outerVelocity, o -> {
        ByteBuffer b = ByteBuffer.allocate(velocity.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(velocity);
        o.write(b.array());
      });
    }
    if (isBest) {
      state.bestCheckpoint = DIR + "/best-" + name + ".zip";
      writeModel(net, state.bestCheckpoint);
    }
    try {
      byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
      out.writeAtomically(DIR + "/" + name + ".json", o -> o.write(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    prune(state);
  }

  private void writeModel(MultiLayerNetwork net, String relative) {
    out.writeAtomically(relative, o -> ModelSerializer.writeModel(net, o, true));
  }

  /** The state of the newest complete checkpoint, if the staging directory has one. */
  Optional<RunState> latest() {
    return latestIn(out.fs(), out.staging());
  }

  /** The state of the newest complete checkpoint in the staging directory {@code staging}, if any. */
  static Optional<RunState> latestIn(FileSystem fs, Path staging) {
    try {
      Path dir = new Path(staging, DIR);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      int newest = -1;
      FileStatus[] files = fs.listStatus(dir);
      for (FileStatus f : files) {
        Matcher m = STATE.matcher(f.getPath().getName());
        if (m.matches()) {
          newest = Math.max(newest, Integer.parseInt(m.group(1)));
        }
      }
      reportUnnamed(dir, files, newest);
      if (newest < 0) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(new Path(dir, epochName(newest) + ".json"))) {
        return Optional.of(JSON.readValue(in, RunState.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + staging + ": " + e.getMessage(), e);
    }
  }

  /**
   * Logs the files a run killed while saving an epoch left beside the checkpoints: files of epochs
   * after the newest state file, and half-written temporary files. They are never loaded, and
   * saving that epoch again replaces them.
   */
  private static void reportUnnamed(Path dir, FileStatus[] files, int newestState) {
    List<String> unnamed = new ArrayList<>();
    for (FileStatus f : files) {
      String name = f.getPath().getName();
      Matcher m = EPOCH_FILE.matcher(name.startsWith("best-") ? name.substring(5) : name);
      if (name.startsWith("_tmp.") || (m.matches() && Integer.parseInt(m.group(1)) > newestState)) {
        unnamed.add(name);
      }
    }
    if (!unnamed.isEmpty()) {
      unnamed.sort(null);
      LOG.warn("{} holds files no state file names, left by a"
          + " run killed while saving; not loaded: {}", dir, String.join(", ", unnamed));
    }
  }

  /** The outer momentum the state names, null if none. */
  float[] loadVelocity(RunState state) {
    if (state.outerVelocity == null) {
      return null;
    }
    try (InputStream in = out.fs().open(out.resolve(state.outerVelocity))) {
      byte[] bytes = in.readAllBytes();
      float[] v = new float[bytes.length / Float.BYTES];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + out.resolve(state.outerVelocity)
          + ": " + e.getMessage(), e);
    }
  }

  MultiLayerNetwork load(String relative) {
    try (InputStream in = out.fs().open(out.resolve(relative))) {
      return SavedNetworks.restore(in, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + out.resolve(relative) + ": "
          + e.getMessage(), e);
    }
  }

  /** Keeps the newest {@code keep} epoch checkpoints and the best model the state names. */
  private void prune(RunState state) {
    try {
      List<Path> stale = new ArrayList<>();
      for (FileStatus f : out.fs().listStatus(out.resolve(DIR))) {
        String file = f.getPath().getName();
        Matcher m = EPOCH_FILE.matcher(file);
        boolean oldEpoch = m.matches() && Integer.parseInt(m.group(1)) <= state.epoch - keep;
        boolean oldBest = file.startsWith("best-")
            && !(DIR + "/" + file).equals(state.bestCheckpoint);
        if (oldEpoch || oldBest) {
          stale.add(f.getPath());
        }
      }
      // states first: a state file must never outlive the checkpoint it names
      stale.sort((a, b) -> a.getName().endsWith(".json") ? -1 : b.getName().endsWith(".json") ? 1 : 0);
      for (Path p : stale) {
        out.fs().delete(p, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune checkpoints in " + out.staging() + ": "
          + e.getMessage(), e);
    }
  }
}
