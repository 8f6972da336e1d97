package org.snnspark.preprocess.audio;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.snnspark.preprocess.dataset.DatasetOutput;
import org.snnspark.preprocess.dataset.FeatureSchema;

/**
 * One output row as a Java bean — internal to the job, public only because Spark's bean encoder
 * needs it. The bean encoder copies the primitive {@code float[]} straight into Spark's array
 * format; a generic {@code Row} would convert thousands of features per row one boxed value at a
 * time.
 */
public final class FeatureRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private String sampleId;
  private int label;
  private String labelName;
  private String speaker;
  private String sourceFile;
  private long sourceIndex;
  private int nFrames;
  private int nFeatures;
  private float[] features;

  public FeatureRow() {}

  /**
   * The row of a featurised sample; with {@code mean} and {@code invStd} non-null the features are
   * stored standardised, {@code (x - mean[f]) * invStd[f]}.
   */
  FeatureRow(AudioRecord r, double[] mean, double[] invStd) {
    this.sampleId = r.sampleId;
    this.label = r.label;
    this.labelName = r.labelName;
    this.speaker = r.speaker;
    this.sourceFile = r.sourceFile;
    this.sourceIndex = r.sourceIndex;
    this.nFrames = r.nFrames;
    this.nFeatures = r.nFeatures;
    float[] f = r.features;
    if (mean != null) {
      f = new float[f.length];
      for (int i = 0; i < f.length; i++) {
        int k = i % nFeatures;
        f[i] = (float) ((r.features[i] - mean[k]) * invStd[k]);
      }
    }
    this.features = f;
  }

  /** Bean columns renamed to {@link FeatureSchema}'s names, in its order. */
  static Dataset<Row> toFeatures(Dataset<FeatureRow> beans) {
    // bean property names as Spark's encoder derives them (java.beans: getNFrames -> "NFrames")
    String[][] names = {
        {"sampleId", FeatureSchema.SAMPLE_ID}, {"label", FeatureSchema.LABEL}, {"labelName", FeatureSchema.LABEL_NAME},
        {"speaker", FeatureSchema.SPEAKER}, {"sourceFile", FeatureSchema.SOURCE_FILE},
        {"sourceIndex", FeatureSchema.SOURCE_INDEX}, {"NFrames", FeatureSchema.N_FRAMES},
        {"NFeatures", FeatureSchema.N_FEATURES}, {"features", FeatureSchema.FEATURES}};
    return DatasetOutput.selectAs(beans, List.of(names), FeatureSchema.SCHEMA);
  }

  public String getSampleId() { return sampleId; }
  public void setSampleId(String v) { sampleId = v; }
  public int getLabel() { return label; }
  public void setLabel(int v) { label = v; }
  public String getLabelName() { return labelName; }
  public void setLabelName(String v) { labelName = v; }
  public String getSpeaker() { return speaker; }
  public void setSpeaker(String v) { speaker = v; }
  public String getSourceFile() { return sourceFile; }
  public void setSourceFile(String v) { sourceFile = v; }
  public long getSourceIndex() { return sourceIndex; }
  public void setSourceIndex(long v) { sourceIndex = v; }
  public int getNFrames() { return nFrames; }
  public void setNFrames(int v) { nFrames = v; }
  public int getNFeatures() { return nFeatures; }
  public void setNFeatures(int v) { nFeatures = v; }
  public float[] getFeatures() { return features; }
  public void setFeatures(float[] v) { features = v; }
}
