package org.snnspark.pipeline.io;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real S3-compatible server on loopback for tests: S3Proxy (its bundled jar, which Maven copies
 * to {@code target/s3proxy/}, system property {@code snnspark.s3proxyJar}) in a JVM of its own,
 * keeping objects in memory (jclouds' transient backend: its filesystem backends answer s3a's
 * deletes of directory markers with errors), with one bucket; and
 * the s3a client ({@code hadoop-aws}) configured for it: path-style requests to
 * {@code http://127.0.0.1:<port>}, fake credentials. Hadoop caches one s3a client per bucket and
 * JVM, so after {@link #fs()} every {@code s3a://<bucket>/} path of this JVM, Spark's tasks in
 * local mode included, talks to this server whatever Configuration it is resolved with.
 */
public final class LoopbackS3 implements AutoCloseable {
  private static final String ACCESS_KEY = "snn-spark-test";
  private static final String SECRET_KEY = "not-a-secret";

  private final Process server;
  private final int port;
  private final String bucket;
  private final Configuration conf;
  private final Path log;

  public LoopbackS3(Path dir, String bucket) throws IOException, InterruptedException {
    this.bucket = bucket;
    Files.createDirectories(dir);
    port = freePort();
    Path props = dir.resolve("s3proxy.conf");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient"), StandardCharsets.UTF_8);
    log = dir.resolve("s3proxy.log");
    String jar = System.getProperty("snnspark.s3proxyJar");
    if (jar == null || !new File(jar).isFile()) {
      throw new IllegalStateException("S3Proxy's jar not found (" + jar + "): run the tests through Maven,"
          + " which copies it to pipeline/target/s3proxy/");
    }
    ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar, "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LOG_LEVEL", System.getProperty("snnspark.s3proxyLogLevel", "info"));
    server = pb.start();
    awaitListening();
    createBucket();
    conf = clientConf();
  }

  private void createBucket() {
    com.amazonaws.services.s3.AmazonS3 client = com.amazonaws.services.s3.AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration(
            "http://127.0.0.1:" + port, "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .withCredentials(new com.amazonaws.auth.AWSStaticCredentialsProvider(
            new com.amazonaws.auth.BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
    try {
      client.createBucket(bucket);
    } finally {
      client.shutdown();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("S3Proxy exited (" + server.exitValue() + "): " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("S3Proxy did not listen on port " + port + " within 60 s: " + Files.readString(log));
  }

  /** What a user passes as {@code spark.hadoop.*} for an S3-compatible store at this endpoint. */
  public List<String> settings() {
    return List.of(
        "fs.s3a.endpoint=http://127.0.0.1:" + port,
        "fs.s3a.endpoint.region=us-east-1",
        "fs.s3a.path.style.access=true",
        "fs.s3a.connection.ssl.enabled=false",
        "fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.access.key=" + ACCESS_KEY,
        "fs.s3a.secret.key=" + SECRET_KEY,
        // S3Proxy does not answer s3a's bulk delete (POST ?delete): one DELETE per object instead
        "fs.s3a.multiobjectdelete.enable=false",
        // no DELETE of every parent's directory marker after each write (Hadoop's advice for speed)
        "fs.s3a.directory.marker.retention=keep",
        // a failing request fails the test now instead of after minutes of retries
        "fs.s3a.connection.timeout=20000",
        "fs.s3a.attempts.maximum=2",
        "fs.s3a.retry.limit=2");
  }

  private Configuration clientConf() {
    Configuration c = new Configuration();
    for (String kv : settings()) {
      int eq = kv.indexOf('=');
      c.set(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return c;
  }

  /** {@code s3a://<bucket>} */
  public String uri() {
    return "s3a://" + bucket;
  }

  public int port() {
    return port;
  }

  public Configuration conf() {
    return conf;
  }

  /** The (cached) s3a client of the bucket. */
  public FileSystem fs() throws IOException {
    return new org.apache.hadoop.fs.Path(uri() + "/").getFileSystem(conf);
  }

  /** Uploads local files into {@code dir} (a path in the bucket); returns the directory's URI. */
  public String put(String dir, Path... files) throws IOException {
    org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(uri() + dir);
    for (Path f : files) {
      fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()),
          new org.apache.hadoop.fs.Path(d, f.getFileName().toString()));
    }
    return d.toString();
  }

  /** The names in a directory (a URI in the bucket), sorted. */
  public List<String> list(String dir) throws IOException {
    return Arrays.stream(fs().listStatus(new org.apache.hadoop.fs.Path(dir))).map(s -> s.getPath().getName())
        .sorted().collect(Collectors.toList());
  }

  public byte[] readBytes(String file) throws IOException {
    try (InputStream in = fs().open(new org.apache.hadoop.fs.Path(file))) {
      return in.readAllBytes();
    }
  }

  public String read(String file) throws IOException {
    return new String(readBytes(file), StandardCharsets.UTF_8);
  }

  public void write(String file, String content) throws IOException {
    try (OutputStream o = fs().create(new org.apache.hadoop.fs.Path(file), true)) {
      o.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    server.destroy();
    try {
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
  }
}
