package org.snnspark.preprocess.parquet;

import org.apache.parquet.column.ParquetProperties;

/**
 * When a row group is full: parquet-mr's record writer's rule (InternalParquetRecordWriter 1.13:
 * the buffered size is checked now and then, at a row count estimated from the bytes per row so
 * far, and the group is flushed within about two rows of the target size).
 */
final class RowGroupCheck {
  private final ParquetProperties props;
  private final long threshold;
  private long nextRowGroupSize;
  private long rows;
  private long rowsForNextCheck;

  RowGroupCheck(ParquetProperties props, long threshold) {
    this.props = props;
    this.threshold = threshold;
    this.nextRowGroupSize = threshold;
    this.rowsForNextCheck = props.getMinRowCountForPageSizeCheck();
  }

  /** Rows in the current group. */
  long rows() {
    return rows;
  }

  /** Counts a row just written; whether the group, of {@code memSize} bytes, is to be flushed now. */
  boolean full(long memSize) {
    rows++;
    if (rows < rowsForNextCheck) {
      return false;
    }
    long rowSize = memSize / rows;
    if (memSize > nextRowGroupSize - 2 * rowSize) {
      // parquet-mr computes max(min, recordCount / 2) after its flush has reset recordCount to 0
      rowsForNextCheck = Math.min(props.getMinRowCountForPageSizeCheck(), props.getMaxRowCountForPageSizeCheck());
      return true;
    }
    rowsForNextCheck = Math.min(
        Math.max(props.getMinRowCountForPageSizeCheck(), (rows + (long) (nextRowGroupSize / ((float) rowSize))) / 2),
        rows + props.getMaxRowCountForPageSizeCheck());
    return false;
  }

  /** The group was written; the next may hold {@code nextRowGroupSize} bytes. */
  void flushed(long nextRowGroupSize) {
    this.nextRowGroupSize = nextRowGroupSize;
    rows = 0;
  }
}
