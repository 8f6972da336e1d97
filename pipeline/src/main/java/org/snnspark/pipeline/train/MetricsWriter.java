package org.snnspark.pipeline.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.report.EpochStats;

/** metrics.json (everything) and metrics.csv (one row per epoch) of a training run. */
final class MetricsWriter {
  private MetricsWriter() {}

  static void write(StagedOutput out, TrainResult result, List<String> classNames) {
    Map<String, Object> json = new LinkedHashMap<>();
    List<Map<String, Object>> epochs = new ArrayList<>();
    StringBuilder csv = new StringBuilder(
        "epoch,train_loss,train_accuracy,valid_accuracy,learning_rate,samples_per_second,seconds");
    int layers = result.epochs().isEmpty() ? 0 : result.epochs().get(0).firingRates().length;
    for (int l = 0; l < layers; l++) {
      csv.append(",firing_rate_layer").append(l);
    }
    csv.append('\n');
    for (EpochStats e : result.epochs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", e.epoch());
      m.put("trainLoss", e.trainLoss());
      m.put("trainAccuracy", nullIfNaN(e.trainAccuracy()));
      m.put("validAccuracy", nullIfNaN(e.validAccuracy()));
      m.put("learningRate", e.learningRate());
      m.put("firingRates", e.firingRates());
      m.put("samplesPerSecond", e.samplesPerSecond());
      m.put("seconds", e.seconds());
      epochs.add(m);
      csv.append(String.format(Locale.ROOT, "%d,%.6f,%s,%s,%.6g,%.2f,%.3f", e.epoch(),
          e.trainLoss(), csvNumber(e.trainAccuracy()), csvNumber(e.validAccuracy()),
          e.learningRate(), e.samplesPerSecond(), e.seconds()));
      for (double r : e.firingRates()) {
        csv.append(String.format(Locale.ROOT, ",%.6f", r));
      }
      csv.append('\n');
    }
    json.put("epochs", epochs);
    json.put("bestEpoch", result.bestEpoch());
    json.put("bestValidAccuracy", nullIfNaN(result.bestValidAccuracy()));
    json.put("testAccuracy", result.testAccuracy());
    json.put("classNames", classNames);
    json.put("testConfusion", result.testConfusion());
    try {
      out.writeString("metrics.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(json) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.writeString("metrics.csv", csv.toString());
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static String csvNumber(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
