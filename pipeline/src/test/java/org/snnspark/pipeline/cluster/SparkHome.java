package org.snnspark.pipeline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A SPARK_HOME assembled by a test, with what a Spark distribution has and nothing more:
 * <ul>
 *   <li>{@code jars/}: symbolic links to the jar files it is given (an integration test passes
 *       Spark's own runtime jars, as a distribution has, plus spark-yarn where YARN is tested);
 *   <li>{@code conf/}: a log4j2 configuration (Spark's INFO lines, the noisiest loggers at WARN) and
 *       an optional {@code spark-defaults.conf};
 *   <li>{@code bin/spark-submit}: like Spark's own, it asks the launcher library
 *       ({@code org.apache.spark.launcher.Main}) for the java command line and runs it.
 * </ul>
 */
final class SparkHome {
  private SparkHome() {}

  /**
   * Libraries Spark itself depends on that the application also uses at compile scope, so Maven
   * lists them as compile, not in the provided class path (found with {@code mvn -pl pipeline
   * dependency:tree -Dverbose}: the artifacts of the spark-core/spark-sql subtrees missing from
   * provided-classpath.txt). A Spark distribution ships them in its jars/.
   */
  private static final List<String> SPARK_LIBS_ALSO_COMPILE_SCOPE = List.of(
      "com/clearspring/analytics/stream", "com/fasterxml/jackson/core/jackson-core",
      "com/google/code/gson/gson", "com/google/flatbuffers/flatbuffers-java", "com/ning/compress-lzf",
      "commons-codec/commons-codec", "commons-collections/commons-collections",
      "commons-io/commons-io", "commons-logging/commons-logging", "joda-time/joda-time",
      "org/apache/commons/commons-compress", "org/apache/commons/commons-lang3",
      "org/apache/commons/commons-math3", "org/lz4/lz4-java", "org/slf4j/slf4j-api");

  /**
   * What a Spark distribution's jars/ holds: Spark's runtime class path (spark-core, spark-sql and
   * their dependencies, Hadoop client, Scala) and nothing of the application, whose classes must
   * all come from the shaded jar: the application's provided class path plus
   * {@link #SPARK_LIBS_ALSO_COMPILE_SCOPE}, taken from this test's class path.
   */
  static List<Path> runtimeJars() {
    Path appJar = Path.of(System.getProperty("snnspark.appJar", "target/snn-spark.jar"));
    Path provided = Path.of(System.getProperty("snnspark.providedClasspath", "target/provided-classpath.txt"));
    if (!Files.isRegularFile(appJar) || !Files.isRegularFile(provided)) {
      throw new IllegalStateException("needs the application jar and its provided class path ("
          + appJar + ", " + provided + "): run it with 'mvn verify', which packages first");
    }
    List<Path> jars = new ArrayList<>();
    try {
      jars.addAll(StandaloneCluster.jarsOf(Files.readString(provided).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path jar : StandaloneCluster.jarsOf(System.getProperty("java.class.path"))) {
      String p = jar.toString().replace('\\', '/');
      if (SPARK_LIBS_ALSO_COMPILE_SCOPE.stream().anyMatch(a -> p.contains("/" + a + "/"))
          && !jars.contains(jar)) {
        jars.add(jar);
      }
    }
    return jars;
  }

  /** Assembles a SPARK_HOME in {@code dir}; {@code sparkDefaults} become spark-defaults.conf lines. */
  static Path assemble(Path dir, List<Path> jarFiles, Map<String, String> sparkDefaults) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("jars"));
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (Path jar : jarFiles) {
      Path link = jars.resolve(jar.getFileName().toString());
      for (int n = 2; Files.exists(link, LinkOption.NOFOLLOW_LINKS); n++) {
        link = jars.resolve(n + "-" + jar.getFileName()); // same file name, other artifact
      }
      Files.createSymbolicLink(link, jar.toAbsolutePath());
    }
    // Spark's INFO chatter is what one reads when a cluster test fails; the noisiest loggers WARN.
    Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
        "status = warn",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.console.ref = console",
        "logger.jetty.name = org.sparkproject.jetty",
        "logger.jetty.level = warn",
        "logger.native.name = org.apache.hadoop.util.NativeCodeLoader",
        "logger.native.level = error",
        "logger.security.name = org.apache.spark.SecurityManager",
        "logger.security.level = warn",
        ""));
    if (!sparkDefaults.isEmpty()) {
      Files.writeString(conf.resolve("spark-defaults.conf"), sparkDefaults.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
    }
    // What Spark's bin/spark-submit does: the launcher library prints the driver's java command
    // (driver memory, class path and java options included), NUL-separated after a line holding
    // only a NUL; anything before that line is a message for the user.
    Path submit = bin.resolve("spark-submit");
    Files.writeString(submit, String.join("\n",
        "#!/usr/bin/env bash",
        "# spark-submit of a SPARK_HOME assembled by a test (see SparkHome)",
        "set -uo pipefail",
        "SPARK_HOME=\"${SPARK_HOME:-$(cd \"$(dirname \"$0\")/..\" && pwd)}\"",
        "export SPARK_HOME",
        "RUNNER=\"${JAVA_HOME:+$JAVA_HOME/bin/}java\"",
        "CMD=()",
        "DELIM=$'\\n'",
        "STARTED=false",
        "while IFS= read -d \"$DELIM\" -r ARG; do",
        "  if [[ $STARTED == true ]]; then CMD+=(\"$ARG\")",
        "  elif [[ -z $ARG ]]; then DELIM=''; STARTED=true",
        "  else echo \"$ARG\"; fi",
        "done < <(\"$RUNNER\" -Xmx128m -cp \"$SPARK_HOME/jars/*\" org.apache.spark.launcher.Main"
            + " org.apache.spark.deploy.SparkSubmit \"$@\"; printf '%d\\0' $?)",
        "if (( ${#CMD[@]} == 0 )); then echo 'spark-submit: no launch command' >&2; exit 1; fi",
        "STATUS=${CMD[${#CMD[@]}-1]}",
        "unset 'CMD[${#CMD[@]}-1]'",
        "if [[ $STATUS != 0 ]]; then exit \"$STATUS\"; fi",
        "exec \"${CMD[@]}\"",
        ""));
    submit.toFile().setExecutable(true);
    return dir;
  }
}
