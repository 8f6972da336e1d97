package org.snnspark.pipeline.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a dataset directory against its manifest: every shard present, row counts"
        + " and SHA-256 checksums as recorded. Exit code 0 when intact, 3 when not.")
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Dataset directory (any Hadoop path or URI).")
  String dataset;

  @Override
  public Integer call() {
    DatasetVerifier.Report report = DatasetVerifier.verify(new Configuration(), dataset);
    System.out.println(report);
    return report.ok() ? 0 : 3;
  }
}
