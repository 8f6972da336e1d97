package org.snnspark.pipeline.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.OptionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a dataset directory against its manifest: every shard present, row counts"
        + " and SHA-256 checksums as recorded. Exit code 0 when intact, 3 when not.")
public final class VerifyCommand implements Callable<Integer> {
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  @Parameters(paramLabel = "DIR", description = "Dataset directory (any Hadoop path or URI).")
  String dataset;

  @Option(names = "--spark-conf", paramLabel = "spark.hadoop.KEY=VALUE", mapFallbackValue = "",
      description = "Hadoop settings for the dataset's filesystem, repeatable, written as the Spark jobs"
          + " take them (e.g. --spark-conf spark.hadoop.fs.s3a.endpoint=http://host:9000).")
  Map<String, String> conf = new LinkedHashMap<>();

  @Override
  public Integer call() {
    DatasetVerifier.Report report = DatasetVerifier.verify(hadoopConf(), dataset);
    System.out.println(report);
    return report.ok() ? 0 : 3;
  }

  private Configuration hadoopConf() {
    Configuration c = new Configuration();
    conf.forEach((key, value) -> {
      if (!key.startsWith(HADOOP_PREFIX)) {
        throw new OptionException("--spark-conf " + key + ": verify starts no Spark job and takes only "
            + HADOOP_PREFIX + "* settings");
      }
      c.set(key.substring(HADOOP_PREFIX.length()), value);
    });
    return c;
  }
}
