package org.snnspark.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlopsTest {
  @Test
  void aGemmCountsAMultiplyAndAnAddPerTerm() {
    assertEquals(2.0 * 12800 * 700 * 128, Flops.gemm(12800, 700, 128));
    assertEquals(2.0 * 2048 * 2048 * 2048, Flops.gemm(2048, 2048, 2048));
  }

  @Test
  void aLayerForwardIsTheInputGemmPlusTheRecurrentProductWhenRecurrent() {
    // B 128, T 100, 700 -> 128: the input projection [12800, 700] x [700, 128]
    assertEquals(2.0 * 128 * 100 * 700 * 128, Flops.layerForward(128, 100, 700, 128, false));
    assertEquals(2.0 * 128 * 100 * 700 * 128 + 2.0 * 128 * 100 * 128 * 128,
        Flops.layerForward(128, 100, 700, 128, true));
  }

  @Test
  void backwardIsTwiceTheForwardProducts() {
    double f = Flops.layerForward(32, 50, 700, 256, true);
    assertEquals(2 * f, Flops.layerBackward(32, 50, 700, 256, true));
    assertEquals(3 * f, Flops.layerForwardBackward(32, 50, 700, 256, true));
  }

  @Test
  void sparchsRadlifStepIsAbout8point6GflopPerBatchOf128() {
    // the input GEMM alone is 2.3 GFLOP forward; the recurrent products and backward bring it to ~8.6
    int[] hidden = {128, 128};
    double step = Flops.network(128, 100, 700, hidden, true, 20);
    double rows = 128 * 100;
    double input = 2 * rows * 700 * 128;
    double hh = 2 * rows * 128 * 128;
    double readout = 2 * rows * 128 * 20;
    double forward = input + hh + hh + hh + readout;
    assertEquals(forward, Flops.networkForward(128, 100, 700, hidden, true, 20));
    // backward: everything twice, except the data's gradient (the first input GEMM's dX)
    assertEquals(forward + 2 * forward - input, step);
    assertEquals(8.56, step / 1e9, 0.01);
    assertEquals(2.29, input / 1e9, 0.01);
    assertEquals(1.37, (step - forward) / forward, 0.01);
    // batch 32 is a quarter of the work
    assertEquals(step / 4, Flops.network(32, 100, 700, hidden, true, 20), 1);
  }

  @Test
  void aNonRecurrentNetworkHasNoRecurrentProducts() {
    double rows = 16 * 10;
    double expected = 3 * (2 * rows * 700 * 64) - 2 * rows * 700 * 64 + 3 * (2 * rows * 64 * 20);
    assertEquals(expected, Flops.network(16, 10, 700, new int[] {64}, false, 20));
  }
}
