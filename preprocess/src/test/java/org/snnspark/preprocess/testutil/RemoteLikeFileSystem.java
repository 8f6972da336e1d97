package org.snnspark.preprocess.testutil;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme ({@code rlocal:///tmp/x}): to the job it is a non-local
 * filesystem like hdfs or s3a, so sources are copied to executors and outputs are committed by
 * FileSystem renames, without needing a cluster in tests.
 */
public class RemoteLikeFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "rlocal";

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }
}
