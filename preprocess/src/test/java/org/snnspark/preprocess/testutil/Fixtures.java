package org.snnspark.preprocess.testutil;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths of the committed test fixtures. */
public final class Fixtures {
  private Fixtures() {}

  /** The h5py-written SHD-layout files (see fixtures/make_shd_fixture.py). */
  public static Path h5pyShd() {
    return directoryOf("/fixtures/h5py-shd/shd_train.h5");
  }

  /**
   * shd_train.h5 of {@link #h5pyShd()} with chunked, gzip-compressed spikes (see
   * fixtures/make_chunked_fixture.py): {@code f16-gzip} keeps the Heidelberg types, {@code f32-gzip}
   * stores float32 times and big-endian uint32 units.
   */
  public static Path h5pyShdChunked(String variant) {
    return directoryOf("/fixtures/h5py-shd-chunked/" + variant + "/shd_train.h5");
  }

  private static Path directoryOf(String resource) {
    try {
      return Paths.get(Fixtures.class.getResource(resource).toURI()).getParent();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + resource, e);
    }
  }
}
