package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindInputsTest {
  private final Configuration conf = new Configuration();

  @Test
  void findsSplitsByFileName(@TempDir Path dir) throws Exception {
    for (String f : List.of("ssc_train.h5", "ssc_valid.h5", "ssc_test.h5", "README.txt", "ssc_train.h5.gz")) {
      Files.writeString(dir.resolve(f), "x");
    }
    Map<String, String> found = SpikePreprocessJob.findInputs(dir.toString(), conf);
    assertEquals(List.of("test", "train", "valid"), List.copyOf(found.keySet()));
    assertTrue(found.get("valid").endsWith("/ssc_valid.h5"));
    // explicit inputs win over the directory's, and come in train, valid, test order
    SpikePreprocessConfig cfg = new SpikePreprocessConfig().setInputDir(dir.toString()).addInput("test", "/other/t.h5");
    Map<String, String> resolved = new SpikePreprocessJob(cfg).resolveInputs(conf);
    assertEquals(List.of("train", "valid", "test"), List.copyOf(resolved.keySet()));
    assertEquals("/other/t.h5", resolved.get("test"));
  }

  @Test
  void explainsWhatIsWrongWithADirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("shd_train.h5.gz"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpikePreprocessJob.findInputs(dir.toString(), conf));
    assertTrue(e.getMessage().contains("found compressed [shd_train.h5.gz]: decompress them first"), e.getMessage());
    Files.writeString(dir.resolve("shd_train.h5"), "x");
    Files.writeString(dir.resolve("ssc_test.h5"), "x");
    e = assertThrows(IllegalArgumentException.class, () -> SpikePreprocessJob.findInputs(dir.toString(), conf));
    assertTrue(e.getMessage().contains("both shd_ and ssc_"), e.getMessage());
  }
}
