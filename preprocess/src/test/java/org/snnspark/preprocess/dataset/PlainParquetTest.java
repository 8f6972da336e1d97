package org.snnspark.preprocess.dataset;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.testutil.Fixtures;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * Shards are plain Parquet: parquet-mr's generic reader (no Spark) reads them, and the schema uses
 * only standard types — UTF-8 strings, int32/int64 and the standard 3-level LIST — that pandas,
 * pyarrow and DuckDB map to ordinary columns.
 */
class PlainParquetTest {

  @Test
  void genericParquetReaderReadsShards(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig()
        .setInputDir(Fixtures.h5pyShd().toString()).setOutput(out.toString()).setShardsPerSplit(1))
        .run(TestSpark.get());
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path shard = new org.apache.hadoop.fs.Path(out.resolve(m.getShards().get(0).getPath()).toUri());
    MessageType schema;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(shard, conf))) {
      schema = r.getFooter().getFileMetaData().getSchema();
    }
    String text = schema.toString();
    assertTrue(text.contains("optional binary sample_id (STRING)"), text);
    assertTrue(text.contains("optional int32 speaker"), text);
    assertTrue(text.contains("optional group spike_time (LIST) {\n    repeated group list {\n      required int32 element;"), text);
    int rows = 0;
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), shard).withConf(conf).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        assertEquals("shd_train/" + rows, g.getString("sample_id", 0));
        int entries = g.getGroup("spike_time", 0).getFieldRepetitionCount("list");
        assertEquals(entries, g.getGroup("spike_count", 0).getFieldRepetitionCount("list"));
        rows++;
      }
    }
    assertEquals(24, rows);
  }
}
