package org.snnspark.preprocess.dataset;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ParquetFooters}: encoding lists sorted by Thrift value, nothing else changed, same length. */
class ParquetFootersTest {
  private static byte[] footer(List<Encoding> a, List<Encoding> b) throws Exception {
    FileMetaData md = new FileMetaData(1, List.of(new SchemaElement("spark_schema")), 3, List.of(
        new RowGroup(List.of(chunk("x", a), chunk("y", b)), 300, 3)));
    md.setCreated_by("parquet-mr version 1.13.1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Util.writeFileMetaData(md, out);
    return out.toByteArray();
  }

  private static ColumnChunk chunk(String name, List<Encoding> encodings) {
    ColumnChunk cc = new ColumnChunk(4);
    cc.setMeta_data(new ColumnMetaData(Type.INT32, encodings, List.of(name), CompressionCodec.SNAPPY, 3, 150, 150, 4));
    return cc;
  }

  @Test
  void sortsEveryEncodingListAndKeepsTheLength() throws Exception {
    byte[] shuffled = footer(List.of(Encoding.BIT_PACKED, Encoding.RLE, Encoding.PLAIN),
        List.of(Encoding.PLAIN_DICTIONARY, Encoding.BIT_PACKED));
    byte[] sorted = footer(List.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED),
        List.of(Encoding.PLAIN_DICTIONARY, Encoding.BIT_PACKED));
    byte[] padded = new byte[shuffled.length + 5];
    System.arraycopy(shuffled, 0, padded, 3, shuffled.length);
    byte[] canonical = ParquetFooters.canonical(padded, 3, shuffled.length);
    assertArrayEquals(sorted, canonical);
    assertNull(ParquetFooters.canonical(sorted, 0, sorted.length), "already canonical: nothing to change");
    FileMetaData back = Util.readFileMetaData(new ByteArrayInputStream(canonical));
    assertEquals(List.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED),
        back.getRow_groups().get(0).getColumns().get(0).getMeta_data().getEncodings());
  }

  @Test
  void readsTheFootersLengthFromTheTail() {
    assertEquals(0x01020304, ParquetFooters.footerLength(new byte[] {9, 4, 3, 2, 1, 'P', 'A', 'R', '1'}, 1));
    assertEquals(-1, ParquetFooters.footerLength(new byte[] {4, 3, 2, 1, 'P', 'A', 'R', 'E'}, 0));
  }

  @Test
  void rewritesAFileWithAShuffledFooterAndHashesTheResult(@TempDir java.nio.file.Path tmp) throws Exception {
    byte[] body = "PAR1 pages and indexes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] shuffled = footer(List.of(Encoding.RLE, Encoding.PLAIN), List.of(Encoding.BIT_PACKED, Encoding.RLE));
    byte[] sorted = footer(List.of(Encoding.PLAIN, Encoding.RLE), List.of(Encoding.RLE, Encoding.BIT_PACKED));
    java.nio.file.Path f = tmp.resolve("part-00000.parquet");
    Files.write(f, file(body, shuffled));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    String sha = ParquetFooters.canonicalizeAndHash(fs, new Path(f.toUri()));
    byte[] expected = file(body, sorted);
    assertArrayEquals(expected, Files.readAllBytes(f));
    assertEquals(HexFormat.of().formatHex(HadoopFiles.newSha256().digest(expected)), sha);
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(f), files.filter(p -> !p.getFileName().toString().endsWith(".crc")).toList(), "no copy left");
    }
    // canonical already: the file stays as it is
    assertEquals(sha, ParquetFooters.canonicalizeAndHash(fs, new Path(f.toUri())));
    assertArrayEquals(expected, Files.readAllBytes(f));
  }

  private static byte[] file(byte[] body, byte[] footer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(body);
    out.writeBytes(footer);
    int n = footer.length;
    out.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24), 'P', 'A', 'R', '1'});
    return out.toByteArray();
  }
}
