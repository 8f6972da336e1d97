package org.snnspark.pipeline.nir;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.InputProjection;

/**
 * A layer's input side, drive = BN(x W + bias), as one NIR weight node: {@code Linear} when there
 * is neither bias nor batch-norm, else {@code Affine}. Batch-norm at inference is the affine map
 * scale (z - mean) + shift with scale = gamma / sqrt(var + eps), folded into W and the bias
 * exactly as {@link InputProjection} applies it. NIR's weight is (out, in): W transposed. On
 * import the way back: W and a bias, which also takes an Affine w_rec's constant drive.
 */
final class InputWeights {
  private InputWeights() {}

  static NirNode node(Map<String, INDArray> params, long nIn, long nOut, boolean hasBias, boolean batchNorm,
      NirArray.Dtype dtype) {
    double[] scale = new double[(int) nOut];
    double[] offset = new double[(int) nOut];
    java.util.Arrays.fill(scale, 1.0);
    INDArray bias = hasBias ? params.get(InputProjection.BIAS) : null;
    for (int j = 0; j < nOut; j++) {
      double b = bias == null ? 0.0 : bias.getDouble(j);
      if (batchNorm) {
        scale[j] = params.get(InputProjection.BN_GAMMA).getDouble(j)
            / Math.sqrt(params.get(InputProjection.BN_VAR).getDouble(j) + InputProjection.BN_EPS);
        offset[j] = params.get(InputProjection.BN_BETA).getDouble(j)
            - params.get(InputProjection.BN_MEAN).getDouble(j) * scale[j];
      }
      offset[j] += b * scale[j];
    }
    INDArray w = params.get(InputProjection.W);
    double[] weight = new double[(int) (nIn * nOut)];
    for (int j = 0; j < nOut; j++) {
      for (int i = 0; i < nIn; i++) {
        weight[(int) (j * nIn + i)] = w.getDouble(i, j) * scale[j];
      }
    }
    // folded values are doubles: float32 would round what the layer computes in double
    NirArray.Dtype wType = batchNorm ? NirArray.Dtype.FLOAT64 : dtype;
    NirNode node = new NirNode(hasBias || batchNorm ? NirTypes.AFFINE : NirTypes.LINEAR)
        .with("weight", NirArray.matrix(weight, nOut, nIn, wType));
    if (hasBias || batchNorm) {
      node.with("bias", NirArray.vector(offset, wType));
    }
    return node;
  }

  /**
   * NIR's Linear (out, in) of a recurrent matrix V [n, n] whose row i holds neuron i's targets;
   * the diagonal left out when the layer's kernel ignores it.
   */
  static NirNode recurrent(INDArray v, boolean zeroDiagonal, NirArray.Dtype dtype) {
    int n = (int) v.size(0);
    double[] weight = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        weight[j * n + i] = zeroDiagonal && i == j ? 0.0 : v.getDouble(i, j);
      }
    }
    return new NirNode(NirTypes.LINEAR).with("weight", NirArray.matrix(weight, n, n, dtype));
  }

  /** W [in, out] row-major from NIR's (out, in), and the bias: the weight node's plus w_rec's. */
  static Map<String, double[]> params(NirNode w, NirNode wRec) {
    Map<String, double[]> v = new HashMap<>();
    v.put(InputProjection.W, transpose(w.field("weight")));
    long out = w.field("weight").shape()[0];
    double[] bias = new double[(int) out];
    boolean any = false;
    for (NirNode node : new NirNode[] {w, wRec}) {
      if (node != null && node.type().equals(NirTypes.AFFINE)) {
        any = true;
        for (int j = 0; j < out; j++) {
          bias[j] += node.field("bias").get(j);
        }
      }
    }
    if (any) {
      v.put(InputProjection.BIAS, bias);
    }
    return v;
  }

  static double[] transpose(NirArray m) {
    long rows = m.shape()[0];
    long cols = m.shape()[1];
    double[] t = new double[(int) (rows * cols)];
    for (long r = 0; r < rows; r++) {
      for (long c = 0; c < cols; c++) {
        t[(int) (c * rows + r)] = m.at(r, c);
      }
    }
    return t;
  }
}
