package org.snnspark.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.snnspark.models.engine.TimeMajor;

class BatchBuilderTest {
  private final BatchBuilder builder = new BatchBuilder(4, 3, 2); // 4 channels, 3 steps, 2 classes

  @Test
  void sparseSpikesBecomeDenseNcwFramesAndOneHotLabels() {
    SparseSample a = new SparseSample("a", 1, new int[] {0, 2, 2}, new int[] {3, 0, 1},
        new int[] {1, 2, 1});
    SparseSample b = new SparseSample("b", 0, new int[] {1}, new int[] {2}, new int[] {5});
    DataSet ds = builder.build(List.of(a, b));

    assertArrayEquals(new long[] {2, 4, 3}, ds.getFeatures().shape());
    assertEquals(1f, ds.getFeatures().getFloat(0, 3, 0));
    assertEquals(2f, ds.getFeatures().getFloat(0, 0, 2));
    assertEquals(1f, ds.getFeatures().getFloat(0, 1, 2));
    assertEquals(5f, ds.getFeatures().getFloat(1, 2, 1));
    assertEquals(4f + 5f, ds.getFeatures().sumNumber().floatValue(), "no other entry is set");
    assertArrayEquals(new float[] {0, 1, 1, 0}, ds.getLabels().data().asFloat());
    assertTrue(TimeMajor.isTimeMajor(ds.getFeatures()), "features are a view of time-major memory");
  }

  @Test
  void streamsAreCutIntoBatchesKeepingTheRemainder() {
    List<SparseSample> samples = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      samples.add(new SparseSample("s" + i, i % 2, new int[0], new int[0], new int[0]));
    }
    Iterator<DataSet> it = builder.batches(samples.iterator(), 3);
    List<Integer> sizes = new ArrayList<>();
    it.forEachRemaining(ds -> sizes.add(ds.numExamples()));
    assertEquals(List.of(3, 3, 1), sizes);
  }

  @Test
  void spikesOutsideTheFrameNameTheSample() {
    SparseSample bad = new SparseSample("shd_train.h5#17", 0, new int[] {3}, new int[] {0},
        new int[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.build(List.of(bad)));
    assertTrue(e.getMessage().contains("shd_train.h5#17"), e.getMessage());
    assertTrue(e.getMessage().contains("time 3"), e.getMessage());
  }

  @Test
  void labelsOutsideTheClassesNameTheSample() {
    SparseSample bad = new SparseSample("x9", 2, new int[0], new int[0], new int[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.build(List.of(bad)));
    assertTrue(e.getMessage().contains("x9") && e.getMessage().contains("label 2"), e.getMessage());
  }

  /** Feature frames of different lengths: values in place, standardised per channel, padding masked. */
  @Test
  void denseFramesAreStandardisedPerChannelAndPaddingIsMasked() {
    // 2 channels (features), 3 steps; "long" fills all 3 frames, "short" 2 of them
    BatchBuilder b = new BatchBuilder(2, 3, 2, new double[] {1, 10}, new double[] {2, 5});
    DenseSample longer = new DenseSample("long", 0, 3, 2, new float[] {1, 10, 3, 20, 5, 30});
    DenseSample shorter = new DenseSample("short", 1, 2, 2, new float[] {7, 15, 9, 0});
    DataSet ds = b.build(List.of(longer, shorter));
    INDArray x = ds.getFeatures();
    assertArrayEquals(new long[] {2, 2, 3}, x.shape());
    assertTrue(TimeMajor.isTimeMajor(x));
    // (value - mean) / std of its channel
    assertEquals(0f, x.getFloat(0, 0, 0));
    assertEquals(2f, x.getFloat(0, 1, 1));
    assertEquals(2f, x.getFloat(0, 0, 2));
    assertEquals(3f, x.getFloat(1, 0, 0));
    assertEquals(-2f, x.getFloat(1, 1, 1));
    assertEquals(0f, x.getFloat(1, 0, 2), "padding stays zero");
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, ds.getFeaturesMaskArray().data().asFloat());
  }

  @Test
  void mismatchedSparseListsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new SparseSample("m", 0, new int[] {1, 2}, new int[] {1}, new int[] {1, 1}));
  }
}
