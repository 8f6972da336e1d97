package org.snnspark.models.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.InputEvents;

import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: times the event-driven input product x W and dW = x^T g ({@link InputEvents}) against
 * ND4J's sgemm at the sparch layer-1 shape (rows T * B = 12800, 700 inputs, 128 outputs) per density.
 * {@code -Dcpu=true}: the calling thread's CPU time instead of wall time, for a machine that is
 * busy with other work; run it with {@code -Dsnnspark.kernel.threads=1} and
 * {@code OPENBLAS_NUM_THREADS=1} so all the work is on that thread.
 * <pre>
 *   java --add-modules=jdk.incubator.vector -cp ... org.snnspark.models.bench.InputEventsTiming [density,...] [reps]
 * </pre>
 */
public final class InputEventsTiming {
    private InputEventsTiming() {
    }

    public static void main(String[] args) {
        double[] densities = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToDouble(Double::parseDouble).toArray()
                : new double[]{0.01, 0.05, 0.1, 0.2, 0.3};
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int rows = Integer.getInteger("rows", 12800), nIn = Integer.getInteger("nIn", 700), nOut = Integer.getInteger("nOut", 128);
        Random r = new Random(1);
        INDArray w = Nd4j.rand(DataType.FLOAT, nIn, nOut).dup('f');
        double[] g = new double[rows * nOut];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextGaussian();
        }
        INDArray gArr = Nd4j.createFromArray(g).reshape(rows, nOut).castTo(DataType.FLOAT);
        INDArray z = Nd4j.create(DataType.FLOAT, rows, nOut);
        INDArray dW = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        double[] out = new double[rows * nOut];
        InputEvents events = new InputEvents(nIn, nOut);
        boolean cpu = Boolean.getBoolean("cpu");
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier clock = cpu ? mx::getCurrentThreadCpuTime : System::nanoTime;
        for (double d : densities) {
            float[] xs = new float[rows * nIn];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = r.nextDouble() < d ? 1f : 0f;
            }
            INDArray x = Nd4j.create(xs, new long[]{rows, nIn}, 'c');
            double[] fwd = new double[reps], bwd = new double[reps], gf = new double[reps], gb = new double[reps];
            for (int i = -5; i < reps; i++) {
                long t0 = clock.getAsLong();
                events.product(x, rows, w, null, out);
                long t1 = clock.getAsLong();
                events.weightGradient(x, rows, g, dW);
                long t2 = clock.getAsLong();
                Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
                long t3 = clock.getAsLong();
                Nd4j.gemm(x, gArr, dW, true, false, 1.0, 0.0);
                long t4 = clock.getAsLong();
                if (i >= 0) {
                    fwd[i] = (t1 - t0) / 1e6;
                    bwd[i] = (t2 - t1) / 1e6;
                    gf[i] = (t3 - t2) / 1e6;
                    gb[i] = (t4 - t3) / 1e6;
                }
            }
            System.out.printf("density %.2f  events: x W %.2f ms, x^T g %.2f ms   sgemm: %.2f ms, %.2f ms   speedup %.2fx / %.2fx%n",
                    d, median(fwd), median(bwd), median(gf), median(gb), median(gf) / median(fwd), median(gb) / median(bwd));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
