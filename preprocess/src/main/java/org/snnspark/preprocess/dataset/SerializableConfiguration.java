package org.snnspark.preprocess.dataset;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;

/**
 * Ships the driver's Hadoop configuration (filesystem settings, credentials providers...) to
 * tasks; Hadoop's Configuration is Writable but not Serializable.
 *
 * <p>Only the properties travel, as key and value, not Hadoop's own {@code write} form: that one
 * adds each property's sources, every one as a gzip stream of its own (Spark's configuration has
 * some 1,000 properties), several times the cost of the plain pairs, paid on the driver for every
 * closure and broadcast that holds a configuration. What the tasks see is the
 * same: Hadoop's {@code readFields} also sets each property in turn; only where a value came from
 * (which file or "programmatically", for diagnostics) is not kept.
 */
public final class SerializableConfiguration implements Serializable {
  private static final long serialVersionUID = 2L;
  private transient Configuration conf;

  public SerializableConfiguration(Configuration conf) {
    this.conf = conf;
  }

  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    List<Map.Entry<String, String>> props = new ArrayList<>(conf.size());
    for (Map.Entry<String, String> e : conf) { // a copy of the properties: safe while others set some
      props.add(e);
    }
    out.writeInt(props.size());
    for (Map.Entry<String, String> e : props) {
      Text.writeString(out, e.getKey()); // any length of UTF-8, unlike writeUTF
      Text.writeString(out, e.getValue());
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      conf.set(Text.readString(in), Text.readString(in));
    }
  }
}
