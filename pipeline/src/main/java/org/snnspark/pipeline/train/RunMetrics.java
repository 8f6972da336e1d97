package org.snnspark.pipeline.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.preprocess.dataset.HadoopFiles;

/**
 * A finished run's {@code metrics.json} read back as its {@link TrainResult}, for a caller that lost
 * the result its run returned: epochs, best epoch and scores; not the confusion matrix, the
 * workers nor the rounds per epoch, which metrics.json does not hold (null, 0, 0).
 */
public final class RunMetrics {
  private RunMetrics() {}

  /** Whether {@code runDir} is a finished run: it holds metrics.json, written just before its commit. */
  public static boolean exists(Configuration conf, String runDir) {
    try {
      Path file = new Path(runDir, "metrics.json");
      return HadoopFiles.forWriting(file, conf).exists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for " + runDir + "/metrics.json: " + e.getMessage(), e);
    }
  }

  public static TrainResult read(Configuration conf, String runDir) {
    Path file = new Path(runDir, "metrics.json");
    try {
      FileSystem fs = HadoopFiles.forWriting(file, conf);
      JsonNode json;
      try (InputStream in = fs.open(file)) {
        json = new ObjectMapper().readTree(in);
      }
      List<EpochStats> epochs = new ArrayList<>();
      for (JsonNode e : json.path("epochs")) {
        double seconds = e.path("seconds").asDouble();
        double[] rates = new double[e.path("firingRates").size()];
        for (int i = 0; i < rates.length; i++) {
          rates[i] = e.path("firingRates").get(i).asDouble();
        }
        epochs.add(new EpochStats(e.path("epoch").asInt(), e.path("trainLoss").asDouble(),
            number(e.path("trainAccuracy")), number(e.path("validAccuracy")), e.path("learningRate").asDouble(),
            rates, Math.round(e.path("samplesPerSecond").asDouble() * seconds), seconds));
      }
      JsonNode test = json.path("testAccuracy");
      return new TrainResult(runDir, epochs, json.path("bestEpoch").asInt(), number(json.path("bestValidAccuracy")),
          test.isNumber() ? test.asDouble() : null, null, 0, 0, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static double number(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
