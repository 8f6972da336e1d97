package org.snnspark.models.bench;

import org.snnspark.models.testutil.KernelParams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.neuron.singlespike.SingleSpikeKernel;
import org.snnspark.models.surrogate.FastSigmoid;

import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: how the single-spike layer's causal filter v_t = beta v_{t-1} + drive_t should run
 * on this CPU. (1) FastSNN's form: the [T, T] lower-triangular matrix of beta^(t-k) times the
 * time-major drive [T, mb n], one float32 GEMM through ND4J; (2) the kernel's scan (forward pass of
 * {@link SingleSpikeKernel}, which also finds the first crossings). Min and median of repeated runs.
 * Args: [batch] [hidden] [reps] [steps...].
 */
public final class SingleSpikeFilterTiming {
    private SingleSpikeFilterTiming() {
    }

    public static void main(String[] args) {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int[] stepsList = args.length > 3 ? Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{100, 500};
        for (int steps : stepsList) {
            Random r = new Random(3);
            double[] drive = new double[mb * steps * n];
            for (int i = 0; i < drive.length; i++) {
                drive[i] = r.nextGaussian() * 0.1;
            }
            double beta = 0.9;
            INDArray filter = Nd4j.create(DataType.FLOAT, steps, steps);
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k <= t; k++) {
                    filter.putScalar(t, k, Math.pow(beta, t - k));
                }
            }
            INDArray x = Nd4j.create(drive, new long[]{steps, (long) mb * n}, 'c').castTo(DataType.FLOAT);
            INDArray out = Nd4j.create(DataType.FLOAT, steps, (long) mb * n);
            SingleSpikeKernel k = new SingleSpikeKernel(n, beta, 1.0, new FastSigmoid(100));
            k.setParameters(KernelParams.of(k, new double[0][]), null);
            double[] gemm = new double[reps], scan = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                Nd4j.gemm(filter, x, out, false, false, 1.0, 0.0);
                long t1 = System.nanoTime();
                k.forward(drive, mb, steps, null);
                long t2 = System.nanoTime();
                gemm[i] = (t1 - t0) / 1e6;
                scan[i] = (t2 - t1) / 1e6;
            }
            Arrays.sort(gemm);
            Arrays.sort(scan);
            System.out.printf("T=%d mb=%d n=%d: GEMM [T,T]x[T,mb n] min=%.2f med=%.2f ms; scan + first crossing"
                    + " min=%.2f med=%.2f ms (chk %.3f %.3f)%n", steps, mb, n, gemm[0], gemm[reps / 2], scan[0],
                    scan[reps / 2], out.getDouble(steps - 1, 0), k.state(0)[(steps - 1) * mb * n]);
        }
    }
}
