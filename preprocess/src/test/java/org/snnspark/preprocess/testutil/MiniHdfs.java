package org.snnspark.preprocess.testutil;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.datanode.DataNode;

/**
 * A real HDFS (one NameNode, one DataNode, in this JVM) on loopback ports chosen by the OS, for
 * tests that must see HDFS semantics (renames, quotas, the block protocol) rather than a local
 * disk. Start one per test class: it costs a few seconds.
 */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;

  public MiniHdfs(File baseDir) throws IOException {
    Configuration conf = new Configuration();
    // every listener on loopback: RPC, data transfer, IPC and the web UIs
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setBoolean("dfs.permissions.enabled", false);
    // one DataNode: one replica; small blocks (the minimum), so small files still span blocks and
    // space quotas of a few MB are meaningful. Clients of this JVM share the FileSystem instance
    // cached for the cluster's URI (see fs()), and so these settings.
    conf.setInt("dfs.replication", 1);
    conf.setLong("dfs.blocksize", 1 << 20);
    cluster = new MiniDFSCluster.Builder(conf, baseDir)
        .numDataNodes(1)
        .format(true)
        .checkDataNodeAddrConfig(true)
        .build();
    cluster.waitActive();
    cluster.getFileSystem(); // the cached client every Path of this URI in this JVM resolves to
    requireLoopback(cluster.getNameNode().getNameNodeAddress());
    for (DataNode dn : cluster.getDataNodes()) {
      requireLoopback(dn.getXferAddress());
    }
  }

  /**
   * Every TCP socket this JVM listens on (HDFS, Spark, anything else), from {@code ss -ltnp}; an
   * empty list where {@code ss} is not installed.
   */
  public static java.util.List<String> listeningAddresses() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
    } catch (IOException e) {
      return java.util.List.of();
    }
    String pid = "pid=" + ProcessHandle.current().pid() + ",";
    java.util.List<String> out = new java.util.ArrayList<>();
    try (java.io.BufferedReader r = new java.io.BufferedReader(
        new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.contains(pid)) {
          out.add(line.trim().split("\\s+")[3]);
        }
      }
    }
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("ss did not finish within 10 s");
    }
    return out;
  }

  /** Whether a {@code host:port} from {@link #listeningAddresses()} is on loopback. */
  public static boolean isLoopback(String address) {
    String host = address.substring(0, address.lastIndexOf(':'));
    return host.startsWith("127.") || host.equals("[::1]") || host.startsWith("[::ffff:127.");
  }

  private static void requireLoopback(InetSocketAddress a) {
    if (!a.getAddress().isLoopbackAddress()) {
      throw new IllegalStateException("MiniDFSCluster listens on a non-loopback address: " + a);
    }
  }

  /** {@code hdfs://localhost:<port>} (the NameNode's own name for itself; localhost is loopback) */
  public String uri() {
    return cluster.getURI().toString();
  }

  public DistributedFileSystem fs() throws IOException {
    return cluster.getFileSystem();
  }

  public Configuration conf() {
    return cluster.getConfiguration(0);
  }

  /** Copies local files into {@code dir} (a path on this HDFS); returns the directory's URI. */
  public String put(String dir, java.nio.file.Path... files) throws IOException {
    Path d = new Path(uri() + dir);
    fs().mkdirs(d);
    for (java.nio.file.Path f : files) {
      fs().copyFromLocalFile(new Path(f.toUri()), new Path(d, f.getFileName().toString()));
    }
    return d.toString();
  }

  /** The names in a directory (a URI or a path on this HDFS), sorted. */
  public java.util.List<String> list(String dir) throws IOException {
    return java.util.Arrays.stream(fs().listStatus(new Path(dir))).map(s -> s.getPath().getName())
        .sorted().collect(java.util.stream.Collectors.toList());
  }

  public String read(String file) throws IOException {
    try (java.io.InputStream in = fs().open(new Path(file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  public void write(String file, String content) throws IOException {
    try (java.io.OutputStream o = fs().create(new Path(file), true)) {
      o.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
