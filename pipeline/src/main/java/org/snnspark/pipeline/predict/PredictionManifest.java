package org.snnspark.pipeline.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@value #FILE_NAME}, written last into a predictions directory: what was predicted with what,
 * and each split's files. Its presence marks a complete output (the directory appears only when
 * it is committed), and {@code --overwrite} replaces only a directory that holds one.
 *
 * @param kind always {@value #KIND}
 * @param model the model file the predictions come from
 * @param dataset the dataset directory its rows come from
 * @param classNames class names, by class index
 * @param splits per split: its directory, rows and files, and its accuracy when it is labelled
 */
public record PredictionManifest(int schemaVersion, String kind, String model, String dataset,
    List<String> classNames, List<Split> splits) {
  public static final String FILE_NAME = "predictions.json";
  public static final String KIND = "predictions";
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One split's predictions.
   *
   * @param labelled rows with a label
   * @param correct labelled rows whose predicted class is the label
   * @param files the Parquet files, in row order
   */
  public record Split(String split, String directory, long rows, long labelled, long correct,
      List<PartFile> files) {
    /** correct / labelled; NaN for an unlabelled split. */
    public double accuracy() {
      return labelled == 0 ? Double.NaN : correct / (double) labelled;
    }
  }

  /**
   * One Parquet file of predictions.
   *
   * @param path relative to the predictions directory
   * @param sha256 of the file's bytes
   */
  public record PartFile(String path, long rows, long labelled, long correct, long sizeBytes,
      String sha256) implements java.io.Serializable {}

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
