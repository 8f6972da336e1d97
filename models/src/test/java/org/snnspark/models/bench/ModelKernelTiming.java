package org.snnspark.models.bench;

import org.snnspark.models.testutil.KernelParams;
import org.snnspark.models.neuron.alif.AlifKernel;
import org.snnspark.models.neuron.cuba.CubaKernel;
import org.snnspark.models.neuron.leaky.LeakyKernel;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.surrogate.ArcTan;
import org.snnspark.models.surrogate.FastSigmoid;
import org.snnspark.models.surrogate.MultiGaussian;
import org.snnspark.models.surrogate.Slayer;
import org.snnspark.models.neuron.seadlif.SeAdlifKernel;

import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: times the ALIF, CuBa-LIF, Leaky and SE-adLIF Java kernels alone (forward, backward; min and
 * median of repeated runs) with their layers' default surrogates, as {@link KernelTiming} does for
 * RadLIF. Args: model (ALIF, CUBA, RCUBA, LEAKY, RLEAKY, SE_ADLIF, RSE_ADLIF) [hidden] [batch] [steps] [reps]
 * [driveScale]. The checksum does not depend on -Dsnnspark.kernel.vector.
 */
public final class ModelKernelTiming {
    private ModelKernelTiming() {
    }

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "ALIF";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int mb = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        double scale = args.length > 5 ? Double.parseDouble(args[5]) : 1.0;
        Random r = new Random(3);
        double[] drive = KernelTiming.gaussian(r, mb * steps * n, scale);
        double[] v = KernelTiming.gaussian(r, n * n, 1 / Math.sqrt(n));
        double[][] params = new double[model.endsWith("SE_ADLIF") ? 4 : 2][n];
        LoopKernel k = kernel(model, n, params);
        k.setParameters(KernelParams.of(k, params), v);
        double[] gOut = KernelTiming.gaussian(r, drive.length, 0.01);
        double[] gDrive = new double[drive.length];
        double[] f = new double[reps], bw = new double[reps];
        double[][] dp = new double[params.length][n];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            k.forward(drive, mb, steps, null);
            long t1 = System.nanoTime();
            for (double[] d : dp) {
                Arrays.fill(d, 0.0);
            }
            k.backward(gOut, gDrive, 0, KernelParams.of(k, dp));
            long t2 = System.nanoTime();
            f[i] = (t1 - t0) / 1e6;
            bw[i] = (t2 - t1) / 1e6;
        }
        double rate = Arrays.stream(k.spikes(), 0, mb * steps * n).sum() / (mb * steps * n);
        double chk = Arrays.stream(gDrive, 0, mb * steps * n).sum() + Arrays.stream(dp[0]).sum()
                + Arrays.stream(k.recurrentWeightGradient() == null ? new double[0] : k.recurrentWeightGradient()).sum();
        Arrays.sort(f);
        Arrays.sort(bw);
        System.out.printf("%s n=%d mb=%d T=%d rate=%.3f forward min=%.2f med=%.2f ms backward min=%.2f med=%.2f ms chk=%s%n",
                model, n, mb, steps, rate, f[0], f[reps / 2], bw[0], bw[reps / 2], Double.toString(chk));
    }

    /** The model's kernel with its layer's default surrogate; fills the trained parameters it has. */
    private static LoopKernel kernel(String model, int n, double[][] params) {
        boolean recurrent = model.startsWith("R") || model.equals("ALIF");
        switch (model) {
            case "ALIF":
                Arrays.fill(params[0], Math.exp(-1 / 20.0));
                Arrays.fill(params[1], Math.exp(-1 / 150.0));
                return new AlifKernel(n, true, 0.01, 1.8, 1.0, new MultiGaussian(0.5));
            case "CUBA":
            case "RCUBA":
                return new CubaKernel(n, recurrent, Math.exp(-1 / 5.0), Math.exp(-1 / 10.0), 1.0, true,
                        new FastSigmoid(100));
            case "LEAKY":
            case "RLEAKY":
                Arrays.fill(params[0], 0.9);
                return new LeakyKernel(n, recurrent, Double.NaN, 1.0, true, new ArcTan(2));
            case "SE_ADLIF":
            case "RSE_ADLIF":
                // the middle of the reference's ranges: tau_u 15, tau_w 180 steps, a 0.5, b 1
                Arrays.fill(params[0], Math.exp(-1 / 15.0));
                Arrays.fill(params[1], Math.exp(-1 / 180.0));
                Arrays.fill(params[2], 0.5);
                Arrays.fill(params[3], 1.0);
                return new SeAdlifKernel(n, recurrent, 1.0, 120.0, true, new Slayer(5));
            default:
                throw new IllegalArgumentException("model: ALIF, CUBA, RCUBA, LEAKY, RLEAKY, SE_ADLIF or RSE_ADLIF, got "
                        + model);
        }
    }
}
