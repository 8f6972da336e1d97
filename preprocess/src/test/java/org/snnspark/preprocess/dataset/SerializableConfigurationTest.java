package org.snnspark.preprocess.dataset;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** A configuration shipped to tasks holds the same properties as the driver's. */
class SerializableConfigurationTest {
  @Test
  void everyPropertyArrivesWithItsValue() throws Exception {
    Configuration conf = new Configuration(); // Hadoop's defaults loaded, as the driver's
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
    conf.set("snnspark.test.unicode", "Grüße, 音");
    conf.set("snnspark.test.long", "x".repeat(100_000)); // longer than writeUTF takes
    conf.set("fs.default.name", "file:///"); // deprecated: Hadoop also sets fs.defaultFS

    Configuration back = roundTrip(new SerializableConfiguration(conf)).get();

    assertEquals(properties(conf), properties(back));
    assertEquals("file:///", back.get("fs.defaultFS"));
    assertEquals("x".repeat(100_000), back.get("snnspark.test.long"));
  }

  private static SerializableConfiguration roundTrip(SerializableConfiguration c) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SerializableConfiguration) in.readObject();
    }
  }

  private static Map<String, String> properties(Configuration conf) {
    Map<String, String> m = new TreeMap<>();
    conf.forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }
}
