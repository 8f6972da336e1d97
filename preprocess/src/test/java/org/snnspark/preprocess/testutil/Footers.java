package org.snnspark.preprocess.testutil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.snnspark.preprocess.dataset.ParquetFooters;

/** Reads the footer of a Parquet file in memory, as parquet-format's Thrift structures. */
public final class Footers {
  private Footers() {}

  public static FileMetaData footer(byte[] file) throws IOException {
    int n = file.length;
    int len = ParquetFooters.footerLength(file, n - ParquetFooters.TAIL);
    assertTrue(len > 0, "not a Parquet file with a plain footer");
    return Util.readFileMetaData(new ByteArrayInputStream(file, n - ParquetFooters.TAIL - len, len));
  }

  /** Every column chunk's encoding list, row group by row group. */
  public static List<List<Encoding>> encodings(FileMetaData footer) {
    List<List<Encoding>> all = new ArrayList<>();
    for (RowGroup rg : footer.getRow_groups()) {
      for (ColumnChunk cc : rg.getColumns()) {
        all.add(cc.getMeta_data().getEncodings());
      }
    }
    return all;
  }

  /** Every column chunk's encodings sorted by Thrift value (so the same in every JVM). */
  public static void assertCanonical(byte[] file, String what) throws IOException {
    boolean several = false;
    for (List<Encoding> e : encodings(footer(file))) {
      several |= e.size() > 1;
      for (int i = 1; i < e.size(); i++) {
        assertTrue(e.get(i - 1).getValue() < e.get(i).getValue(), what + ": encodings not in canonical order: " + e);
      }
    }
    assertTrue(several, what + ": no column with more than one encoding, so no order to check");
  }
}
