package org.snnspark.pipeline.cli;

import java.util.Properties;

/**
 * How the command line's {@code main} ends: with {@code System.exit(code)}, except after a success
 * in a driver that YARN's ApplicationMaster runs ({@code --deploy-mode cluster}). There {@code main}
 * is a thread of the ApplicationMaster's JVM, which reports the application's final status to YARN
 * when {@code main} returns; an exit, even with 0, runs its shutdown hook first, and YARN records
 * the application as FAILED ("Shutdown hook called before final status was reported"), so
 * spark-submit fails too. A failure still exits with its code: YARN records FAILED either way.
 */
final class MainExit {
  private MainExit() {}

  static void with(int code) {
    if (!returnsInstead(code, System.getProperties())) {
      System.exit(code);
    }
  }

  /**
   * Whether {@code main} should return instead of exiting: a success under the ApplicationMaster,
   * which sets {@code spark.master=yarn} and {@code spark.submit.deployMode=cluster} as system
   * properties before it calls {@code main}.
   */
  static boolean returnsInstead(int code, Properties system) {
    return code == 0 && "yarn".equals(system.getProperty("spark.master"))
        && "cluster".equals(system.getProperty("spark.submit.deployMode"));
  }
}
