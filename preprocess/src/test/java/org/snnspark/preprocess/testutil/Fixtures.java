package org.snnspark.preprocess.testutil;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths of the committed test fixtures. */
public final class Fixtures {
  private Fixtures() {}

  /** The h5py-written SHD-layout files (see fixtures/make_shd_fixture.py). */
  public static Path h5pyShd() {
    try {
      return Paths.get(Fixtures.class.getResource("/fixtures/h5py-shd/shd_train.h5").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
