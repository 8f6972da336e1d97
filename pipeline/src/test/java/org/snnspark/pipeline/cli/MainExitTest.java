package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** When the command line's main returns instead of exiting (YarnClusterTrainingIT runs the real case). */
class MainExitTest {
  private static Properties driver(String master, String deployMode) {
    Properties p = new Properties();
    p.setProperty("spark.master", master);
    p.setProperty("spark.submit.deployMode", deployMode);
    return p;
  }

  @Test
  void aSuccessfulDriverUnderYarnsApplicationMasterReturns() {
    assertTrue(MainExit.returnsInstead(0, driver("yarn", "cluster")));
  }

  @Test
  void aFailedDriverUnderYarnsApplicationMasterStillExitsWithItsCode() {
    assertFalse(MainExit.returnsInstead(1, driver("yarn", "cluster")));
    assertFalse(MainExit.returnsInstead(2, driver("yarn", "cluster")));
  }

  @Test
  void everyOtherDriverExits() {
    assertFalse(MainExit.returnsInstead(0, driver("yarn", "client")));
    assertFalse(MainExit.returnsInstead(0, driver("spark://127.0.0.1:7077", "cluster")));
    assertFalse(MainExit.returnsInstead(0, driver("local[*]", "client")));
    assertFalse(MainExit.returnsInstead(0, new Properties()));
  }
}
