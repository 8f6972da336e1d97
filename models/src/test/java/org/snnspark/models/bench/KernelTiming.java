package org.snnspark.models.bench;

import org.snnspark.models.testutil.KernelParams;
import org.snnspark.models.neuron.lif.LifKernel;
import org.snnspark.models.surrogate.Boxcar;

import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: times the RadLIF Java kernel alone (forward, backward; min and median of repeated
 * runs), no ND4J. Args: [batch] [reps] [driveScale]. Run it with --add-modules=jdk.incubator.vector
 * (-Dsnnspark.kernel.vector=false for the scalar loops); the checksum is the same either way.
 */
public final class KernelTiming {
    private KernelTiming() {
    }

    public static void main(String[] args) {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 3.0;
        int n = 128, steps = 100;
        Random r = new Random(3);
        double[] drive = gaussian(r, mb * steps * n, scale);
        double[] v = gaussian(r, n * n, 0.1);
        double[] a = new double[n], b = new double[n], aa = new double[n], bb = new double[n];
        Arrays.fill(a, 0.9);
        Arrays.fill(b, 0.95);
        Arrays.fill(aa, 0.1);
        Arrays.fill(bb, 0.5);
        LifKernel k = new LifKernel(n, true, true, 1.0, new Boxcar(0.5));
        k.setParameters(a, b, aa, bb, v);
        double[] gOut = gaussian(r, drive.length, 0.01);
        double[] gDrive = new double[drive.length];
        double[] f = new double[reps], bw = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            k.forward(drive, mb, steps, null);
            long t1 = System.nanoTime();
            double[][] dp = new double[4][n];
            k.backward(gOut, gDrive, 0, KernelParams.of(k, dp));
            long t2 = System.nanoTime();
            f[i] = (t1 - t0) / 1e6;
            bw[i] = (t2 - t1) / 1e6;
        }
        double rate = Arrays.stream(k.spikes(), 0, mb * steps * n).sum() / (mb * steps * n);
        double chk = Arrays.stream(gDrive, 0, mb * steps * n).sum();
        Arrays.sort(f);
        Arrays.sort(bw);
        System.out.printf("kernel mb=%d rate=%.3f forward min=%.2f med=%.2f ms backward min=%.2f med=%.2f ms chk=%s%n",
                mb, rate, f[0], f[reps / 2], bw[0], bw[reps / 2], Double.toString(chk));
    }

    /** {@code length} normal values times {@code scale}. */
    static double[] gaussian(Random r, int length, double scale) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = r.nextGaussian() * scale;
        }
        return x;
    }
}
