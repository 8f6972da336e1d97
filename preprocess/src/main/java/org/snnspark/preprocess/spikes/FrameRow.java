package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.snnspark.preprocess.dataset.DatasetOutput;
import org.snnspark.preprocess.dataset.FrameSchema;

/**
 * One output row as a Java bean — internal to the job, public only because Spark's bean encoder
 * needs it. Going through {@code Encoders.bean} rather than generic {@code Row}s matters for
 * speed: the bean encoder copies primitive {@code int[]} / {@code float[]} straight into Spark's
 * array format, where a {@code Row} holding arrays is converted element by element with boxing
 * (measured: the Parquet write stage took about twice as long that way).
 */
public final class FrameRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private String sampleId;
  private int label;
  private String labelName;
  private Integer speaker;
  private String sourceFile;
  private long sourceIndex;
  private int nSteps;
  private int nChannels;
  private int[] spikeTime;
  private int[] spikeChannel;
  private int[] spikeCount;
  private float[] eventTime;
  private int[] eventChannel;

  public FrameRow() {}

  FrameRow(SampleRecord r, int nSteps, int nChannels, boolean events) {
    this.sampleId = r.sampleId;
    this.label = r.label;
    this.labelName = r.labelName;
    this.speaker = r.speaker;
    this.sourceFile = r.sourceFile;
    this.sourceIndex = r.sourceIndex;
    this.nSteps = nSteps;
    this.nChannels = nChannels;
    this.spikeTime = r.time;
    this.spikeChannel = r.channel;
    this.spikeCount = r.count;
    this.eventTime = events ? r.eventTime : new float[0];
    this.eventChannel = events ? r.eventChannel : new int[0];
  }

  /**
   * Bean columns renamed to {@link FrameSchema}'s names, in its order; the events columns only in
   * events mode.
   */
  static Dataset<Row> toFrames(Dataset<FrameRow> beans, boolean events) {
    // bean property names as Spark's encoder derives them (java.beans: getNSteps -> "NSteps")
    String[][] names = {
        {"sampleId", FrameSchema.SAMPLE_ID}, {"label", FrameSchema.LABEL}, {"labelName", FrameSchema.LABEL_NAME},
        {"speaker", FrameSchema.SPEAKER}, {"sourceFile", FrameSchema.SOURCE_FILE},
        {"sourceIndex", FrameSchema.SOURCE_INDEX}, {"NSteps", FrameSchema.N_STEPS},
        {"NChannels", FrameSchema.N_CHANNELS}, {"spikeTime", FrameSchema.SPIKE_TIME},
        {"spikeChannel", FrameSchema.SPIKE_CHANNEL}, {"spikeCount", FrameSchema.SPIKE_COUNT},
        {"eventTime", FrameSchema.EVENT_TIME}, {"eventChannel", FrameSchema.EVENT_CHANNEL}};
    List<String[]> selected = new ArrayList<>();
    for (String[] n : names) {
      if (events || !(n[1].equals(FrameSchema.EVENT_TIME) || n[1].equals(FrameSchema.EVENT_CHANNEL))) {
        selected.add(n);
      }
    }
    return DatasetOutput.selectAs(beans, selected, FrameSchema.schema(events));
  }

  public String getSampleId() { return sampleId; }
  public void setSampleId(String v) { sampleId = v; }
  public int getLabel() { return label; }
  public void setLabel(int v) { label = v; }
  public String getLabelName() { return labelName; }
  public void setLabelName(String v) { labelName = v; }
  public Integer getSpeaker() { return speaker; }
  public void setSpeaker(Integer v) { speaker = v; }
  public String getSourceFile() { return sourceFile; }
  public void setSourceFile(String v) { sourceFile = v; }
  public long getSourceIndex() { return sourceIndex; }
  public void setSourceIndex(long v) { sourceIndex = v; }
  public int getNSteps() { return nSteps; }
  public void setNSteps(int v) { nSteps = v; }
  public int getNChannels() { return nChannels; }
  public void setNChannels(int v) { nChannels = v; }
  public int[] getSpikeTime() { return spikeTime; }
  public void setSpikeTime(int[] v) { spikeTime = v; }
  public int[] getSpikeChannel() { return spikeChannel; }
  public void setSpikeChannel(int[] v) { spikeChannel = v; }
  public int[] getSpikeCount() { return spikeCount; }
  public void setSpikeCount(int[] v) { spikeCount = v; }
  public float[] getEventTime() { return eventTime; }
  public void setEventTime(float[] v) { eventTime = v; }
  public int[] getEventChannel() { return eventChannel; }
  public void setEventChannel(int[] v) { eventChannel = v; }
}
