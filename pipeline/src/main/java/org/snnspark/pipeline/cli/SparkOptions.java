package org.snnspark.pipeline.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a job runs: shared by every command that starts Spark. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[*], local[N], spark://host:port, yarn, k8s://https://host:port."
          + " Ignored when spark-submit already set one. Default: ${DEFAULT-VALUE}")
  public String master = "local[*]";

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Extra Spark configuration, repeatable (e.g. --spark-conf spark.executor.memory=4g).")
  public Map<String, String> conf = new LinkedHashMap<>();
}
